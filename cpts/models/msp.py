"""The register of maisons de santé pluriprofessionnelles and centres de santé."""

import uuid

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from comptes.perms import get_scope
from cpts.enums import Financeur, Profession, StatutMsp, TypeStructure
from cpts.models.referentiel import CritereAciMsp


class MspQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Porteur : ses structures. Délégation : ses départements. Siège et comité : celles de leur région."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        scope = get_scope(user)
        condition = Q(porteur_id__in=scope.porteur_ids)
        if scope.is_ars:
            condition |= Q(departement_id__in=scope.ars_departement_ids)
        if scope.is_comite:
            condition |= Q(departement__region__code__in=scope.comite_region_codes)
        return self.filter(condition)

    def with_list_data(self):
        return self.select_related("departement", "porteur").prefetch_related("sites__commune", "professionnels")


class Msp(models.Model):
    """A maison de santé pluriprofessionnelle (or a centre de santé, recorded the same way)."""

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
    type = models.CharField("type", max_length=20, choices=TypeStructure.choices, default=TypeStructure.MSP)
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
    date_projet_sante = models.DateField("projet de santé validé le", null=True, blank=True)
    date_aci = models.DateField("ACI signé le", null=True, blank=True)
    is_fictif = models.BooleanField("donnée fictive (démonstration)", default=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    history = HistoricalRecords()

    objects = MspQuerySet.as_manager()

    class Meta:
        verbose_name = "MSP ou centre de santé"
        verbose_name_plural = "MSP et centres de santé"
        ordering = ["departement__code", "nom"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_aci__isnull=True) | Q(type=TypeStructure.CENTRE_SANTE) | Q(sisa=True),
                name="cpts_msp_aci_requires_sisa",
            ),
        ]

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


class ProfessionnelMsp(models.Model):
    msp = models.ForeignKey(Msp, on_delete=models.CASCADE, related_name="professionnels")
    profession = models.CharField("profession", max_length=30, choices=Profession.choices)
    nombre = models.PositiveSmallIntegerField("nombre")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "professionnels par profession"
        ordering = ["msp", "profession"]
        constraints = [models.UniqueConstraint(fields=["msp", "profession"], name="cpts_msp_profession_unique")]

    def __str__(self):
        return f"{self.nombre} {self.get_profession_display()}"


class FinancementMsp(models.Model):
    msp = models.ForeignKey(Msp, on_delete=models.CASCADE, related_name="financements")
    financeur = models.CharField("financeur", max_length=10, choices=Financeur.choices)
    montant = models.DecimalField("montant (€)", max_digits=12, decimal_places=2)
    annee = models.PositiveSmallIntegerField("année")
    objet = models.CharField("objet", max_length=250, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "financement reçu"
        ordering = ["msp", "annee"]
        constraints = [models.CheckConstraint(condition=Q(montant__gte=0), name="cpts_msp_financement_positive")]

    def __str__(self):
        return f"{self.get_financeur_display()} {self.annee} : {self.montant} €"


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
