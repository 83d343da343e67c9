"""The generic form of a register entry (built from its declaration), the commune autocomplete, the perimeter
field, the child rows, the attachment and the import forms."""

import re

from django import forms
from django.db import models
from django.forms import inlineformset_factory, modelform_factory
from django.urls import reverse

from config.forms import BaseForm, BaseModelForm
from config.numbers import IsoDateInput
from config.uploads import DOCUMENT_KINDS, ImportFileField, ValidatedFileField
from registres.perms import editable_departements
from territoires.models import EPCI, Commune

DATE_WIDGET = IsoDateInput()
CODE_IN_TEXT = re.compile(r"(?:^|\()\s*(\d[0-9AB]\d{3})\s*\)?\s*$")
SEPARATORS = re.compile(r"[\s,;|]+")


def commune_label(commune: Commune) -> str:
    """« Tours (37261) »: what the autocomplete proposes and what the field reads back."""
    return f"{commune.nom} ({commune.code_insee})"


def find_commune(text: str, queryset) -> Commune | None:
    """The commune a text names: « Tours (37261) », « 37261 », or a name that only one commune of the queryset
    bears (accents and case ignored)."""
    from territoires.text import normalize

    text = (text or "").strip()
    if not text:
        return None
    match = CODE_IN_TEXT.search(text)
    if match:
        return queryset.filter(code_insee=match.group(1)).first()
    candidates = [commune for commune in queryset.search(text)[:20] if normalize(commune.nom) == normalize(text)]
    return candidates[0] if len(candidates) == 1 else None


