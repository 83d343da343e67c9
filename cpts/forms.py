from django import forms

from comptes.models import Organisation
from config.autocomplete import Autocomplete
from config.forms import BaseForm, BaseModelForm
from config.uploads import PDF_ONLY, ValidatedFileField
from cpts.autocomplete import porteurs_choisissables
from cpts.enums import Etape, FormeJuridique, Profession, TypeMission
from cpts.models import CentreSante, EquipeSoinsPrimaires, LettreIntentionCpts, Mission, Msp, ProjetSanteCpts
from cpts.services import lettres, projets
from instruction.forms import DossierFormMixin
from territoires.models import EPCI, Commune

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def limit_communes(field, departements) -> None:
    """A commune of the agent's départements, chosen by autocomplete (never a list of every commune)."""
    field.queryset = Commune.objects.filter(departement__in=departements).select_related("departement")
    field.widget.params = {"departement": list(departements.values_list("pk", flat=True))}


class NouvelleLettreForm(BaseForm):
    nom = forms.CharField(label="Nom de la future CPTS", max_length=250)


class LettreForm(DossierFormMixin, BaseModelForm):
    """Every field is optional while drafting; completeness is checked when filing."""

    epcis = forms.ModelMultipleChoiceField(
        label="EPCI du territoire", queryset=EPCI.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    communes = forms.ModelMultipleChoiceField(
        label="Communes isolées",
        queryset=Commune.objects.none(),
        required=False,
        help_text="En plus des EPCI entiers : communes du département.",
        widget=Autocomplete("communes", multiple=True),
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
    FILING_REQUIRED = lettres.REQUIRED_FOR_FILING

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
        self.fields["communes"].widget.params = {"departement": getattr(departement, "pk", None)}
        if self.instance.pk and not self.is_bound:
            self.initial["epcis"] = list(self.instance.epcis.values_list("pk", flat=True))
            self.initial["communes"] = list(self.instance.communes.values_list("pk", flat=True))


class ProjetForm(DossierFormMixin, BaseModelForm):
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
    FILING_REQUIRED = projets.REQUIRED_FOR_FILING

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
    reviser_taille = forms.BooleanField(
        label="L'avenant révise la taille de la CPTS",
        required=False,
        help_text="La taille retenue à la signature ne change qu'ainsi : elle est recalculée sur la population "
        "actuelle, à la date de l'avenant.",
    )


class MissionForm(BaseForm):
    date_demarrage = forms.DateField(label="Démarrée le", required=False, widget=DATE_WIDGET)
    date_deploiement = forms.DateField(label="Déployée le", required=False, widget=DATE_WIDGET)
    indicateurs = forms.CharField(label="Indicateurs", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AtteinteForm(BaseForm):
    annee = forms.IntegerField(label="Année de contrat", min_value=1, max_value=10)
    taux = forms.DecimalField(label="Taux d'atteinte (%)", min_value=0, max_value=100, decimal_places=2)
    commentaire = forms.CharField(label="Commentaire", required=False)


class TeamFieldsMixin:
    """One number per profession (`nb_<profession>`), prefilled from the structure's `professionnels`."""

    def add_team_fields(self, counts: dict[str, int]) -> None:
        for profession, label in Profession.choices:
            self.fields[f"nb_{profession}"] = forms.IntegerField(
                label=f"Nombre : {label}", min_value=0, max_value=500, required=False, initial=counts.get(profession, 0)
            )

    def equipe(self) -> dict[str, int]:
        return {profession: self.cleaned_data.get(f"nb_{profession}") or 0 for profession in Profession.values}

    def team_fields(self):
        return [self[f"nb_{profession}"] for profession in Profession.values]


class MspForm(TeamFieldsMixin, BaseModelForm):
    """An MSP of the register with its main site and its team (one number per profession)."""

    commune = forms.ModelChoiceField(
        label="Commune du site principal", queryset=Commune.objects.none(), widget=Autocomplete("communes")
    )
    adresse = forms.CharField(label="Adresse du site principal", max_length=250, required=False)

    class Meta:
        model = Msp
        fields = [
            "nom",
            "departement",
            "statut",
            "sisa",
            "date_sisa",
            "patientele",
            "date_projet_sante",
            "date_aci",
        ]
        widgets = {"date_projet_sante": DATE_WIDGET, "date_aci": DATE_WIDGET, "date_sisa": DATE_WIDGET}

    def __init__(self, *args, departements=None, **kwargs):
        super().__init__(*args, **kwargs)
        limit_communes(self.fields["commune"], departements)
        self.fields["departement"].queryset = departements
        counts = {}
        if self.instance.pk:
            counts = {row.profession: row.nombre for row in self.instance.professionnels.all()}
            site = self.instance.sites.filter(principal=True).first()
            if site:
                self.initial.update({"commune": site.commune_id, "adresse": site.adresse})
        self.add_team_fields(counts)

    def site(self) -> dict:
        return {"commune": self.cleaned_data["commune"], "adresse": self.cleaned_data.get("adresse", "")}


class StructureFormMixin:
    """Département and commune limited to those the agent manages; the commune must be in the département."""

    def limit_places(self, departements) -> None:
        self.fields["departement"].queryset = departements
        self.fields["commune"].widget = Autocomplete("communes")
        limit_communes(self.fields["commune"], departements)
        self.fields["commune"].required = True

    def main_fields(self):
        """Every field but the team numbers (shown in their own fieldset)."""
        team = {field.name for field in self.team_fields()} if hasattr(self, "team_fields") else set()
        return [field for field in self if field.name not in team]

    def clean(self):
        data = super().clean()
        commune, departement = data.get("commune"), data.get("departement")
        if commune and departement and commune.departement_id != departement.pk:
            self.add_error("commune", "La commune doit être dans le département choisi.")
        return data


class CentreSanteForm(StructureFormMixin, TeamFieldsMixin, BaseModelForm):
    """A centre de santé: its own kind (subtype, gestionnaire, FINESS), salaried team, opening dates."""

    class Meta:
        model = CentreSante
        fields = [
            "nom",
            "sous_type",
            "gestionnaire_type",
            "gestionnaire_nom",
            "finess",
            "departement",
            "commune",
            "adresse",
            "statut",
            "date_ouverture",
            "date_fermeture",
            "date_projet_sante",
            "date_accord_national",
            "note",
        ]
        widgets = {
            **dict.fromkeys(
                ("date_ouverture", "date_fermeture", "date_projet_sante", "date_accord_national"), DATE_WIDGET
            ),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, departements=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_places(departements)
        self.fields["sous_type"].required = True
        self.fields["gestionnaire_type"].required = True
        counts = {row.profession: row.nombre for row in self.instance.professionnels.all()} if self.instance.pk else {}
        self.add_team_fields(counts)

    def clean_finess(self):
        return self.cleaned_data["finess"].strip().upper()


class EspForm(StructureFormMixin, BaseModelForm):
    class Meta:
        model = EquipeSoinsPrimaires
        fields = [
            "nom",
            "departement",
            "commune",
            "statut",
            "date_constitution",
            "date_fin",
            "nb_medecins_generalistes",
            "nb_autres_professionnels",
            "objet",
        ]
        widgets = {
            "date_constitution": DATE_WIDGET,
            "date_fin": DATE_WIDGET,
            "objet": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, departements=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_places(departements)


class CptsForm(BaseForm):
    """Staff registration of a CPTS (usually at the émergence stage) or correction of its register entry."""

    nom = forms.CharField(label="Nom", max_length=250)
    forme_juridique = forms.ChoiceField(label="Forme juridique", choices=FormeJuridique.choices)
    porteur = forms.ModelChoiceField(
        label="Organisation porteuse", queryset=Organisation.objects.none(), widget=Autocomplete("porteurs-cpts")
    )
    departement = forms.ModelChoiceField(label="Département principal", queryset=None)
    communes = forms.ModelMultipleChoiceField(
        label="Communes du territoire",
        queryset=Commune.objects.none(),
        required=False,
        help_text="Communes de la région ; la population et la taille sont recalculées.",
        widget=Autocomplete("communes", multiple=True),
    )

    def __init__(self, *args, departements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departement"].queryset = departements
        # The porteurs of the agent's départements only: nothing of another région is listed.
        self.fields["porteur"].queryset = porteurs_choisissables(departements).order_by("nom")
        regions = list(departements.values_list("region_id", flat=True).distinct())
        self.fields["communes"].queryset = (
            Commune.objects.filter(departement__region__in=regions)
            .select_related("departement")
            .order_by("departement__code", "nom")
        )
        self.fields["communes"].widget.params = {"region": regions}
