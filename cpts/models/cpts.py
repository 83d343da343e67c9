"""The CPTS register, its lettre d'intention (an instruction.Dossier kind), stages and missions."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from comptes.perms import get_scope
from cpts.enums import Etape, FormeJuridique, StatutMission, Taille
from cpts.models.catalogue import Mission


class CptsQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Porteur : ses CPTS. Délégation : ses départements. Siège : celles de sa région.
        Comité : ACI signés de sa région. Une CPTS dont le territoire franchit une limite (des communes d'un autre
        département, d'une autre région) est visible, en lecture, de l'ARS de ces communes : elle n'appartient
        qu'à la région de son département (territoires.regions), que seule son ARS modifie (`can_manage_cpts`)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        scope = get_scope(user)
        condition = Q(porteur_id__in=scope.porteur_ids)
        if scope.is_ars:
            reached = self.model.communes.through.objects.filter(commune__departement_id__in=scope.ars_departement_ids)
            condition |= Q(departement_id__in=scope.ars_departement_ids) | Q(pk__in=reached.values("cpts_id"))
        if scope.is_comite:
            condition |= Q(date_aci__isnull=False, departement__region__code__in=scope.comite_region_codes)
        return self.filter(condition)

    def with_list_data(self):
        return self.select_related("porteur", "departement__region")

    def signees(self, on=None):
        on = on or timezone.localdate()
        return self.filter(date_aci__lte=on, date_fin_aci__gte=on).exclude(etape=Etape.ABANDONNEE)

    def with_overdue(self, on=None):
        on = on or timezone.localdate()
        return self.annotate(mission_en_retard=Exists(MissionCpts.objects.en_retard(on).filter(cpts=OuterRef("pk"))))


class Cpts(models.Model):
    """A communauté professionnelle territoriale de santé, from émergence to its ACI and avenants."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    # The ledger's record of this CPTS (financements.Beneficiaire): ARS commitments and payments live there.
    beneficiaire = models.OneToOneField(
        "financements.Beneficiaire",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cpts",
        editable=False,
    )
    nom = models.CharField("nom", max_length=250)
    forme_juridique = models.CharField(
        "forme juridique", max_length=20, choices=FormeJuridique.choices, default=FormeJuridique.ASSOCIATION
    )
    porteur = models.ForeignKey(
        "comptes.Organisation", verbose_name="organisation porteuse", on_delete=models.PROTECT, related_name="cpts"
    )
    departement = models.ForeignKey(
        "territoires.Departement", verbose_name="département principal", on_delete=models.PROTECT, related_name="cpts"
    )
    communes = models.ManyToManyField("territoires.Commune", verbose_name="territoire", related_name="cpts", blank=True)
    population = models.PositiveIntegerField("population", default=0)
    taille = models.CharField(
        "taille",
        max_length=2,
        choices=Taille.choices,
        blank=True,
        help_text="Avant l'ACI : d'après la population ; ensuite celle de la signature, révisée seulement par avenant.",
    )
    taille_signature = models.CharField(
        "taille à la signature de l'ACI", max_length=2, choices=Taille.choices, blank=True, editable=False
    )
    etape = models.CharField("étape", max_length=20, choices=Etape.choices, default=Etape.EMERGENCE, db_index=True)
    date_lettre_validee = models.DateField("lettre d'intention validée le", null=True, blank=True)
    date_projet_depose = models.DateField("projet de santé déposé le", null=True, blank=True)
    date_projet_valide = models.DateField("projet de santé validé le", null=True, blank=True)
    date_aci = models.DateField("ACI signé le", null=True, blank=True)
    date_fin_aci = models.DateField("fin de l'ACI", null=True, blank=True)
    date_abandon = models.DateField("abandon le", null=True, blank=True)
    motif_abandon = models.TextField("motif d'abandon", blank=True)
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="référent·e ARS",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cpts_suivies",
    )
    is_fictif = models.BooleanField("donnée fictive (démonstration)", default=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[communes])

    objects = CptsQuerySet.as_manager()

    class Meta:
        verbose_name = "CPTS"
        verbose_name_plural = "CPTS"
        ordering = ["departement__code", "nom"]
        # The register's filters: département, étape, taille.
        indexes = [models.Index(fields=["departement", "etape", "taille"], name="cpts_dep_etape_taille_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(etape=Etape.ABANDONNEE) | ~Q(motif_abandon=""), name="cpts_abandon_motive"
            ),
            models.CheckConstraint(
                condition=~Q(etape=Etape.ACI_SIGNE) | Q(date_aci__isnull=False), name="cpts_aci_has_date"
            ),
            models.CheckConstraint(
                condition=Q(date_aci__isnull=True) | Q(date_fin_aci__gt=models.F("date_aci")),
                name="cpts_aci_dates_ordered",
            ),
        ]

    def __str__(self):
        return self.nom


class EtapeCpts(models.Model):
    """The log of a CPTS's stages, with the effective date of each one (read by `pipeline`)."""

    cpts = models.ForeignKey(Cpts, on_delete=models.CASCADE, related_name="etapes")
    from_etape = models.CharField("étape de départ", max_length=20, choices=Etape.choices, blank=True)
    to_etape = models.CharField("nouvelle étape", max_length=20, choices=Etape.choices)
    date = models.DateField("date d'effet")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.RESTRICT, related_name="+")
    at = models.DateTimeField("enregistré le", auto_now_add=True)
    reason = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "changement d'étape de CPTS"
        ordering = ["date", "at", "pk"]

    def __str__(self):
        return f"{self.cpts} → {self.get_to_etape_display()}"