class CommuneWidget(forms.TextInput):
    """A text input with a <datalist> filled by htmx while typing (never a select of every commune)."""

    template_name = "registres/widgets/commune.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        liste = f"{widget_id}-liste"
        context["widget"]["liste"] = liste
        context["widget"]["attrs"].update(
            {
                "list": liste,
                "hx-get": reverse("registres:communes"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": f"#{liste}",
                "hx-swap": "innerHTML",
            }
        )
        return context


class CommuneField(forms.ModelChoiceField):
    """A commune typed with autocomplete: « Tours (37261) », its INSEE code or its exact name."""

    widget = CommuneWidget
    default_error_messages = {
        "invalid_choice": "Commune inconnue de votre périmètre : tapez son nom et choisissez-la dans la liste "
        "proposée, ou saisissez son code INSEE."
    }

    def __init__(self, queryset=None, **kwargs):
        if not kwargs.get("help_text"):
            kwargs["help_text"] = "Tapez le nom, le code postal ou le code INSEE, puis choisissez dans la liste."
        super().__init__(queryset if queryset is not None else Commune.objects.all(), **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Commune):
            return commune_label(value)
        if isinstance(value, int):
            commune = Commune.objects.filter(pk=value).first()
            return commune_label(commune) if commune else ""
        return value or ""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        commune = find_commune(str(value), self.queryset)
        if commune is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return commune

    def has_changed(self, initial, data):
        return self.prepare_value(initial) != (data or "")


def resolve_perimetre(text: str, communes) -> tuple[list[Commune], list[str]]:
    """The communes named by INSEE codes and EPCI SIREN numbers (whole EPCI), and the codes not understood."""
    tokens = [token for token in SEPARATORS.split(text or "") if token]
    codes = {token.upper() for token in tokens if len(token) == 5}
    sirens = {token for token in tokens if len(token) == 9 and token.isdigit()}
    found = {commune.code_insee: commune for commune in communes.filter(code_insee__in=codes)}
    epcis = set(EPCI.objects.filter(siren__in=sirens).values_list("siren", flat=True))
    result = list(found.values()) + list(communes.filter(epci__siren__in=epcis).exclude(code_insee__in=found))
    unknown = [token for token in tokens if token.upper() not in found and token not in epcis]
    return sorted(result, key=lambda commune: commune.code_insee), unknown


class PerimetreField(forms.CharField):
    """The communes of a perimeter, typed as INSEE codes and EPCI SIREN numbers (a whole EPCI)."""

    widget = forms.Textarea(attrs={"rows": 2})

    def __init__(self, queryset=None, **kwargs):
        self.queryset = queryset if queryset is not None else Commune.objects.all()
        for key in ("limit_choices_to", "blank"):
            kwargs.pop(key, None)
        if not kwargs.get("help_text"):
            kwargs["help_text"] = (
                "Codes INSEE des communes ou numéros SIREN des EPCI (toutes leurs communes), séparés par des virgules."
            )
        kwargs["required"] = False
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if value and not isinstance(value, str):
            return ", ".join(sorted(getattr(item, "code_insee", str(item)) for item in value))
        return value or ""

    def clean(self, value):
        text = super().clean(value)
        communes, unknown = resolve_perimetre(text, self.queryset)
        if unknown:
            raise forms.ValidationError(f"Codes inconnus de votre périmètre : {', '.join(unknown)}.")
        return communes


def _communes_of(user):
    return Commune.objects.filter(departement__in=editable_departements(user)).select_related("departement")


def limit_choices(form, registre, user) -> None:
    """Restrict every relation of the form to what the user may see (its own scope, a register's rule)."""
    for name, field in form.fields.items():
        if name in registre.choix:
            field.queryset = registre.choix[name](user)
        elif isinstance(field, CommuneField | PerimetreField):
            field.queryset = _communes_of(user)
        elif isinstance(field, forms.ModelChoiceField):
            manager = field.queryset.model._default_manager
            if hasattr(manager, "visible_to"):
                field.queryset = manager.visible_to(user)


class EntreeForm(BaseModelForm):
    """The form of one entry; `entree_form_class(registre)` builds it from the declaration."""

    def __init__(self, *args, registre, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.registre = registre
        if "departement" in self.fields:
            self.fields["departement"].queryset = editable_departements(user)
            self.fields["departement"].required = not registre.commune
            if registre.commune:
                self.fields["departement"].help_text = "Déduit de la commune quand elle est indiquée."
        limit_choices(self, registre, user)
        for name, label in registre.libelles.items():
            if name in self.fields:
                self.fields[name].label = label

    def clean(self):
        cleaned = super().clean()
        commune, departement = cleaned.get("commune"), cleaned.get("departement")
        if "departement" in self.fields and commune is not None:
            if departement is not None and departement.pk != commune.departement_id:
                self.add_error("commune", f"La commune {commune_label(commune)} n'est pas dans ce département.")
            else:
                cleaned["departement"] = commune.departement
                self.instance.departement = commune.departement
        if "departement" in self.fields and commune is None and departement is None:
            self.add_error("departement", "Indiquez la commune ou le département.")
        return cleaned

    def m2m_values(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if isinstance(self.instance._meta.get_field(name), models.ManyToManyField)
        }


def _widgets(model, names) -> dict:
    return {name: DATE_WIDGET for name in names if isinstance(model._meta.get_field(name), models.DateField)}


def _field_classes(model, names) -> dict:
    classes = {}
    for name in names:
        target = getattr(model._meta.get_field(name), "related_model", None)
        if target is Commune:
            many = isinstance(model._meta.get_field(name), models.ManyToManyField)
            classes[name] = PerimetreField if many else CommuneField
    return classes


def entree_form_class(registre) -> type[EntreeForm]:
    names = [*registre.communs, *registre.champs]
    return modelform_factory(
        registre.model,
        form=EntreeForm,
        fields=names,
        widgets=_widgets(registre.model, names),
        field_classes=_field_classes(registre.model, names),
    )


class EnfantForm(BaseModelForm):
    def __init__(self, *args, registre, user, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, registre, user)


def enfants_formsets(registre, data, *, instance, user) -> list:
    """One inline formset per declared child relation (members of a GHT, stages, merged schemes…)."""
    formsets = []
    for enfant in registre.enfants:
        relation = registre.model._meta.get_field(enfant.relation)
        child = relation.related_model
        formset_class = inlineformset_factory(
            registre.model,
            child,
            form=EnfantForm,
            fields=enfant.champs,
            extra=enfant.extra,
            can_delete=True,
            widgets=_widgets(child, enfant.champs),
            field_classes=_field_classes(child, enfant.champs),
        )
        formset = formset_class(
            data,
            instance=instance,
            prefix=enfant.relation,
            form_kwargs={"registre": registre, "user": user},
        )
        formset.titre = enfant.titre
        formsets.append(formset)
    return formsets


class DocumentForm(BaseForm):
    titre = forms.CharField(label="Titre du document", max_length=200)
    fichier = ValidatedFileField(label="Fichier", kinds=DOCUMENT_KINDS)


class ImportForm(BaseForm):
    fichier = ImportFileField(
        label="Fichier à importer (CSV ou XLSX)",
        help_text="Une ligne par entrée, la première ligne nomme les colonnes. 5 Mo au plus.",
        max_size=5 * 1024 * 1024,
    )
    source = forms.CharField(
        label="Source des lignes",
        max_length=250,
        required=False,
        help_text="Appliquée aux lignes qui n'ont pas de colonne « source » (par exemple : « Liste de la faculté, "
        "septembre 2026 »).",
    )
