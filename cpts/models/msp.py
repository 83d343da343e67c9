"""The register of maisons de santé pluriprofessionnelles and centres de santé."""

import uuid

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cpts.enums import Financeur, StatutMsp
from cpts.models.catalogue import CritereAciMsp
from cpts.models.structures import EffectifProfession, StructureQuerySet


class MspQuerySet(StructureQuerySet):
    def with_list_data(self):
        return self.select_related("departement__region", "porteur").prefetch_related(
            "sites__commune", "professionnels"
        )


class Msp(models.Model):
    """A maison de santé pluriprofessionnelle (centres de santé and ESP have their own registers)."""

    public_id = models.UUIDField("identifiant public", default=uuid.uuid4, unique=True, editable=False)
    # The ledger's record of this structure (financements.Beneficiaire): ARS commitments and payments live there.
    beneficiaire = models.OneToOneField(
        "financements.Beneficiaire",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="msp",
        editable=False,
    )
    nom = models.CharField("nom", max_length=250)
    porteur = models.ForeignKey(
        "comptes.Organisation",
        verbose_name="organisation porteuse",
        on_delete=models.PROTECT,
        related_name="msp",
        null=True,
        blank=True,
    )
    departement = models.ForeignKey(
        "territoires.Departement", verbose_name="département", on_delete=models.PROTECT, related_name="msp"
    )
    statut = models.CharField("statut", max_length=20, choices=StatutMsp.choices, default=StatutMsp.PROJET)
    sisa = models.BooleanField("constituée en SISA", default=False)
    date_sisa = models.DateField(
        "SISA constituée le", null=True, blank=True, help_text="Vide quand la date n'est pas connue."
    )
    patientele = models.PositiveIntegerField(
        "patientèle (patients ayant déclaré un médecin traitant de la structure)", null=True, blank=True
    )
    date_projet_sante = models.DateField("projet de santé validé le", null=True, blank=True)
    date_aci = models.DateField("ACI signé le", null=True, blank=True)
    is_fictif = models.BooleanField("donnée fictive (démonstration)", default=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    history = HistoricalRecords()

    objects = MspQuerySet.as_manager()

    class Meta:
        verbose_name = "maison de santé pluriprofessionnelle"
        verbose_name_plural = "maisons de santé pluriprofessionnelles"
        ordering = ["departement__code", "nom"]
        indexes = [models.Index(fields=["departement", "statut"], name="cpts_msp_dep_statut_idx")]  # the list's filters

    def __str__(self):
        return self.nom


class SiteMsp(models.Model):
    msp = models.ForeignKey(Msp, on_delete=models.CASCADE, related_name="sites")
    commune = models.ForeignKey("territoires.Commune", on_delete=models.PROTECT, related_name="sites_msp")
    adresse = models.CharField("adresse", max_length=250, blank=True)
    principal = models.BooleanField("site principal", default=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "site"
        ordering = ["-principal", "pk"]

    def __str__(self):
        return f"{self.adresse} {self.commune}".strip()


class ProfessionnelMsp(EffectifProfession):
    msp = models.ForeignKey(Msp, on_delete=models.CASCADE, related_name="professionnels")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "professionnels par profession"
        ordering = ["msp", "profession"]
        constraints = [models.UniqueConstraint(fields=["msp", "profession"], name="cpts_msp_profession_unique")]


class FinancementMsp(models.Model):
    """Funding a structure declares it received (history of an MSP or a centre de santé, not the ARS ledger)."""

    msp = models.ForeignKey(Msp, on_delete=models.CASCADE, related_name="financements", null=True, blank=True)
    centre = models.ForeignKey(
        "cpts.CentreSante", on_delete=models.CASCADE, related_name="financements", null=True, blank=True
    )
    region = models.ForeignKey(
        "territoires.Region",
        verbose_name="région",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
        help_text="Celle de la MSP ou du centre (déduite) : un seul chemin vers la région.",
    )
    financeur = models.CharField("financeur", max_length=10, choices=Financeur.choices)
    montant = models.DecimalField("montant (€)", max_digits=12, decimal_places=2)
    annee = models.PositiveSmallIntegerField("année")
    objet = models.CharField("objet", max_length=250, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "financement reçu"
        ordering = ["msp", "annee"]
        constraints = [
            models.CheckConstraint(condition=Q(montant__gte=0), name="cpts_msp_financement_positive"),
            models.CheckConstraint(
                condition=Q(msp__isnull=False, centre__isnull=True) | Q(msp__isnull=True, centre__isnull=False),
                name="cpts_financement_one_structure",
            ),
        ]

    def __str__(self):
        return f"{self.get_financeur_display()} {self.annee} : {self.montant} €"

    def save(self, *args, **kwargs):
        """The region is the structure's (territoires.regions), derived once."""
        if self.region_id is None:
            structure = self.msp if self.msp_id else self.centre
            self.region_id = structure.departement.region_id if structure else None
        super().save(*args, **kwargs)


class CritereMsp(models.Model):
    """An ACI criterion a structure meets (its points count in the estimated remuneration)."""

    msp = models.ForeignKey(Msp, on_delete=models.CASCADE, related_name="criteres")
    critere = models.ForeignKey(CritereAciMsp, on_delete=models.PROTECT, related_name="+")
    atteint = models.BooleanField("atteint", default=True)

    class Meta:
        verbose_name = "critère ACI rempli"
        constraints = [models.UniqueConstraint(fields=["msp", "critere"], name="cpts_msp_critere_unique")]

    def __str__(self):
        return f"{self.msp} — {self.critere}"
