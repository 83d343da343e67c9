import re

from django.db import models
from django.db.models import Q, Sum

from territoires.enums import ContourLevel, EpciType, OverlayKind, TvsSource, TypeNom
from territoires.text import normalize


def type_nom_field(*examples: str) -> models.PositiveSmallIntegerField:
    """INSEE's « type de nom en clair » of a place name, imported from the COG (`TypeNom`)."""
    return models.PositiveSmallIntegerField(
        "type de nom (INSEE)",
        choices=TypeNom.choices,
        null=True,
        blank=True,
        help_text="Article et élision du nom (" + ", ".join(f"« {e} »" for e in examples) + "), repris du COG.",
    )


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    nom = models.CharField("nom", max_length=100)
    type_nom = type_nom_field("de l'Indre", "du Loiret")

    class Meta:
        verbose_name = "région"
        verbose_name_plural = "régions"
        ordering = ["code"]

    def __str__(self):
        return self.nom


class Departement(models.Model):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    nom = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, verbose_name="région", on_delete=models.PROTECT, related_name="departements")
    type_nom = type_nom_field("de l'Indre", "du Loiret")

    class Meta:
        verbose_name = "département"
        verbose_name_plural = "départements"
        ordering = ["code"]

    def __str__(self):
        return f"{self.nom} ({self.code})"


_EPCI_COMMON_NOUN = re.compile(r"^(CC|CA|CU|Communauté|Métropole|Agglomération|Eurométropole)\b", re.IGNORECASE)


class EPCIQuerySet(models.QuerySet):
    def in_region(self, region_code: str):
        return self.filter(communes__departement__region__code=region_code).distinct()


class EPCI(models.Model):
    """EPCI à fiscalité propre. Population: sum of its member communes (same vintage)."""

    siren = models.CharField("SIREN", max_length=9, unique=True)
    nom = models.CharField("nom", max_length=200)
    type = models.CharField("type", max_length=5, choices=EpciType.choices)
    population = models.PositiveIntegerField(
        "population municipale",
        help_text="Somme des populations municipales de toutes ses communes membres, "
        "y compris celles situées hors de la région importée.",
    )
    search_text = models.CharField(max_length=250, editable=False, db_index=True)

    objects = EPCIQuerySet.as_manager()

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["nom"]
        constraints = [
            models.CheckConstraint(condition=Q(siren__regex=r"^[0-9]{9}$"), name="epci_siren_9_digits"),
        ]

    def __str__(self):
        return self.nom

    def save(self, *args, **kwargs):
        self.search_text = normalize(self.nom)
        super().save(*args, **kwargs)

    @property
    def type_nom(self) -> int | None:
        """« de la CC Loches Sud Touraine », « de la Communauté de communes… », but « d'Orléans Métropole »."""
        if _EPCI_COMMON_NOUN.match(self.nom):
            return TypeNom.LA
        return None  # named after its city: elision by the initial (config.typography.guess_type_nom)


class TerritoireVieSante(models.Model):
    """Territoire de vie-santé (TVS): the unit of the médecin zonage."""

    code = models.CharField("code", max_length=10, unique=True)
    nom = models.CharField("nom", max_length=200)
    source = models.CharField("source", max_length=10, choices=TvsSource.choices)

    class Meta:
        verbose_name = "territoire de vie-santé"
        verbose_name_plural = "territoires de vie-santé"
        ordering = ["nom"]

    def __str__(self):
        return f"{self.nom} ({self.code})"


class CommuneQuerySet(models.QuerySet):
    def search(self, query: str):
        """Accent-insensitive search on the name, the INSEE code or a postal code."""
        terms = normalize(query).split()
        qs = self
        for term in terms:
            qs = qs.filter(search_text__contains=term)
        return qs

    def with_list_data(self):
        return self.select_related("departement", "epci").only(
            "code_insee",
            "nom",
            "population",
            "codes_postaux",
            "departement__code",
            "departement__nom",
            "epci__siren",
            "epci__nom",
        )

    def population(self) -> int:
        return self.aggregate(total=Sum("population"))["total"] or 0


class Commune(models.Model):
    code_insee = models.CharField("code INSEE", max_length=5, unique=True)
    nom = models.CharField("nom", max_length=200)
    type_nom = type_nom_field("d'Aigurande", "du Blanc")
    departement = models.ForeignKey(
        Departement, verbose_name="département", on_delete=models.PROTECT, related_name="communes"
    )
    epci = models.ForeignKey(
        EPCI, verbose_name="EPCI", on_delete=models.SET_NULL, related_name="communes", null=True, blank=True
    )
    tvs = models.ForeignKey(
        TerritoireVieSante,
        verbose_name="territoire de vie-santé",
        on_delete=models.SET_NULL,
        related_name="communes",
        null=True,
        blank=True,
    )
    population = models.PositiveIntegerField(
        "population municipale", null=True, blank=True, help_text="Vide si la source n'en donne pas."
    )
    codes_postaux = models.JSONField("codes postaux", default=list, blank=True)
    anciens_codes = models.JSONField(
        "anciens codes", default=list, blank=True, help_text="Codes des communes fusionnées dans celle-ci."
    )
    millesime = models.CharField("millésime du COG", max_length=4)
    search_text = models.TextField(editable=False)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = "commune"
        verbose_name_plural = "communes"
        ordering = ["nom", "code_insee"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code_insee__regex=r"^[0-9][0-9AB][0-9]{3}$"), name="commune_code_insee_format"
            ),
        ]
        # The commune list's order (most populated first), whole France or one département: its first page is
        # an index scan, not a sort of every commune.
        indexes = [
            models.Index(fields=["-population", "nom", "code_insee"], name="commune_population_order_idx"),
            models.Index(fields=["departement", "-population", "nom", "code_insee"], name="commune_dep_population_idx"),
        ]

    def __str__(self):
        return f"{self.nom} ({self.code_insee})"

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        return " ".join([normalize(self.nom), self.code_insee.lower(), *self.codes_postaux])


