"""Forms of the ledger: input only; every rule is in services.py (errors come back on the form)."""

from django import forms

from config.forms import BaseForm, BaseModelForm
from financements.enums import Financeur, Programme, StatutCofinancement, StatutEngagement
from financements.models import Beneficiaire, Enveloppe
from territoires.models import Departement

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
MONEY = {"min_value": 0.01, "max_digits": 14, "decimal_places": 2}


class EnveloppeForm(BaseModelForm):
    programmes = forms.MultipleChoiceField(
        label="Programmes finançables",
        choices=Programme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Aucun coché : tous les programmes.",
    )
    departements = forms.ModelMultipleChoiceField(
        label="Départements bénéficiaires",
        queryset=Departement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Enveloppe
        fields = ["financeur", "annee", "libelle", "montant", "programmes", "departements", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        departements = Departement.objects.order_by("code")
        self.fields["departements"].queryset = departements.filter(region=region) if region else departements

    def _post_clean(self):
        """Model validation runs in the service (with the committed amount); skip the ModelForm's."""


class EngagementForm(BaseForm):
    enveloppe = forms.ModelChoiceField(label="Enveloppe", queryset=Enveloppe.objects.none(), to_field_name="public_id")
    beneficiaire = forms.ModelChoiceField(
        label="Bénéficiaire", queryset=Beneficiaire.objects.none(), to_field_name="public_id"
    )
    montant = forms.DecimalField(label="Montant engagé (€)", **MONEY)
    statut = forms.ChoiceField(
        label="Statut",
        choices=[(s.value, s.label) for s in (StatutEngagement.ENGAGE, StatutEngagement.PREVU)],
        help_text="« Prévu » réserve le montant sur l'enveloppe avant la décision.",
    )
    date_decision = forms.DateField(label="Date de la décision", required=False, **DATE)
    reference_convention = forms.CharField(label="Référence de la convention", max_length=100, required=False)

    def __init__(self, *args, enveloppes, beneficiaires, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enveloppe"].queryset = enveloppes.order_by("-annee", "libelle")
        self.fields["beneficiaire"].queryset = beneficiaires.select_related("departement").order_by("libelle")

    def clean(self):
        data = super().clean()
        if data.get("statut") == StatutEngagement.ENGAGE and not data.get("date_decision"):
            self.add_error("date_decision", "La date de décision est obligatoire pour un engagement.")
        return data


class PaiementForm(BaseForm):
    date = forms.DateField(label="Date du versement", **DATE)
    montant = forms.DecimalField(label="Montant versé (€)", **MONEY)


class AnnulationForm(BaseForm):
    date = forms.DateField(label="Date de l'annulation", **DATE)
    motif = forms.CharField(label="Motif", widget=forms.Textarea(attrs={"rows": 2}))


class ConfirmationForm(BaseForm):
    date_decision = forms.DateField(label="Date de la décision", **DATE)
    reference_convention = forms.CharField(label="Référence de la convention", max_length=100, required=False)


class CofinancementForm(BaseForm):
    financeur = forms.ChoiceField(label="Financeur", choices=Financeur.choices)
    organisation = forms.CharField(label="Organisation", max_length=200, required=False)
    montant = forms.DecimalField(label="Montant (€)", **MONEY)
    annee = forms.IntegerField(label="Année", min_value=2000, max_value=2100)
    statut = forms.ChoiceField(label="Statut", choices=StatutCofinancement.choices)
