"""The register of regulatory and regional values, and the documents they come from.

A value is scoped by region (`region_code`, empty for a national rule), dated (`valide_du` / `valide_au`) and
sourced (a `Source` plus the page or article). Code never holds such a value: it asks
`referentiel.services` for the row in force, on the date that matters, for the region concerned.
"""

import datetime
import operator
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from referentiel.enums import INCLUSIVE_OPERATEURS, Domaine, NatureSource, Operateur

_COMPARE = {
    Operateur.LT: operator.lt,
    Operateur.LE: operator.le,
    Operateur.GT: operator.gt,
    Operateur.GE: operator.ge,
}


class Source(models.Model):
    """A document a value comes from: a legal text, an ARS document, a press article, or our own reading."""

    code = models.SlugField("code", max_length=60, unique=True)
    titre = models.CharField("titre", max_length=300)
    auteur = models.CharField("auteur ou éditeur", max_length=200, blank=True)
    nature = models.CharField("nature", max_length=20, choices=NatureSource.choices)
    date = models.DateField("date du document", null=True, blank=True)
    date_libelle = models.CharField(
        "date telle que publiée", max_length=60, blank=True, help_text="Par ex. « décembre 2017 » quand le jour manque."
    )
    region_code = models.CharField(
        "région du document",
        max_length=3,
        blank=True,
        db_index=True,
        help_text="Code INSEE de la région ; vide : document national.",
    )
    url = models.URLField("adresse", max_length=500, blank=True)
    note = models.TextField("note", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "source"
        verbose_name_plural = "sources"
        ordering = ["titre"]

    def __str__(self):
        return f"{self.titre} ({self.date_affichee})" if self.date_affichee else self.titre

    @property
    def date_affichee(self) -> str:
        if self.date_libelle:
            return self.date_libelle
        return self.date.strftime("%Y") if self.date else ""


class ParametreQuerySet(models.QuerySet):
    def en_vigueur(self, on: datetime.date):
        return self.filter(Q(valide_du__lte=on) & (Q(valide_au__isnull=True) | Q(valide_au__gte=on)))

    def applicables(self, region_code: str | None):
        """The rows that may apply in a region: its own and the national ones (never another region's)."""
        if region_code:
            return self.filter(region_code__in=[region_code, ""])
        return self.filter(region_code="")

    def with_list_data(self):
        return self.select_related("source").order_by("domaine", "code", "cle", "region_code", "-valide_du")


class Parametre(models.Model):
    """One value of the register: « seuil de population d'un CLS ≥ 50 000 habitants, Bretagne, depuis 2019 »."""

    domaine = models.CharField("domaine", max_length=20, choices=Domaine.choices)
    code = models.SlugField("code", max_length=60)
    cle = models.CharField(
        "précision", max_length=60, blank=True, help_text="Dimension de la valeur : taille T2, zone ZIP, mission…"
    )
    libelle = models.CharField("libellé", max_length=300)
    valeur = models.DecimalField("valeur", max_digits=16, decimal_places=4, null=True, blank=True)
    texte = models.CharField(
        "valeur en texte", max_length=300, blank=True, help_text="Pour une règle qui n'est pas un nombre."
    )
    unite = models.CharField("unité", max_length=40, blank=True)
    operateur = models.CharField(
        "opérateur", max_length=2, choices=Operateur.choices, blank=True, help_text="Comment un chiffre s'y compare."
    )
    region_code = models.CharField(
        "région", max_length=3, blank=True, db_index=True, help_text="Code INSEE de la région ; vide : règle nationale."
    )
    valide_du = models.DateField("valable du")
    valide_au = models.DateField("valable jusqu'au", null=True, blank=True)
    source = models.ForeignKey(Source, verbose_name="source", on_delete=models.PROTECT, related_name="parametres")
    source_precision = models.CharField("page ou article", max_length=200, blank=True)
    a_confirmer = models.BooleanField("à confirmer", default=False)
    note = models.TextField("note", blank=True)
    adopte_de = models.ForeignKey(
        "self",
        verbose_name="repris de",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adoptions",
        help_text="La valeur d'une autre région que celle-ci a adoptée.",
    )

    history = HistoricalRecords()

    objects = ParametreQuerySet.as_manager()

    class Meta:
        verbose_name = "valeur du référentiel"
        verbose_name_plural = "valeurs du référentiel"
        ordering = ["domaine", "code", "cle", "region_code", "-valide_du"]
        constraints = [
            models.UniqueConstraint(
                fields=["domaine", "code", "cle", "region_code", "valide_du"], name="referentiel_parametre_unique"
            ),
            models.CheckConstraint(
                condition=Q(valide_au__isnull=True) | Q(valide_au__gte=F("valide_du")),
                name="referentiel_parametre_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(valeur__isnull=False) | ~Q(texte=""), name="referentiel_parametre_has_value"
            ),
        ]
        indexes = [models.Index(fields=["domaine", "code", "region_code"], name="referentiel_lookup_idx")]

    def __str__(self):
        where = f" — {self.region_code}" if self.region_code else " — national"
        return f"{self.domaine}.{self.code}{'.' + self.cle if self.cle else ''}{where} : {self.valeur_affichee}"

    @property
    def est_national(self) -> bool:
        return not self.region_code

    @property
    def borne(self) -> str:
        """« inclusive » (≤, ≥) or « exclusive » (<, >); empty when the value is not a bound."""
        if not self.operateur:
            return ""
        return "inclusive" if self.operateur in INCLUSIVE_OPERATEURS else "exclusive"

    @property
    def valeur_affichee(self) -> str:
        """« ≥ 50 000 habitants », « 25 000 € », « aligné sur la fin du PRS »."""
        from config.typography import NBSP, fr_number

        if self.valeur is None:
            return self.texte
        decimals = max(0, -self.valeur.normalize().as_tuple().exponent)
        text = fr_number(self.valeur, decimals)
        if self.unite:
            text = f"{text}{NBSP}{self.unite}"
        if self.operateur:
            text = f"{self.get_operateur_display()}{NBSP}{text}"
        return text

    def satisfait(self, figure) -> bool:
        """Whether a figure meets the rule: `population ≥ 50 000`. Raises when the row has no operator."""
        if not self.operateur or self.valeur is None:
            raise ValueError(f"La valeur {self.domaine}.{self.code} n'est pas une borne (pas d'opérateur).")
        return _COMPARE[self.operateur](Decimal(str(figure)), self.valeur)
