import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from acces_soins.enums import (
    NiveauMesure,
    NiveauPilotage,
    OrigineBilan,
    PerimetreType,
    StatutBilan,
    StatutMesure,
)
from acces_soins.periods import Perimetre, Semestre
from config.typography import fr_date
from indicateurs.referentiel_sources import CiteSource, document_field, source_affichee

semestre_validator = RegexValidator(r"^\d{4}-S[12]$", "Format attendu : 2026-S1.")
SEMESTRE_REGEX = r"^[0-9]{4}-S[12]$"


def semestre_field(verbose_name="semestre", **kwargs):
    return models.CharField(
        verbose_name, max_length=7, validators=[semestre_validator], help_text="Par exemple 2026-S1.", **kwargs
    )


# --- Plan, priorités, mesures ---------------------------------------------------------------


class Plan(CiteSource, models.Model):
    nom = models.CharField("nom", max_length=200)
    region_code = models.CharField(
        "code INSEE de la région",
        max_length=3,
        help_text="Un code plutôt qu'un lien : le plan est amorcé avant l'import du référentiel territorial.",
    )
    date_debut = models.DateField("date de début")
    date_fin = models.DateField("date de fin", null=True, blank=True)
    document = document_field()
    source = models.CharField(
        "source ou passage", max_length=250, blank=True, help_text="Le passage du document, ou la source en texte."
    )
    organisations_copil = models.ManyToManyField(
        "comptes.Organisation",
        verbose_name="organisations membres du comité de pilotage",
        related_name="+",
        blank=True,
        help_text="Leurs membres actifs reçoivent le bilan produit au gel d'une campagne de remontées.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "plan d'accès aux soins"
        verbose_name_plural = "plans d'accès aux soins"
        ordering = ["-date_debut"]
        constraints = [
            models.UniqueConstraint(fields=["region_code", "nom"], name="plan_unique_region_nom"),
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True) | Q(date_fin__gte=models.F("date_debut")),
                name="plan_dates_ordonnees",
            ),
        ]

    def __str__(self):
        return self.nom

    @property
    def date_affichee(self) -> str:
        """« décembre 2017 » when the date is its document's and the document gives no day."""
        if self.document and self.document.date == self.date_debut and self.document.date_libelle:
            return self.document.date_libelle
        return fr_date(self.date_debut)


class RolePilotage(models.Model):
    """A pilot role of the plan's governance at one territorial level, as the plan defines it.

    The plan names no pilot per measure: it defines these roles (référent régional ARS, délégué départemental,
    porteur of a local project) and their missions."""

    plan = models.ForeignKey(Plan, verbose_name="plan", on_delete=models.CASCADE, related_name="roles")
    niveau = models.CharField("niveau territorial", max_length=12, choices=NiveauPilotage.choices)
    intitule = models.CharField("pilote", max_length=200)
    missions = models.TextField("missions", help_text="Une mission par ligne, telles que le plan les énumère.")
    document = document_field(required=True)
    source = models.CharField("passage", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "rôle de pilotage"
        verbose_name_plural = "rôles de pilotage"
        ordering = ["plan", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "niveau"], name="role_pilotage_unique_plan_niveau")]

    def __str__(self):
        return f"{self.get_niveau_display()} — {self.intitule}"

    @property
    def missions_list(self) -> list[str]:
        return [line.strip() for line in self.missions.splitlines() if line.strip()]


def statut_source_constraint(name: str) -> models.CheckConstraint:
    """A status always says where it comes from: a document of the référentiel or a text."""
    return models.CheckConstraint(
        condition=Q(statut_document__isnull=False) | ~Q(statut_source=""),
        name=name,
        violation_error_message="Indiquez la source du statut.",
    )


class StatutSource(models.Model):
    """A status with its own source and date: which document or session says the measure stands there, and when."""

    statut = models.CharField("statut", max_length=20, choices=StatutMesure.choices, default=StatutMesure.NON_ENGAGEE)
    statut_date = models.DateField("date du statut", help_text="Date de la source qui établit ce statut.")
    statut_date_libelle = models.CharField(
        "date telle que publiée", max_length=60, blank=True, help_text="Par ex. « décembre 2017 » quand le jour manque."
    )
    statut_document = document_field("document source du statut")
    statut_source = models.CharField(
        "source du statut",
        max_length=300,
        blank=True,
        help_text="Le passage du document ; sans document : la séance du comité, le courrier… qui établit ce statut.",
    )

    class Meta:
        abstract = True

    @property
    def statut_date_affichee(self) -> str:
        if self.statut_date_libelle:
            return self.statut_date_libelle
        return fr_date(self.statut_date) if self.statut_date else ""

    @property
    def statut_source_affichee(self) -> str:
        return source_affichee(self.statut_document, self.statut_source)


