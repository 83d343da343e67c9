"""The business catalogues of the CPTS and MSP programmes: ACI missions, MSP ACI criteria, pre-ACI contracts.

They hold structure only (code, label, type, the dates a row exists, the document that says so). Every number —
deadlines, amounts, points, thresholds — is a row of the register (`referentiel`), read by `cpts.services.regles`.
Seeded from the `[[mission]]`, `[[critere]]` and `[[contrat_anterieur_aci]]` tables of `referentiel/data/*.toml`.
"""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from cpts.enums import CritereAci, TypeMission


class EnVigueurQuerySet(models.QuerySet):
    def en_vigueur(self, on):
        return self.filter(Q(valide_du__lte=on) & (Q(valide_au__isnull=True) | Q(valide_au__gte=on)))

    def pendant(self, debut, fin):
        """Rows that exist at some point of [debut, fin] (e.g. a mission added during a contract)."""
        return self.filter(Q(valide_du__lte=fin) & (Q(valide_au__isnull=True) | Q(valide_au__gte=debut)))


def _dates_ordered(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(valide_au__isnull=True) | Q(valide_au__gte=F("valide_du")), name=name)


class Mission(models.Model):
    """A CPTS mission of the ACI: what it is and since when it exists (the crisis mission came with the avenant 2).
    Its deadlines and amounts are register rows keyed by its code."""

    code = models.CharField("code", max_length=30, unique=True)
    libelle = models.CharField("libellé", max_length=200)
    type = models.CharField("type", max_length=15, choices=TypeMission.choices)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)
    valide_du = models.DateField("existe depuis le")
    valide_au = models.DateField("existe jusqu'au", null=True, blank=True)
    source = models.ForeignKey("referentiel.Source", verbose_name="source", on_delete=models.PROTECT, related_name="+")
    source_precision = models.CharField("page ou article", max_length=300, blank=True)

    history = HistoricalRecords()

    objects = EnVigueurQuerySet.as_manager()

    class Meta:
        verbose_name = "mission de CPTS"
        verbose_name_plural = "missions de CPTS"
        ordering = ["ordre"]
        constraints = [_dates_ordered("cpts_mission_dates_ordered")]

    def __str__(self):
        return self.libelle


class CritereAciMsp(models.Model):
    """A criterion of the MSP ACI (its fixed and variable points are register rows keyed by its code)."""

    code = models.CharField("code", max_length=40)
    libelle = models.CharField("libellé", max_length=250)
    type = models.CharField("type", max_length=15, choices=CritereAci.choices)
    ordre = models.PositiveSmallIntegerField(default=0)
    valide_du = models.DateField("existe depuis le")
    valide_au = models.DateField("existe jusqu'au", null=True, blank=True)

    history = HistoricalRecords()

    objects = EnVigueurQuerySet.as_manager()

    class Meta:
        verbose_name = "critère de l'ACI MSP"
        verbose_name_plural = "critères de l'ACI MSP"
        ordering = ["ordre"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valide_du"], name="cpts_critere_msp_unique"),
            _dates_ordered("cpts_critere_msp_dates_ordered"),
        ]

    def __str__(self):
        return self.libelle


class ContratAnterieurQuerySet(models.QuerySet):
    def visible_to(self, user):
        """ARS agents and the comité: the contracts of their région; a porteur: those of its own CPTS."""
        from comptes.perms import get_scope

        if not getattr(user, "is_authenticated", False):
            return self.none()
        scope = get_scope(user)
        return self.filter(Q(region_code__in=scope.region_codes) | Q(cpts__porteur_id__in=scope.porteur_ids))


class ContratAnterieurAci(models.Model):
    """A contract the ARS signed with a CPTS before the ACI of 2019 existed (e.g. the two contracts of 2017
    named by the Centre-Val de Loire plan). Recorded as the source states it: a month may stand for the date."""

    nom = models.CharField("CPTS signataire", max_length=250)
    date_signature = models.DateField(
        "signé le", help_text="Premier jour du mois quand la source ne donne que le mois."
    )
    date_libelle = models.CharField("date telle que publiée", max_length=60, blank=True)
    region_code = models.CharField("région", max_length=3, db_index=True)
    departement = models.ForeignKey(
        "territoires.Departement",
        verbose_name="département",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Vide quand la source ne le nomme pas.",
    )
    cpts = models.ForeignKey(
        "cpts.Cpts",
        verbose_name="CPTS au registre",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contrats_anterieurs",
    )
    objet = models.TextField("objet", blank=True)
    source = models.ForeignKey("referentiel.Source", verbose_name="source", on_delete=models.PROTECT, related_name="+")
    source_precision = models.CharField("page ou article", max_length=300, blank=True)
    note = models.TextField("note", blank=True)
    is_fictif = models.BooleanField("donnée fictive (démonstration)", default=False)

    history = HistoricalRecords()

    objects = ContratAnterieurQuerySet.as_manager()

    class Meta:
        verbose_name = "contrat ARS antérieur à l'ACI"
        verbose_name_plural = "contrats ARS antérieurs à l'ACI"
        ordering = ["date_signature", "nom"]
        constraints = [
            models.UniqueConstraint(fields=["nom", "date_signature"], name="cpts_contrat_anterieur_unique"),
        ]

    def __str__(self):
        return f"{self.nom} ({self.date_libelle or self.date_signature.strftime('%m/%Y')})"
