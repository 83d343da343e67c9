"""Dated reference data of the CPTS and MSP programmes (editable in the admin, seeded by migration)."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from cpts.enums import CodeParametre, CritereAci, Taille, TypeMission


class EnVigueurQuerySet(models.QuerySet):
    def en_vigueur(self, on):
        return self.filter(Q(valide_du__lte=on) & (Q(valide_au__isnull=True) | Q(valide_au__gte=on)))


class DatedRow(models.Model):
    valide_du = models.DateField("valable du")
    valide_au = models.DateField("valable jusqu'au", null=True, blank=True)
    source = models.CharField("source", max_length=300, help_text="Texte ou document qui fixe la règle.")
    a_confirmer = models.BooleanField("à confirmer", default=False)

    objects = EnVigueurQuerySet.as_manager()

    class Meta:
        abstract = True


class ParametreCpts(DatedRow):
    """A dated scalar rule (point value, ACI duration, MSP minimum team, advance share)."""

    code = models.CharField("paramètre", max_length=30, choices=CodeParametre.choices)
    valeur = models.DecimalField("valeur", max_digits=12, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "paramètre CPTS / MSP"
        verbose_name_plural = "paramètres CPTS / MSP"
        ordering = ["code", "-valide_du"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valide_du"], name="cpts_parametre_unique_code_date"),
            models.CheckConstraint(
                condition=Q(valide_au__isnull=True) | Q(valide_au__gte=F("valide_du")),
                name="cpts_parametre_dates_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.get_code_display()} : {self.valeur}"


class SeuilTaille(DatedRow):
    """Lower bound (inclusive) of a CPTS size class: a population ≥ `population_min` of the highest
    class in force is that class. T1 0, T2 40 000, T3 80 000, T4 175 001 (T4 is « > 175 000 »)."""

    taille = models.CharField("taille", max_length=2, choices=Taille.choices)
    population_min = models.PositiveIntegerField("population minimale (incluse)")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "seuil de taille de CPTS"
        verbose_name_plural = "seuils de taille de CPTS"
        ordering = ["-valide_du", "population_min"]
        constraints = [
            models.UniqueConstraint(fields=["taille", "valide_du"], name="cpts_seuil_unique_taille_date"),
        ]

    def __str__(self):
        return f"{self.taille} ≥ {self.population_min} ({self.valide_du:%d/%m/%Y})"


class Mission(models.Model):
    """A CPTS mission of the ACI with its deadlines (months after the ACI signature)."""

    code = models.CharField("code", max_length=30, unique=True)
    libelle = models.CharField("libellé", max_length=200)
    type = models.CharField("type", max_length=15, choices=TypeMission.choices)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)
    delai_demarrage_mois = models.PositiveSmallIntegerField("démarrage dans les (mois)", null=True, blank=True)
    delai_deploiement_mois = models.PositiveSmallIntegerField("déploiement dans les (mois)", null=True, blank=True)
    source = models.CharField("source", max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "mission de CPTS"
        verbose_name_plural = "missions de CPTS"
        ordering = ["ordre"]
        constraints = [
            models.CheckConstraint(
                condition=Q(delai_deploiement_mois__isnull=True)
                | Q(delai_demarrage_mois__isnull=True)
                | Q(delai_deploiement_mois__gte=F("delai_demarrage_mois")),
                name="cpts_mission_delais_ordered",
            ),
        ]

    def __str__(self):
        return self.libelle


class BaremeAci(DatedRow):
    """One version of the CPTS funding tables (the 2019 ACI, then each avenant)."""

    nom = models.CharField("version", max_length=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "barème ACI CPTS"
        verbose_name_plural = "barèmes ACI CPTS"
        ordering = ["-valide_du"]

    def __str__(self):
        return self.nom


class BaremeLigne(models.Model):
    """Annual amounts for a size class: fonctionnement (no mission) or a mission's fixed and variable parts."""

    bareme = models.ForeignKey(BaremeAci, on_delete=models.CASCADE, related_name="lignes")
    taille = models.CharField("taille", max_length=2, choices=Taille.choices)
    mission = models.ForeignKey(
        Mission, on_delete=models.PROTECT, null=True, blank=True, help_text="Vide : fonctionnement de la CPTS."
    )
    part_fixe = models.DecimalField("part fixe annuelle (€)", max_digits=10, decimal_places=2)
    part_variable = models.DecimalField("part variable annuelle maximale (€)", max_digits=10, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "ligne de barème"
        verbose_name_plural = "lignes de barème"
        ordering = ["bareme", "taille", "mission__ordre"]
        constraints = [
            models.UniqueConstraint(
                fields=["bareme", "taille", "mission"],
                condition=Q(mission__isnull=False),
                name="cpts_bareme_unique_mission",
            ),
            models.UniqueConstraint(
                fields=["bareme", "taille"], condition=Q(mission__isnull=True), name="cpts_bareme_unique_fonctionnement"
            ),
        ]

    def __str__(self):
        return f"{self.bareme} {self.taille} {self.mission or 'fonctionnement'}"


class CritereAciMsp(DatedRow):
    """A criterion of the MSP ACI with its points."""

    code = models.CharField("code", max_length=40)
    libelle = models.CharField("libellé", max_length=250)
    type = models.CharField("type", max_length=15, choices=CritereAci.choices)
    points = models.PositiveIntegerField("points")
    ordre = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "critère de l'ACI MSP"
        verbose_name_plural = "critères de l'ACI MSP"
        ordering = ["ordre"]
        constraints = [models.UniqueConstraint(fields=["code", "valide_du"], name="cpts_critere_msp_unique")]

    def __str__(self):
        return f"{self.libelle} ({self.points} points)"
