"""Adopting another region's value for one's own region: the value, its dates and the regional source."""

from django import forms

from config.forms import BaseForm
from referentiel.enums import NatureSource, Operateur

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class AdoptionForm(BaseForm):
    region_code = forms.ChoiceField(label="Région qui adopte la valeur")
    valeur = forms.DecimalField(label="Valeur", required=False, max_digits=16, decimal_places=4, localize=True)
    operateur = forms.ChoiceField(
        label="Opérateur", required=False, choices=[("", "Aucun (ce n'est pas une borne)"), *Operateur.choices]
    )
    valide_du = forms.DateField(label="Applicable à partir du", **DATE)
    source_titre = forms.CharField(
        label="Document qui fixe la valeur pour la région",
        max_length=300,
        help_text="Par ex. « Délibération du comité de direction de l'ARS du 12 mars 2026 ».",
    )
    source_auteur = forms.CharField(label="Auteur", max_length=200, required=False)
    source_nature = forms.ChoiceField(
        label="Nature du document",
        choices=[(value, label) for value, label in NatureSource.choices if value != NatureSource.DEMONSTRATION],
    )
    source_date = forms.DateField(label="Date du document", required=False, **DATE)
    source_url = forms.URLField(label="Adresse du document", required=False, max_length=500, assume_scheme="https")
    source_precision = forms.CharField(label="Page ou article", max_length=200, required=False)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, region_codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        from territoires.models import Region

        names = dict(Region.objects.filter(code__in=region_codes).values_list("code", "nom"))
        self.fields["region_code"].choices = [(code, names.get(code, code)) for code in region_codes]

    def clean(self):
        data = super().clean()
        if data.get("operateur") and data.get("valeur") is None:
            self.add_error("valeur", "Une borne (avec un opérateur) a une valeur chiffrée.")
        return data
