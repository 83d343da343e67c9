"""The portal's French typography filters, for pages, e-mails and PDFs (`{% load typographie %}`).

Registered as a template library in the settings (`config` is not an app). Every filter wraps one
function of `config.typography`, where the rules are written and tested.

    {{ population|nombre }}              2 587 031
    {{ etp|decimal }}                    0,5
    {{ taux|pourcent }}                  39,8 %       (a percentage: 39.8)
    {{ part|part }}                      39,8 %       (a share: 0.398)
    {{ delta|ecart }}                    +1 204
    {{ montant|euros }}                  2 600 000 €  ({{ montant|euros:2 }} → 1 234,50 €)
    {{ n|quantite:"territoire" }}        1 754 territoires ; {{ n|quantite:"commune trouvée,communes trouvées" }}
    {{ n|pluriel:"valeur" }}             valeur / valeurs (the noun alone)
    {{ jour|date_fr }}                   1er janvier 2026 ; {{ moment|date_heure_fr }} → 3 décembre 2026 à 14 h 32
    {{ moment|heure_fr }}                14 h 32 (local time)
    {{ departement|de }}                 du Loiret, de l'Indre, d'Eure-et-Loir ; {{ commune|a }} → au Blanc
    {{ departement|le }}                 le Loiret, l'Indre
    {% filter ponctuation %}…{% endfilter %}  no space before « , . ) » left by the template's indentation
"""

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from config import typography

register = template.Library()


def _forms(forms: str) -> tuple[str, str]:
    singular, _, plural = str(forms).partition(",")
    return singular.strip(), plural.strip()


@register.filter(is_safe=True)
def ponctuation(text):
    """For a `{% filter ponctuation %}` block of our own markup: keeps it safe when it was."""
    result = typography.fr_punctuation(str(text))
    return mark_safe(result) if isinstance(text, SafeString) else result  # noqa: S308 (input was already safe)


@register.filter
def nombre(value, decimals=0):
    return typography.fr_number(value, int(decimals))


@register.filter
def decimal(value):
    return typography.fr_decimal(value)


@register.filter
def pourcent(value, decimals=1):
    return typography.fr_percent(value, int(decimals))


@register.filter
def part(value, decimals=1):
    return typography.fr_share(value, int(decimals))


@register.filter
def ecart(value, decimals=0):
    return typography.fr_delta(value, int(decimals))


@register.filter
def euros(value, decimals=0):
    return typography.fr_euros(value, int(decimals))


@register.filter
def quantite(count, forms):
    """`{{ n|quantite:"territoire" }}` → « 1 754 territoires » ; irregular: "cheval,chevaux"."""
    if count is None or count == "":
        return "—"
    return typography.fr_quantity(count, *_forms(forms))


@register.filter
def pluriel(count, forms):
    """The noun alone, agreed with `count`: `{{ n|pluriel:"valeur importée,valeurs importées" }}`."""
    return typography.fr_plural(count or 0, *_forms(forms))


@register.filter
def date_fr(value):
    """Empty for no date, like Django's `|date`, so that `|default:"—"` still applies."""
    return typography.fr_date(value) if value else ""


@register.filter
def date_heure_fr(value):
    return typography.fr_datetime(value) if value else ""


@register.filter
def heure_fr(value):
    """« 14 h 32 » in local time; empty for no value."""
    return typography.fr_time(timezone.localtime(value) if timezone.is_aware(value) else value) if value else ""


def _place(function, place, type_nom) -> str:
    if place is None or place == "":
        return ""
    return function(place, int(type_nom) if type_nom not in (None, "") else None)


@register.filter
def de(place, type_nom=None):
    """A région, département, EPCI or commune (or a name plus its INSEE TNCC) after « de »."""
    return _place(typography.fr_de, place, type_nom)


@register.filter(name="le")
def le_(place, type_nom=None):
    return _place(typography.fr_le, place, type_nom)


@register.filter(name="a")
def a_(place, type_nom=None):
    return _place(typography.fr_a, place, type_nom)
