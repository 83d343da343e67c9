from decimal import Decimal

from django import forms

from cls.autocomplete import signataires_possibles
from cls.enums import Etape, TypeSignataire
from cls.lifecycle import document_types
from cls.models import AxeStrategique, FicheAction, LettreIntention, Thematique
from cls.services.lettres import REQUIRED_FOR_FILING
from config.autocomplete import Autocomplete
from config.forms import BaseForm, BaseModelForm
from config.numbers import format_french_number, parse_french_number
from config.uploads import PDF_ONLY, ValidatedFileField
from instruction.forms import DossierFormMixin
from territoires.models import EPCI, Commune


class LettreForm(DossierFormMixin, BaseModelForm):
    """The lettre d'intention: optional while drafting, `FILING_REQUIRED` checked when filing."""

    epcis = forms.ModelMultipleChoiceField(
        label="Territoire du contrat", queryset=EPCI.objects.all(), required=False, widget=forms.MultipleHiddenInput
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

    UPLOADS = ("lettre_signee", "annexe")
    FILING_REQUIRED = REQUIRED_FOR_FILING
    # The territory is picked with a search field: the summary of errors links to it.
    error_anchors = {"epcis": "territoire-q", "communes": "territoire-q"}

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
        help_texts = {"etp_souhaites": "Obligatoire pour déposer quand un appui à l'ingénierie est demandé."}

    def clean_etp_souhaites(self):
        etp = self.cleaned_data.get("etp_souhaites")
        if etp is not None and etp <= 0:
            raise forms.ValidationError("Indiquez un nombre d'ETP supérieur à 0.")
        return etp


# --- Contract lifecycle ---------------------------------------------------------------------


class AdvanceForm(BaseForm):
    to_etape = forms.ChoiceField(label="Étape suivante", choices=Etape.choices)
    date = forms.DateField(
        label="Date d'effet",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Vide : aujourd'hui. Les effectifs par étape à une date (bilans) la lisent.",
    )


class CheckForm(BaseForm):
    code = forms.CharField(widget=forms.HiddenInput)
    done = forms.BooleanField(required=False, widget=forms.HiddenInput)


class DocumentForm(BaseForm):
    type = forms.ChoiceField(label="Type de document", choices=document_types)
    document = ValidatedFileField(label="Document")


class SignatureForm(BaseForm):
    """Date, duration or end date, axes. The duration is checked against the region's rule by the service
    (`contrat_sign`); the signatories are a list of their own (`SignataireForm`)."""

    date_signature = forms.DateField(label="Date de signature", widget=forms.DateInput(attrs={"type": "date"}))
    duree_annees = forms.IntegerField(
        label="Durée du contrat (années)",
        min_value=1,
        required=False,
        help_text="La date de fin en découle. Laissez vide si la fin est fixée autrement (par ex. fin du PRS).",
    )
    date_fin = forms.DateField(
        label="Date de fin",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Seulement sans durée en années.",
    )
    axes = forms.CharField(
        label="Axes stratégiques (un par ligne)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def clean_axes(self):
        return [line.strip() for line in self.cleaned_data["axes"].splitlines() if line.strip()]

    def clean(self):
        cleaned = super().clean()
        duree, fin, debut = cleaned.get("duree_annees"), cleaned.get("date_fin"), cleaned.get("date_signature")
        if duree and fin:
            self.add_error("date_fin", "Indiquez la durée ou la date de fin, pas les deux.")
        elif not duree and not fin and "duree_annees" not in self.errors:
            self.add_error("duree_annees", "Indiquez la durée du contrat ou sa date de fin.")
        elif fin and debut and fin <= debut:
            self.add_error("date_fin", "La date de fin suit la date de signature.")
        return cleaned


class SignataireForm(BaseForm):
    """One signatory: its type and an organisation of the portal or a free name (no limit per type)."""

    type = forms.ChoiceField(label="Type de signataire", choices=TypeSignataire.choices)
    organisation = forms.ModelChoiceField(
        label="Organisation du portail",
        queryset=signataires_possibles(),
        required=False,
        widget=Autocomplete("signataires-cls"),
        help_text="Une collectivité ou un partenaire inscrit sur le portail ; sinon, écrivez le nom ci-dessous.",
    )
    nom = forms.CharField(label="Nom de l'institution ou du représentant", max_length=200, required=False)

    def for_contrat(self, contrat) -> None:
        """Only the organisations of the contract's région are offered (nothing of another région is listed)."""
        field = self.fields["organisation"]
        field.queryset = field.queryset.of_region_of(contrat.departement_id)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("organisation") and not cleaned.get("nom", "").strip():
            self.add_error("nom", "Choisissez une organisation ou écrivez le nom du signataire.")
        cleaned["nom"] = cleaned.get("nom", "").strip()
        return cleaned


class SignataireRemoveForm(BaseForm):
    signataire = forms.IntegerField(widget=forms.HiddenInput)


class AbandonForm(BaseForm):
    reason = forms.CharField(label="Motif de l'abandon", widget=forms.Textarea(attrs={"rows": 3}))


class AvenantForm(BaseForm):
    date = forms.DateField(label="Date de l'avenant", widget=forms.DateInput(attrs={"type": "date"}))
    objet = forms.CharField(label="Objet", widget=forms.Textarea(attrs={"rows": 2}))
    document = ValidatedFileField(label="Avenant signé", required=False)


class RevueForm(BaseForm):
    annee = forms.IntegerField(label="Année du contrat", min_value=1)
    date = forms.DateField(label="Date de la revue", widget=forms.DateInput(attrs={"type": "date"}))
    synthese = forms.CharField(label="Synthèse", widget=forms.Textarea(attrs={"rows": 3}))


class FinancementForm(BaseForm):
    annee = forms.IntegerField(label="Année", min_value=2000, max_value=2100)
    etp = forms.DecimalField(label="ETP financés", min_value=0, max_digits=4, decimal_places=2)
    montant = forms.DecimalField(label="Montant ARS (€)", min_value=0, max_digits=10, decimal_places=2)
    cofinancement = forms.DecimalField(
        label="Co-financement de la collectivité (€)", min_value=0, max_digits=10, decimal_places=2
    )


class FicheForm(BaseModelForm):
    budget = forms.CharField(
        label="Budget par financeur",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Une ligne par financeur, au format « Financeur ; montant » (ex. « ARS ; 12000 »).",
    )

    class Meta:
        model = FicheAction
        fields = [
            "numero",
            "axe",
            "intitule",
            "objectifs",
            "pilote_organisation",
            "pilote_personne",
            "partenaires",
            "public_cible",
            "communes",
            "date_debut",
            "date_fin",
            "statut",
            "indicateur_libre",
        ]
        widgets = {
            "date_debut": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "date_fin": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "objectifs": forms.Textarea(attrs={"rows": 3}),
            "partenaires": forms.Textarea(attrs={"rows": 2}),
            "indicateur_libre": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, contrat=None, **kwargs):
        super().__init__(*args, **kwargs)
        contrat = contrat or getattr(self.instance, "contrat", None)
        self.fields["axe"].queryset = contrat.axes.all() if contrat else AxeStrategique.objects.none()
        self.fields["communes"].queryset = contrat.perimetre.order_by("nom") if contrat else Commune.objects.none()
        if self.instance.pk and not self.is_bound:
            self.initial["budget"] = "\n".join(
                f"{ligne.financeur} ; {format_french_number(ligne.montant)}"
                for ligne in self.instance.lignes_budget.all()
            )

    def clean_budget(self):
        lines = []
        for number, raw in enumerate(self.cleaned_data["budget"].splitlines(), 1):
            if not raw.strip():
                continue
            financeur, _, montant = raw.rpartition(";")
            value = None
            if financeur.strip() and montant.strip():
                try:
                    value = Decimal(parse_french_number(montant, decimal_places=2))
                except forms.ValidationError as error:
                    raise forms.ValidationError(f"Ligne {number} : {error.messages[0]}") from error
            if value is None or value < 0:
                raise forms.ValidationError(f"Ligne {number} : écrivez « Financeur ; montant ».")
            lines.append((financeur.strip(), value))
        return lines
