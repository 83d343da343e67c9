from django import forms

from cls.models import LettreIntention, Thematique
from config.forms import BaseModelForm
from config.uploads import PDF_ONLY, ValidatedFileField
from territoires.models import EPCI, Commune


class LettreForm(BaseModelForm):
    """Every field is optional while drafting; completeness is checked when filing."""

    epcis = forms.ModelMultipleChoiceField(
        label="EPCI", queryset=EPCI.objects.all(), required=False, widget=forms.MultipleHiddenInput
    )
    communes = forms.ModelMultipleChoiceField(
        label="Communes", queryset=Commune.objects.all(), required=False, widget=forms.MultipleHiddenInput
    )
    thematiques = forms.ModelMultipleChoiceField(
        label="Priorités de santé envisagées",
        queryset=Thematique.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lettre_signee = ValidatedFileField(label="Lettre d'intention signée (PDF)", kinds=PDF_ONLY, required=False)
    annexe = ValidatedFileField(label="Ajouter une annexe", required=False)

    class Meta:
        model = LettreIntention
        fields = [
            "contact_nom",
            "contact_email",
            "contact_telephone",
            "elu_nom",
            "elu_fonction",
            "motivations",
            "thematiques",
            "thematique_autre",
            "partenaires",
            "calendrier",
            "demande_ingenierie",
            "etp_souhaites",
        ]
        widgets = {
            "motivations": forms.Textarea(attrs={"rows": 5}),
            "partenaires": forms.Textarea(attrs={"rows": 3}),
            "calendrier": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def valid_data(self) -> dict:
        """The fields that passed validation (saved even when another field failed)."""
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        return {name: value for name, value in data.items() if name not in ("lettre_signee", "annexe")}

    def valid_uploads(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in ("lettre_signee", "annexe") if name not in self.errors}
