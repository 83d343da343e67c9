from django import forms

from comptes.enums import OrganisationType
from comptes.models import Organisation
from config.forms import BaseForm, BaseModelForm
from config.uploads import PDF_ONLY, ValidatedFileField
from cpts.enums import Etape, FormeJuridique, Profession, TypeMission
from cpts.models import LettreIntentionCpts, Mission, Msp, ProjetSanteCpts
from territoires.models import EPCI, Commune

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NouvelleLettreForm(BaseForm):
    nom = forms.CharField(label="Nom de la future CPTS", max_length=250)


class DraftFormMixin:
    """A filing's draft form: every field optional (completeness is checked when filing), the valid
    fields and uploads saved even when another field fails."""

    UPLOADS: tuple[str, ...] = ()

    def make_optional(self):
        for field in self.fields.values():
            field.required = False

    def valid_data(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and name not in self.UPLOADS
        }

    def valid_uploads(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.UPLOADS if name not in self.errors}


class LettreForm(DraftFormMixin, BaseModelForm):
    """Every field is optional while drafting; completeness is checked when filing."""

    epcis = forms.ModelMultipleChoiceField(
        label="EPCI du territoire", queryset=EPCI.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    communes = forms.ModelMultipleChoiceField(
        label="Communes isolées",
        queryset=Commune.objects.none(),
        required=False,
        help_text="En plus des EPCI entiers (maintenez Ctrl pour en choisir plusieurs).",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    orientations = forms.ModelMultipleChoiceField(
        label="Missions envisagées",
        queryset=Mission.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lettre_signee = ValidatedFileField(label="Lettre d'intention signée (PDF)", kinds=PDF_ONLY, required=False)
    annexe = ValidatedFileField(label="Ajouter une annexe", required=False)

    UPLOADS = ("lettre_signee", "annexe")

    class Meta:
        model = LettreIntentionCpts
        fields = [
            "diagnostic",
            "partenaires",
            "orientations",
            "orientations_detail",
            "calendrier",
            "contact_nom",
            "contact_email",
            "contact_telephone",
        ]
        widgets = {
            "diagnostic": forms.Textarea(attrs={"rows": 5}),
            "partenaires": forms.Textarea(attrs={"rows": 3}),
            "orientations_detail": forms.Textarea(attrs={"rows": 4}),
            "calendrier": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, departement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["epcis"].queryset = (
            EPCI.objects.filter(communes__departement=departement).distinct().order_by("nom")
        )
        self.fields["communes"].queryset = Commune.objects.filter(departement=departement).order_by("nom")
        if self.instance.pk and not self.is_bound:
            self.initial["epcis"] = list(self.instance.epcis.values_list("pk", flat=True))
            self.initial["communes"] = list(self.instance.communes.values_list("pk", flat=True))
        self.make_optional()


class ProjetForm(DraftFormMixin, BaseModelForm):
    """The projet de santé: diagnostic, missions engaged (socle + optional ones of the catalogue) and
    their actions, organisation and governance, calendar, the document itself."""

    missions = forms.ModelMultipleChoiceField(
        label="Missions engagées",
        queryset=Mission.objects.all(),
        required=False,
        help_text="Les quatre missions socle sont obligatoires ; les missions optionnelles sont au choix.",
        widget=forms.CheckboxSelectMultiple,
    )
    projet_sante = ValidatedFileField(label="Projet de santé (PDF)", kinds=PDF_ONLY, required=False)
    annexe = ValidatedFileField(label="Ajouter une annexe", required=False)

    UPLOADS = ("projet_sante", "annexe")

    class Meta:
        model = ProjetSanteCpts
        fields = ["diagnostic", "missions", "actions", "gouvernance", "professionnels", "calendrier"]
        widgets = {
            "diagnostic": forms.Textarea(attrs={"rows": 5}),
            "actions": forms.Textarea(attrs={"rows": 6}),
            "gouvernance": forms.Textarea(attrs={"rows": 4}),
            "calendrier": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["missions"].label_from_instance = lambda mission: f"{mission} ({mission.get_type_display()})"
        self.make_optional()


class EtapeForm(BaseForm):
    to_etape = forms.ChoiceField(label="Étape franchie", choices=())
    date = forms.DateField(label="Date", widget=DATE_WIDGET)
    reason = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_etape"].choices = [(etape, Etape(etape).label) for etape in choices]


class AbandonForm(BaseForm):
    date = forms.DateField(label="Date de l'abandon", widget=DATE_WIDGET)
    reason = forms.CharField(label="Motif de l'abandon", widget=forms.Textarea(attrs={"rows": 2}))


class AciForm(BaseForm):
    date = forms.DateField(label="Date de signature de l'ACI", widget=DATE_WIDGET)
    optionnelles = forms.ModelMultipleChoiceField(
        label="Missions optionnelles retenues",
        queryset=Mission.objects.filter(type=TypeMission.OPTIONNELLE),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class AvenantForm(BaseForm):
    date_signature = forms.DateField(label="Date de signature de l'avenant", widget=DATE_WIDGET)
    objet = forms.CharField(label="Objet", widget=forms.Textarea(attrs={"rows": 2}))


class MissionForm(BaseForm):
    date_demarrage = forms.DateField(label="Démarrée le", required=False, widget=DATE_WIDGET)
    date_deploiement = forms.DateField(label="Déployée le", required=False, widget=DATE_WIDGET)
    indicateurs = forms.CharField(label="Indicateurs", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AtteinteForm(BaseForm):
    annee = forms.IntegerField(label="Année de contrat", min_value=1, max_value=10)
    taux = forms.DecimalField(label="Taux d'atteinte (%)", min_value=0, max_value=100, decimal_places=2)
    commentaire = forms.CharField(label="Commentaire", required=False)


class MspForm(BaseModelForm):
    """A structure of the register with its main site and its team (one number per profession)."""

    commune = forms.ModelChoiceField(label="Commune du site principal", queryset=Commune.objects.none())
    adresse = forms.CharField(label="Adresse du site principal", max_length=250, required=False)

    class Meta:
        model = Msp
        fields = ["type", "nom", "departement", "statut", "sisa", "date_projet_sante", "date_aci"]
        widgets = {"date_projet_sante": DATE_WIDGET, "date_aci": DATE_WIDGET}

    def __init__(self, *args, departements=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departement"].queryset = departements
        self.fields["commune"].queryset = Commune.objects.filter(departement__in=departements).order_by("nom")
        counts = {}
        if self.instance.pk:
            counts = {row.profession: row.nombre for row in self.instance.professionnels.all()}
            site = self.instance.sites.filter(principal=True).first()
            if site:
                self.initial.update({"commune": site.commune_id, "adresse": site.adresse})
        for profession, label in Profession.choices:
            self.fields[f"nb_{profession}"] = forms.IntegerField(
                label=f"Nombre : {label}", min_value=0, max_value=500, required=False, initial=counts.get(profession, 0)
            )

    def equipe(self) -> dict[str, int]:
        return {profession: self.cleaned_data.get(f"nb_{profession}") or 0 for profession in Profession.values}

    def site(self) -> dict:
        return {"commune": self.cleaned_data["commune"], "adresse": self.cleaned_data.get("adresse", "")}

    def team_fields(self):
        return [self[f"nb_{profession}"] for profession in Profession.values]


class CptsForm(BaseForm):
    """Staff registration of a CPTS (usually at the émergence stage) or correction of its register entry."""

    nom = forms.CharField(label="Nom", max_length=250)
    forme_juridique = forms.ChoiceField(label="Forme juridique", choices=FormeJuridique.choices)
    porteur = forms.ModelChoiceField(label="Organisation porteuse", queryset=Organisation.objects.none())
    departement = forms.ModelChoiceField(label="Département principal", queryset=None)
    communes = forms.ModelMultipleChoiceField(
        label="Communes du territoire",
        queryset=Commune.objects.none(),
        required=False,
        help_text="Maintenez Ctrl pour en choisir plusieurs ; la population et la taille sont recalculées.",
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    def __init__(self, *args, departements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departement"].queryset = departements
        # The porteurs of the agent's départements only: nothing of another région is listed.
        self.fields["porteur"].queryset = (
            Organisation.objects.filter(type=OrganisationType.PORTEUR, departements__in=departements)
            .distinct()
            .order_by("nom")
        )
        self.fields["communes"].queryset = (
            Commune.objects.filter(departement__region__in=departements.values("region"))
            .select_related("departement")
            .order_by("departement__code", "nom")
        )