class AvenantCpts(models.Model):
    """An avenant to a CPTS's ACI."""

    cpts = models.ForeignKey(Cpts, on_delete=models.CASCADE, related_name="avenants")
    numero = models.PositiveSmallIntegerField("numéro")
    date_signature = models.DateField("signé le")
    objet = models.TextField("objet")
    taille = models.CharField(
        "taille révisée",
        max_length=2,
        choices=Taille.choices,
        blank=True,
        help_text="Vide : l'avenant ne change pas la taille.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "avenant à l'ACI"
        verbose_name_plural = "avenants à l'ACI"
        ordering = ["numero"]
        constraints = [models.UniqueConstraint(fields=["cpts", "numero"], name="cpts_avenant_unique_numero")]

    def __str__(self):
        return f"Avenant {self.numero} — {self.cpts}"


class LettreIntentionCpts(models.Model):
    """The CPTS-specific content of a filed dossier (instruction.Dossier of kind « cpts »)."""

    dossier = models.OneToOneField(
        "instruction.Dossier", on_delete=models.CASCADE, related_name="lettre_cpts", primary_key=True
    )
    cpts = models.ForeignKey(Cpts, verbose_name="CPTS", on_delete=models.CASCADE, related_name="lettres")
    epcis = models.ManyToManyField("territoires.EPCI", verbose_name="EPCI", blank=True, related_name="+")
    communes = models.ManyToManyField("territoires.Commune", verbose_name="communes", blank=True, related_name="+")
    population = models.PositiveIntegerField("population du territoire", default=0)
    diagnostic = models.TextField("premier diagnostic du territoire", blank=True)
    partenaires = models.TextField("partenaires", blank=True)
    orientations = models.ManyToManyField(Mission, verbose_name="missions envisagées", blank=True)
    orientations_detail = models.TextField("orientations au regard des missions socle", blank=True)
    calendrier = models.TextField("calendrier prévisionnel", blank=True)
    contact_nom = models.CharField("personne à contacter", max_length=200, blank=True)
    contact_email = models.EmailField("e-mail de la personne à contacter", blank=True)
    contact_telephone = models.CharField("téléphone", max_length=30, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "lettre d'intention CPTS"
        verbose_name_plural = "lettres d'intention CPTS"

    def __str__(self):
        return str(self.dossier)


class MissionCptsQuerySet(models.QuerySet):
    def en_retard(self, on):
        return self.filter(
            Q(date_demarrage__isnull=True, echeance_demarrage__lt=on)
            | Q(date_deploiement__isnull=True, echeance_deploiement__lt=on)
        )


class MissionCpts(models.Model):
    """A mission of a signed CPTS: due dates computed from the ACI date, actual dates, indicators."""

    cpts = models.ForeignKey(Cpts, on_delete=models.CASCADE, related_name="missions")
    mission = models.ForeignKey(Mission, on_delete=models.PROTECT, related_name="+")
    echeance_demarrage = models.DateField("démarrage au plus tard le", null=True, blank=True)
    echeance_deploiement = models.DateField("déploiement au plus tard le", null=True, blank=True)
    date_demarrage = models.DateField("démarrée le", null=True, blank=True)
    date_deploiement = models.DateField("déployée le", null=True, blank=True)
    indicateurs = models.TextField("indicateurs de la mission", blank=True)

    history = HistoricalRecords()

    objects = MissionCptsQuerySet.as_manager()

    class Meta:
        verbose_name = "mission d'une CPTS"
        verbose_name_plural = "missions d'une CPTS"
        ordering = ["cpts", "mission__ordre"]
        constraints = [
            models.UniqueConstraint(fields=["cpts", "mission"], name="cpts_mission_unique"),
            models.CheckConstraint(
                condition=Q(date_deploiement__isnull=True) | Q(date_demarrage__isnull=False),
                name="cpts_mission_deployed_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.mission} — {self.cpts}"

    def retard_demarrage(self, on) -> bool:
        return self.date_demarrage is None and self.echeance_demarrage is not None and self.echeance_demarrage < on

    def retard_deploiement(self, on) -> bool:
        return (
            self.date_deploiement is None and self.echeance_deploiement is not None and self.echeance_deploiement < on
        )

    def statut(self, on) -> str:
        if self.date_deploiement:
            return StatutMission.DEPLOYEE
        if self.retard_demarrage(on) or self.retard_deploiement(on):
            return StatutMission.EN_RETARD
        if self.date_demarrage:
            return StatutMission.DEMARREE
        return StatutMission.NON_DEMARREE


class AtteinteMission(models.Model):
    """Indicator attainment of a mission for a contract year, entered by ARS staff (drives the variable part)."""

    mission_cpts = models.ForeignKey(MissionCpts, on_delete=models.CASCADE, related_name="atteintes")
    annee = models.PositiveSmallIntegerField("année de contrat")
    taux = models.DecimalField("taux d'atteinte (%)", max_digits=5, decimal_places=2)
    commentaire = models.TextField("commentaire", blank=True)
    saisi_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    saisi_le = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "atteinte des indicateurs"
        ordering = ["mission_cpts", "annee"]
        constraints = [
            models.UniqueConstraint(fields=["mission_cpts", "annee"], name="cpts_atteinte_unique_annee"),
            models.CheckConstraint(condition=Q(taux__gte=0, taux__lte=100), name="cpts_atteinte_taux_0_100"),
            models.CheckConstraint(condition=Q(annee__gte=1), name="cpts_atteinte_annee_positive"),
        ]

    def __str__(self):
        return f"{self.mission_cpts} année {self.annee} : {self.taux} %"