class Priorite(models.Model):
    plan = models.ForeignKey(Plan, verbose_name="plan", on_delete=models.CASCADE, related_name="priorites")
    numero = models.PositiveSmallIntegerField("numéro")
    titre = models.CharField("titre", max_length=300)

    class Meta:
        verbose_name = "priorité"
        verbose_name_plural = "priorités"
        ordering = ["plan", "numero"]
        constraints = [models.UniqueConstraint(fields=["plan", "numero"], name="priorite_unique_plan_numero")]

    def __str__(self):
        return f"Priorité {self.numero} — {self.titre}"


class MesureQuerySet(models.QuerySet):
    def with_list_data(self):
        return self.select_related("priorite", "statut_document").prefetch_related("declinaisons__departement")


class Mesure(StatutSource):
    priorite = models.ForeignKey(Priorite, verbose_name="priorité", on_delete=models.CASCADE, related_name="mesures")
    numero = models.PositiveSmallIntegerField("numéro")
    libelle = models.CharField("libellé", max_length=300)
    description = models.TextField("description", blank=True)
    niveau = models.CharField("niveau", max_length=10, choices=NiveauMesure.choices)
    pilote = models.CharField(
        "pilote désigné par l'ARS",
        max_length=200,
        blank=True,
        help_text="Le plan ne désigne pas de pilote par mesure : à renseigner seulement quand l'ARS en nomme un.",
    )
    # The one link between the plan and the evaluation indicators (indicateurs sits below acces_soins: the
    # relation is declared here and read from the indicator side through `Indicateur.mesures`).
    indicateurs = models.ManyToManyField(
        "indicateurs.Indicateur", verbose_name="indicateurs liés", related_name="mesures", blank=True
    )
    # Semester notes: the regional comment (`cle` empty) and each délégation's (`cle` « departement:37 »).
    notes = GenericRelation("acces_soins.NoteSemestrielle", related_query_name="mesure")
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="modifiée par",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(m2m_fields=[indicateurs])

    objects = MesureQuerySet.as_manager()

    class Meta:
        verbose_name = "mesure"
        verbose_name_plural = "mesures"
        ordering = ["priorite__numero", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["priorite", "numero"], name="mesure_unique_priorite_numero"),
            statut_source_constraint("mesure_statut_a_une_source"),
        ]

    def __str__(self):
        return f"{self.reference} {self.libelle}"

    @property
    def reference(self) -> str:
        return f"P{self.priorite.numero}.{self.numero}"


