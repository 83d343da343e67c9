from django import forms
from django.urls import reverse

from config.forms import BaseForm
from portraits.enums import NiveauPerimetre

NIVEAUX = [(value, label) for value, label in NiveauPerimetre.choices if value != NiveauPerimetre.COMMUNES]


class PerimetreForm(BaseForm):
    """A named perimeter: its level and its code (INSEE, SIREN, TVS code, identifier of a CLS or CPTS)."""

    niveau = forms.ChoiceField(label="Niveau", choices=NIVEAUX)
    code = forms.CharField(
        label="Code",
        max_length=64,
        help_text="Code INSEE de la commune, SIREN de l'EPCI, code du TVS ou du département, identifiant du CLS "
        "ou de la CPTS (dans l'adresse de sa page).",
    )


class CommunesForm(BaseForm):
    communes = forms.CharField(
        label="Codes INSEE des communes",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Séparés par des virgules, des espaces ou des retours à la ligne (au plus 3 000).",
    )


class CarteForm(BaseForm):
    """The département whose communes the map draws, to pick communes on it (`?carte=<code>`)."""

    carte = forms.ModelChoiceField(
        label="Département de la carte",
        queryset=None,
        to_field_name="code",
        empty_label="Choisir un département",
    )

    def __init__(self, *args, region_code: str | None, **kwargs):
        from portraits.carte import departements_de_la_carte

        super().__init__(*args, **kwargs)
        self.fields["carte"].queryset = departements_de_la_carte(region_code)
        # With htmx, choosing a département draws its map in place, the communes of the list pressed.
        self.fields["carte"].widget.attrs |= {
            "hx-get": reverse("portraits:carte"),
            "hx-trigger": "change",
            "hx-target": "#carte-communes",
            "hx-include": "#id_communes",
        }
