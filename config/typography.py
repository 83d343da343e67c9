"""French typography for pages, e-mails and PDFs: the portal's one library (filters in
`config/templatetags/typographie.py`).

- Numbers: « 2 587 031 », « 39,8 % », « +1 204 », « 1 234,50 € ». Thousands are grouped by a narrow
  no-break space (U+202F), the decimal mark is a comma, and a no-break space (U+00A0) precedes « % »
  and « € » so a figure never breaks across lines. Django's own formats agree (`config/formats/fr`).
- Dates: « 3 décembre 2026 », « 1er janvier 2026 », « 3 décembre 2026 à 14 h 32 ».
- Plurals: « 0 commune », « 1 754 territoires » (French: below 2 is singular), never « territoire(s) ».
- Place names with their article, from INSEE's « type de nom en clair » (TNCC, 0–8):
  « d'Aigurande », « de l'Indre », « du Loiret », « des Landes », « de la Creuse », « du Blanc ».
"""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils import dateformat, timezone

NBSP = "\u00a0"
NNBSP = "\u202f"
MINUS = "\u2212"


# --- Numbers ---------------------------------------------------------------------------------------


def fr_number(value, decimals: int = 0) -> str:
    """`2587031` → « 2 587 031 » ; `3.14159, 2` → « 3,14 ». None → « — »."""
    if value is None or value == "":
        return "—"
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = MINUS if number < 0 else ""
    integer, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    text = NNBSP.join(groups)
    if decimals:
        text += "," + fraction.ljust(decimals, "0")
    return sign + text


def fr_decimal(value) -> str:
    """As many decimals as the value has, trailing zeros dropped: `Decimal("1234.50")` → « 1 234,5 »,
    `Decimal("12.00")` → « 12 »."""
    if value is None or value == "":
        return "—"
    number = Decimal(str(value))
    places = 0 if number == number.to_integral_value() else max(0, -number.normalize().as_tuple().exponent)
    return fr_number(number, places)


def fr_percent(value, decimals: int = 1) -> str:
    """A percentage already multiplied by 100: `39.8` → « 39,8 % »."""
    if value is None or value == "":
        return "—"
    return f"{fr_number(value, decimals)}{NBSP}%"


def fr_share(value, decimals: int = 1) -> str:
    """A share between 0 and 1: `0.398` → « 39,8 % »."""
    if value is None or value == "":
        return "—"
    return fr_percent(Decimal(str(value)) * 100, decimals)


def fr_delta(value, decimals: int = 0) -> str:
    """A signed change: `1204` → « +1 204 », `-3` → « −3 », `0` → « = »."""
    if value is None or value == "":
        return "—"
    if Decimal(str(value)) == 0:
        return "="
    text = fr_number(value, decimals)
    return text if text.startswith(MINUS) else f"+{text}"


def fr_euros(value, decimals: int = 0) -> str:
    """`2600000` → « 2 600 000 € » ; `1234.5, 2` → « 1 234,50 € »."""
    if value is None or value == "":
        return "—"
    return f"{fr_number(value, decimals)}{NBSP}€"


def fr_quantity(count, singular: str, plural: str = "") -> str:
    """`1754, "territoire"` → « 1 754 territoires » ; `1, "commune trouvée", "communes trouvées"` →
    « 1 commune trouvée ». French agreement: 0 and 1 (and anything below 2) are singular."""
    return f"{fr_decimal(count)}{NBSP}{fr_plural(count, singular, plural)}"


def fr_plural(count, singular: str, plural: str = "") -> str:
    """The noun alone: `fr_plural(3, "valeur calculée", "valeurs calculées")`. Default plural: + « s »."""
    if count is not None and abs(float(count)) >= 2:
        return plural or f"{singular}s"
    return singular


# --- Punctuation ---------------------------------------------------------------------------------

_SPACE_BEFORE = re.compile(r"\s+(?=[,.)…])")
_SPACE_AFTER = re.compile(r"(?<=\()\s+")