class DeclinaisonMesure(StatutSource):
    """How one measure is carried out in one département."""

    mesure = models.ForeignKey(Mesure, verbose_name="mesure", on_delete=models.CASCADE, related_name="declinaisons")
    departement = models.ForeignKey("territoires.Departement", verbose_name="département", on_delete=models.PROTECT)
    commentaire = models.TextField("déclinaison territoriale", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "déclinaison départementale"
        verbose_name_plural = "déclinaisons départementales"
        ordering = ["mesure", "departement__code"]
        constraints = [
            models.UniqueConstraint(fields=["mesure", "departement"], name="declinaison_unique_mesure_departement"),
            statut_source_constraint("declinaison_statut_a_une_source"),
        ]

    def __str__(self):
        return f"{self.mesure.reference} — {self.departement}"


# --- Comité de pilotage ----------------------------------------------------------------------


class ComiteQuerySet(models.QuerySet):
    def with_detail(self):
        return self.prefetch_related(
            "decisions__mesures__priorite",
            "decisions__responsable_personne",
            "decisions__responsable_organisation",
            "documents",
        )


class ComiteDePilotage(models.Model):
    """One semester session of the comité de pilotage of the plan."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, verbose_name="plan", on_delete=models.PROTECT, related_name="comites")
    semestre = semestre_field()
    date = models.DateField("date de la séance")
    participants = models.TextField("participants", help_text="Une personne ou institution par ligne.")
    ordre_du_jour = models.TextField("ordre du jour")
    releve_decisions = models.TextField("relevé de décisions", blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="modifié par",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    objects = ComiteQuerySet.as_manager()

    class Meta:
        verbose_name = "séance du comité de pilotage"
        verbose_name_plural = "séances du comité de pilotage"
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(condition=Q(semestre__regex=SEMESTRE_REGEX), name="comite_semestre_format"),
        ]

    def __str__(self):
        return f"Comité de pilotage du {self.date:%d/%m/%Y} ({self.semestre})"

    @property
    def participants_list(self) -> list[str]:
        return [line.strip() for line in self.participants.splitlines() if line.strip()]


def comite_document_path(instance, filename):
    return f"acces_soins/comites/{uuid.uuid4()}"


class DocumentComite(models.Model):
    comite = models.ForeignKey(
        ComiteDePilotage, verbose_name="séance", on_delete=models.CASCADE, related_name="documents"
    )
    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    fichier = models.FileField("fichier", upload_to=comite_document_path)
    nom_original = models.CharField("nom du fichier", max_length=255)
    added_at = models.DateTimeField("ajouté le", auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ajouté par",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "document de séance"
        verbose_name_plural = "documents de séance"
        ordering = ["added_at"]

    def __str__(self):
        return self.nom_original


# --- Bilans semestriels ----------------------------------------------------------------------


class BilanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Siège and comité: every bilan of their region (the regional one and its départements');
        a délégation: the bilan of its region and those of its département(s). Nothing of another region."""
        from comptes.perms import get_scope
        from territoires.models import Departement

        scope = get_scope(user)
        if not (scope.is_ars or scope.is_comite):
            return self.none()
        whole_regions = scope.siege_region_codes | scope.comite_region_codes
        codes = Departement.objects.filter(Q(pk__in=scope.departement_ids) | Q(region__code__in=whole_regions)).values(
            "code"
        )
        return self.filter(
            Q(perimetre_type=PerimetreType.REGION, perimetre_code__in=scope.region_codes)
            | Q(perimetre_type=PerimetreType.DEPARTEMENT, perimetre_code__in=codes)
        )

    def with_list_data(self):
        return self.select_related("requested_by").defer("snapshot")

    def for_perimetre(self, perimetre: Perimetre):
        return self.filter(perimetre_type=perimetre.kind, perimetre_code=perimetre.code)

    def ready(self):
        return self.filter(statut=StatutBilan.PRET)


def bilan_file_path(instance, filename):
    return f"acces_soins/bilans/{instance.public_id}-v{instance.version}-{uuid.uuid4().hex[:8]}.pdf"


class BilanSemestriel(models.Model):
    """One production of the semester bilan of a perimeter: its status, its frozen snapshot and its PDF."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    perimetre_type = models.CharField("type de périmètre", max_length=12, choices=PerimetreType.choices)
    perimetre_code = models.CharField("code du périmètre", max_length=3)
    perimetre_libelle = models.CharField("périmètre", max_length=150)
    semestre = semestre_field()
    version = models.PositiveSmallIntegerField("version", default=1)
    origine = models.CharField("origine", max_length=12, choices=OrigineBilan.choices, default=OrigineBilan.DEMANDE)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="demandé par",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="bilans_demandes",
    )
    campagne = models.ForeignKey(
        "acces_soins.Campagne",
        verbose_name="campagne de remontées",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bilans",
        help_text="La campagne dont le gel a produit ce bilan.",
    )
    statut = models.CharField("statut", max_length=12, choices=StatutBilan.choices, default=StatutBilan.EN_ATTENTE)
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0, validators=[MaxValueValidator(100)])
    erreur = models.TextField("erreur", blank=True)
    attempt = models.PositiveIntegerField(
        "tentative", default=0, help_text="Incrémentée à chaque prise en charge par un worker."
    )
    lease_expires_at = models.DateTimeField("prise en charge valable jusqu'à", null=True, blank=True)
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    snapshot = models.JSONField("instantané", null=True, blank=True, editable=False)
    snapshot_at = models.DateTimeField("date de l'instantané", null=True, blank=True)
    fichier = models.FileField("PDF", upload_to=bilan_file_path, blank=True)
    sha256 = models.CharField("empreinte SHA-256", max_length=64, blank=True)
    page_count = models.PositiveSmallIntegerField("nombre de pages", null=True, blank=True)

    objects = BilanQuerySet.as_manager()

    class Meta:
        verbose_name = "bilan semestriel"
        verbose_name_plural = "bilans semestriels"
        ordering = ["-semestre", "perimetre_type", "perimetre_code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["perimetre_type", "perimetre_code", "semestre", "version"],
                name="bilan_unique_perimetre_semestre_version",
            ),
            models.UniqueConstraint(
                fields=["perimetre_type", "perimetre_code", "semestre"],
                condition=Q(statut__in=[StatutBilan.EN_ATTENTE, StatutBilan.EN_COURS]),
                name="bilan_un_seul_en_production",
                violation_error_message="Un bilan de ce périmètre et de ce semestre est déjà en production.",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="bilan_progress_max_100"),
            models.CheckConstraint(condition=Q(semestre__regex=SEMESTRE_REGEX), name="bilan_semestre_format"),
            models.CheckConstraint(
                condition=~Q(statut=StatutBilan.PRET) | (Q(snapshot__isnull=False) & ~Q(sha256="")),
                name="bilan_pret_a_un_fichier",
            ),
        ]
        indexes = [models.Index(fields=["statut", "lease_expires_at"], name="bilan_statut_lease_idx")]

    def __str__(self):
        return f"Bilan {self.semestre} — {self.perimetre_libelle} (v{self.version})"

    @property
    def perimetre_obj(self) -> Perimetre:
        return Perimetre(self.perimetre_type, self.perimetre_code)

    @property
    def semestre_obj(self) -> Semestre:
        return Semestre.parse(self.semestre)

    @property
    def is_finished(self) -> bool:
        return self.statut in (StatutBilan.PRET, StatutBilan.ECHEC)

    @property
    def download_name(self) -> str:
        return f"bilan-{self.semestre}-{self.perimetre_type}-{self.perimetre_code}-v{self.version}.pdf"