class CommuneEpci(models.Model):
    """The EPCI a commune belonged to in one COG year (`Commune.epci` is the latest import's)."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="epci_par_millesime")
    epci = models.ForeignKey(EPCI, verbose_name="EPCI", on_delete=models.CASCADE, related_name="+")
    millesime = models.CharField("millésime du COG", max_length=4)

    class Meta:
        verbose_name = "appartenance à un EPCI (par millésime)"
        verbose_name_plural = "appartenances aux EPCI (par millésime)"
        ordering = ["millesime", "commune__code_insee"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "millesime"], name="communeepci_unique_commune_millesime"),
        ]

    def __str__(self):
        return f"{self.commune_id} → {self.epci_id} (COG {self.millesime})"


class CommuneTvs(models.Model):
    """The TVS of a commune in one version of the TVS list: an arrêté de zonage names the version it used."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="tvs_par_version")
    tvs = models.ForeignKey(
        TerritoireVieSante, verbose_name="territoire de vie-santé", on_delete=models.PROTECT, related_name="+"
    )
    version = models.CharField(
        "version de la liste des TVS", max_length=40, help_text="Par ex. « DREES 2022 » : nommée à l'import."
    )

    class Meta:
        verbose_name = "rattachement à un TVS (par version)"
        verbose_name_plural = "rattachements aux TVS (par version)"
        ordering = ["version", "commune__code_insee"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "version"], name="communetvs_unique_commune_version"),
        ]
        indexes = [models.Index(fields=["version", "tvs"], name="communetvs_version_tvs_idx")]

    def __str__(self):
        return f"{self.commune_id} → {self.tvs_id} ({self.version})"


class PopulationCommune(models.Model):
    """The population municipale of a commune in one INSEE vintage (millésime N, in force on 1 January N+3)."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="populations")
    millesime = models.CharField("millésime des populations légales", max_length=4)
    population = models.PositiveIntegerField("population municipale")
    source = models.CharField("source", max_length=250)

    class Meta:
        verbose_name = "population d'une commune (par millésime)"
        verbose_name_plural = "populations des communes (par millésime)"
        ordering = ["millesime", "commune__code_insee"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "millesime"], name="populationcommune_unique_commune_millesime"),
        ]

    def __str__(self):
        return f"{self.commune_id} : {self.population} ({self.millesime})"


class CommuneOverlayQuerySet(models.QuerySet):
    def en_vigueur(self, *, on):
        return self.filter(valide_du__lte=on).filter(Q(valide_au__isnull=True) | Q(valide_au__gte=on))


class CommuneOverlay(models.Model):
    """A commune's membership of a classification that is not the zonage (ZRR, FRR), for a period. Imported."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="overlays")
    kind = models.CharField("classement", max_length=10, choices=OverlayKind.choices)
    valide_du = models.DateField("valable du")
    valide_au = models.DateField("valable jusqu'au", null=True, blank=True)
    source = models.CharField("source", max_length=250)

    objects = CommuneOverlayQuerySet.as_manager()

    class Meta:
        verbose_name = "classement communal (ZRR, FRR)"
        verbose_name_plural = "classements communaux (ZRR, FRR)"
        ordering = ["kind", "commune__code_insee", "valide_du"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "kind", "valide_du"], name="communeoverlay_unique_commune_kind_start"
            ),
            models.CheckConstraint(
                condition=Q(valide_au__isnull=True) | Q(valide_au__gte=models.F("valide_du")),
                name="communeoverlay_dates_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.commune_id} : {self.get_kind_display()} depuis le {self.valide_du:%d/%m/%Y}"


class Contour(models.Model):
    """A simplified GeoJSON geometry (WGS 84) for a région, département or commune."""

    level = models.CharField("niveau", max_length=12, choices=ContourLevel.choices)
    code = models.CharField("code INSEE", max_length=5)
    geometry = models.JSONField("géométrie GeoJSON")
    source = models.CharField("source", max_length=250)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    class Meta:
        verbose_name = "contour"
        verbose_name_plural = "contours"
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="contour_unique_level_code"),
        ]

    def __str__(self):
        return f"{self.get_level_display()} {self.code}"


class ImportRun(models.Model):
    """Provenance of the referential: which source, version and counts, when."""

    kind = models.CharField("import", max_length=30)
    source = models.CharField("source", max_length=250)
    scope = models.CharField("périmètre", max_length=50, blank=True)
    counts = models.JSONField("comptes", default=dict)
    finished_at = models.DateTimeField("terminé le", auto_now_add=True)

    class Meta:
        verbose_name = "import du référentiel"
        verbose_name_plural = "imports du référentiel"
        ordering = ["-finished_at"]
        get_latest_by = "finished_at"

    def __str__(self):
        return f"{self.kind} — {self.source} ({self.finished_at:%d/%m/%Y})"


class CommuneVoisine(models.Model):
    """Two communes whose contours touch (they share a vertex of the imported contours): both directions are stored.

    Computed from the commune contours after each import (`territoires.voisinage`); EPCI adjacency is read from it."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="voisinages")
    voisine = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "commune voisine"
        verbose_name_plural = "communes voisines"
        constraints = [
            models.UniqueConstraint(fields=["commune", "voisine"], name="communevoisine_unique_pair"),
            models.CheckConstraint(condition=~Q(commune=models.F("voisine")), name="communevoisine_not_itself"),
        ]

    def __str__(self):
        return f"{self.commune_id} ↔ {self.voisine_id}"