def fr_punctuation(text: str) -> str:
    """No space before a comma, a full stop or a closing parenthesis, none after an opening one: what
    template indentation leaves around `{% for %}`/`{% if %}` (« Loches , Chinon . » → « Loches, Chinon. »).
    The space before « ; : ! ? » is French and stays."""
    return _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", text))


# --- Dates -------------------------------------------------------------------------------------


def _as_date(value):
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def fr_date(value, *, year: bool = True) -> str:
    """`date(2026, 12, 3)` → « 3 décembre 2026 » ; the first of the month is « 1er »."""
    if not value:
        return "—"
    day = _as_date(value)
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {dateformat.format(day, 'F Y' if year else 'F')}"


def fr_datetime(value) -> str:
    """An aware datetime → « 3 décembre 2026 à 14 h 32 » (local time)."""
    if not value:
        return "—"
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{fr_date(moment)} à {fr_time(moment)}"


def fr_time(value) -> str:
    """« 14 h 32 », « 9 h 05 »."""
    return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"


# --- Place names and their article --------------------------------------------------------------

# INSEE « type de nom en clair » (TNCC) → (article, « de » form, « à » form).
_TNCC = {
    0: ("", "de ", "à "),
    1: ("", "d'", "à "),
    2: ("le ", "du ", "au "),
    3: ("la ", "de la ", "à la "),
    4: ("les ", "des ", "aux "),
    5: ("l'", "de l'", "à l'"),
    6: ("aux ", "des ", "aux "),
    7: ("las ", "de las ", "à las "),
    8: ("los ", "de los ", "à los "),
}
_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"
_ARTICLE_PREFIXES = (("les ", 4), ("le ", 2), ("la ", 3), ("l'", 5), ("l’", 5), ("aux ", 6))


def guess_type_nom(name: str) -> int:
    """TNCC of a name whose type is unknown: its own article if it carries one, else elision by initial.

    A leading « H » is taken as aspirated (no elision): INSEE data gives the right answer when present.
    """
    lowered = name.lower()
    for prefix, tncc in _ARTICLE_PREFIXES:
        if lowered.startswith(prefix):
            return tncc
    return 1 if lowered[:1] in _VOWELS else 0


def _split_article(name: str, tncc: int) -> tuple[str, bool]:
    """(name without its article, whether the article was part of the name, as in « Le Blanc »)."""
    article = _TNCC[tncc][0]
    if article and name.lower().replace("’", "'").startswith(article):
        return name[len(article) :], True
    return name, False


def _name_and_type(place, type_nom=None) -> tuple[str, int]:
    if isinstance(place, str):
        name = place
    else:
        name = place.nom
        type_nom = type_nom if type_nom is not None else getattr(place, "type_nom", None)
    if type_nom is None or type_nom not in _TNCC:
        type_nom = guess_type_nom(name)
    return name, type_nom


def _with(place, type_nom, column: int) -> str:
    name, tncc = _name_and_type(place, type_nom)
    rest, in_name = _split_article(name, tncc)
    if in_name and tncc in (3, 5, 7, 8):
        # A commune's own article stays as written: « de La Châtre », « à L'Île-Bouchard ».
        return f"{_TNCC[0][column]}{name}"
    return f"{_TNCC[tncc][column]}{rest}"


def fr_de(place, type_nom=None) -> str:
    """« d'Aigurande », « de l'Indre », « du Loiret », « des Landes », « du Blanc », « de La Châtre »."""
    return _with(place, type_nom, 1)


def fr_a(place, type_nom=None) -> str:
    """« à Tours », « au Blanc », « à l'Indre »… (for communes: « à Loches », « au Mans »)."""
    return _with(place, type_nom, 2)


def fr_le(place, type_nom=None) -> str:
    """The name with its article, lower-case unless part of the name: « le Loiret », « l'Indre », « Le Blanc »."""
    name, tncc = _name_and_type(place, type_nom)
    rest, in_name = _split_article(name, tncc)
    return name if in_name else f"{_TNCC[tncc][0]}{rest}"
