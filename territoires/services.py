"""Service functions other apps call for territorial figures (see design.md §2)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Exists, Max, OuterRef, Q, QuerySet, Subquery, Sum, Value, When

from territoires.models import (
    EPCI,
    Commune,
    CommuneEpci,
    CommuneOverlay,
    CommuneTvs,
    CommuneVoisine,
    PopulationCommune,
)


def communes_of(*, epcis: Iterable[EPCI | int] = (), communes: Iterable[Commune | int] = ()) -> QuerySet[Commune]:
    """Communes of a perimeter made of whole EPCI and single communes (no duplicates)."""
    epci_ids = [getattr(item, "pk", item) for item in epcis]
    commune_ids = [getattr(item, "pk", item) for item in communes]
    if not epci_ids and not commune_ids:
        return Commune.objects.none()
    return Commune.objects.filter(Q(epci_id__in=epci_ids) | Q(pk__in=commune_ids))


def population_of(communes: QuerySet[Commune] | Iterable[Commune | int]) -> int:
    """Population municipale of a set of communes, in one aggregate query."""
    if isinstance(communes, QuerySet):
        queryset = Commune.objects.filter(pk__in=communes.values("pk"))
    else:
        queryset = Commune.objects.filter(pk__in=[getattr(item, "pk", item) for item in communes])
    return queryset.aggregate(total=Sum("population"))["total"] or 0


# --- Vintages: the TVS of a commune per version, its population per millésime, its EPCI per COG year ------------


@dataclass(frozen=True)
class CommuneRow:
    id: int
    code_insee: str
    departement: str
    tvs_id: int | None
    population: int


@dataclass(frozen=True)
class RegionCommunes:
    """The communes of a region with the TVS of one version and the population of one millésime.

    `tvs_version` / `millesime_population` say what was actually used: "" means the current assignment (or the
    latest imported population) because none was asked or the one asked has not been imported."""

    communes: dict[int, CommuneRow]
    tvs_version: str
    millesime_population: str
    sans_population: int = 0

    def by_tvs(self) -> dict[int, list[CommuneRow]]:
        grouped: dict[int, list[CommuneRow]] = {}
        for row in self.communes.values():
            if row.tvs_id is not None:
                grouped.setdefault(row.tvs_id, []).append(row)
        return grouped


def region_communes(region_id: int, *, tvs_version: str = "", millesime_population: str = "") -> RegionCommunes:
    """Every commune of a region, as the given TVS version and population millésime saw it (one query: each commune's
    TVS of that version and population of that millésime are read with it, one row each at most).

    A version or millésime that has not been imported falls back on the current values, and the result says so."""
    rows = Commune.objects.filter(departement__region_id=region_id)
    fields = ["id", "code_insee", "departement__code", "tvs_id", "population"]
    if tvs_version:
        versioned = CommuneTvs.objects.filter(commune=OuterRef("pk"), version=tvs_version).values("tvs_id")
        rows = rows.annotate(tvs_of_version=Subquery(versioned[:1]))
        fields.append("tvs_of_version")
    if millesime_population:
        of_millesime = PopulationCommune.objects.filter(commune=OuterRef("pk"), millesime=millesime_population)
        rows = rows.annotate(population_of_millesime=Subquery(of_millesime.values("population")[:1]))
        fields.append("population_of_millesime")
    base, versioned_tvs, populations = {}, {}, {}
    for row in rows.values(*fields):
        pk = row["id"]
        base[pk] = [row["code_insee"], row["departement__code"], row["tvs_id"], row["population"] or 0]
        if row.get("tvs_of_version") is not None:
            versioned_tvs[pk] = row["tvs_of_version"]
        if row.get("population_of_millesime") is not None:
            populations[pk] = row["population_of_millesime"]
    used_version = ""
    if versioned_tvs:  # the version was imported for this region: its assignment, none where it has no row
        used_version = tvs_version
        for pk, values in base.items():
            values[2] = versioned_tvs.get(pk)
    used_millesime, missing = "", 0
    if populations:
        used_millesime = millesime_population
        missing = sum(1 for pk in base if pk not in populations)
        for pk, values in base.items():
            values[3] = populations.get(pk, 0)
    communes = {pk: CommuneRow(pk, *values) for pk, values in base.items()}
    return RegionCommunes(communes, used_version, used_millesime, missing)


def tvs_of_commune(commune: Commune, versions: Iterable[str]) -> dict[str, int]:
    """{version: TVS id} of one commune in the given versions of the TVS list (one query)."""
    versions = [version for version in versions if version]
    if not versions:
        return {}
    return dict(CommuneTvs.objects.filter(commune=commune, version__in=versions).values_list("version", "tvs_id"))


def tvs_versions() -> list[str]:
    """The imported versions of the TVS list, most recent import first."""
    latest = CommuneTvs.objects.values("version").annotate(last=Max("pk")).order_by("-last")
    return [row["version"] for row in latest]


def population_millesimes() -> list[str]:
    """The imported population vintages, newest first."""
    return list(PopulationCommune.objects.values_list("millesime", flat=True).distinct().order_by("-millesime"))


def epci_of(commune: Commune, *, millesime: str) -> EPCI | None:
    """The EPCI a commune belonged to in a COG year (None if it had none, or the year was not imported)."""
    row = CommuneEpci.objects.select_related("epci").filter(commune=commune, millesime=millesime).first()
    return row.epci if row else None


@dataclass(frozen=True)
class Overlays:
    """The overlay classifications (ZRR, FRR) a commune is in on a date, and whether each was imported at all."""

    en_vigueur: frozenset[str]
    importes: frozenset[str]


def overlays_of(commune: Commune, *, on: datetime.date) -> Overlays:
    """One query: per imported classification, whether the commune is in it on `on`."""
    in_force = CommuneOverlay.objects.filter(commune=commune).en_vigueur(on=on).filter(pk=OuterRef("pk"))
    rows = (
        CommuneOverlay.objects.values("kind")
        .annotate(here=Max(Case(When(Exists(in_force), then=Value(1)), default=Value(0))))
        .order_by()
    )
    rows = list(rows)
    return Overlays(frozenset(row["kind"] for row in rows if row["here"]), frozenset(row["kind"] for row in rows))


# --- A perimeter made of any set of communes (portrait de territoire) ----------------------------------------------


@dataclass(frozen=True)
class CommuneInfo:
    id: int
    code_insee: str
    nom: str
    population: int | None
    departement: str
    departement_nom: str
    departement_id: int
    region: str
    region_nom: str
    region_id: int
    epci_id: int | None
    epci: str
    tvs_id: int | None
    millesime: str


@dataclass(frozen=True)
class CommunesPerimetre:
    """The communes of a perimeter with their current values, and their population in every imported millésime.

    Two queries (`perimetre_communes`); every figure below is computed from them."""

    communes: dict[int, CommuneInfo]
    populations: dict[str, dict[int, int]]  # millésime -> {commune id: population municipale}
    sources: dict[str, str]  # millésime -> source of the populations
    voisines: tuple[int, ...] = ()  # communes touching the perimeter, outside it (read when asked)
    contours: dict[str, dict] = field(default_factory=dict)  # INSEE code -> GeoJSON geometry (read when asked)

    @property
    def ids(self) -> list[int]:
        return list(self.communes)

    def population(self, millesime: str = "") -> int:
        """The current population (`Commune.population`), or that of one imported millésime."""
        if millesime:
            return sum(self.populations.get(millesime, {}).values())
        return sum(commune.population or 0 for commune in self.communes.values())

    def population_of(self, ids, millesime: str = "") -> int:
        if millesime and millesime in self.populations:
            values = self.populations[millesime]
            return sum(values.get(pk, 0) for pk in ids)
        return sum(self.communes[pk].population or 0 for pk in ids if pk in self.communes)

    def evolution(self) -> list[dict]:
        """One row per imported millésime, oldest first: population, communes with a value, source."""
        return [
            {
                "millesime": millesime,
                "population": sum(values.values()),
                "communes": len(values),
                "source": self.sources.get(millesime, ""),
            }
            for millesime, values in sorted(self.populations.items())
        ]

    def par_departement(self) -> list[dict]:
        grouped: dict[str, dict] = {}
        for commune in self.communes.values():
            row = grouped.setdefault(
                commune.departement,
                {
                    "code": commune.departement,
                    "nom": commune.departement_nom,
                    "region": commune.region,
                    "region_nom": commune.region_nom,
                    "communes": 0,
                    "population": 0,
                },
            )
            row["communes"] += 1
            row["population"] += commune.population or 0
        return [grouped[code] for code in sorted(grouped)]

    def regions(self) -> list[dict]:
        grouped: dict[str, dict] = {}
        for commune in self.communes.values():
            row = grouped.setdefault(
                commune.region, {"code": commune.region, "nom": commune.region_nom, "id": commune.region_id}
            )
            row["population"] = row.get("population", 0) + (commune.population or 0)
        return sorted(grouped.values(), key=lambda row: (-row["population"], row["code"]))


def perimetre_communes(
    communes: QuerySet[Commune] | Iterable[int], *, voisines: bool = False, contours: bool = False
) -> CommunesPerimetre:
    """The communes of a perimeter (a queryset or ids) with their vintages, in two queries. `voisines`: the communes
    touching it are read in the same query; `contours`: so are the perimeter's contours (a subquery)."""
    from territoires.enums import ContourLevel
    from territoires.models import Contour

    inside = communes.values("pk") if isinstance(communes, QuerySet) else list(communes)
    queryset = Commune.objects.filter(pk__in=inside)
    extra = []
    if voisines:
        touching = CommuneVoisine.objects.filter(commune_id__in=inside).order_by().values("voisine_id")
        # One IN over a UNION, which the planner estimates: an OR of two INs was estimated at 26 000 communes for
        # 98 read, and planned as a parallel scan of every commune (and JIT-compiled, when JIT was on).
        members = Commune.objects.filter(pk__in=inside).order_by().values("pk").union(touching)
        queryset = Commune.objects.filter(pk__in=members).annotate(
            dedans=Case(When(pk__in=inside, then=Value(True)), default=Value(False), output_field=BooleanField())
        )
        extra.append("dedans")
    if contours:
        geometry = Contour.objects.filter(level=ContourLevel.COMMUNE, code=OuterRef("code_insee")).values("geometry")
        # Only the perimeter's own contours travel: the neighbours' stay in the database.
        queryset = queryset.annotate(geometrie=Case(When(pk__in=inside, then=Subquery(geometry[:1])), default=None))
        extra.append("geometrie")
    rows = queryset.order_by("code_insee").values_list(*COMMUNE_INFO_FIELDS, *extra)
    infos, outside, geometries = {}, [], {}
    for row in rows:
        flags = dict(zip(extra, row[len(COMMUNE_INFO_FIELDS) :], strict=True))
        if not flags.get("dedans", True):
            outside.append(row[0])
            continue
        infos[row[0]] = CommuneInfo(*row[:11], row[11] or "", *row[12:14])
        if flags.get("geometrie") is not None:
            geometries[row[1]] = flags["geometrie"]
    populations: dict[str, dict[int, int]] = {}
    sources: dict[str, str] = {}
    values = PopulationCommune.objects.filter(commune_id__in=list(infos)).values_list(
        "millesime", "commune_id", "population", "source"
    )
    for millesime, commune_id, population, source in values:
        populations.setdefault(millesime, {})[commune_id] = population
        sources.setdefault(millesime, source)
    return CommunesPerimetre(infos, populations, sources, tuple(sorted(outside)), geometries)


COMMUNE_INFO_FIELDS = (
    "id",
    "code_insee",
    "nom",
    "population",
    "departement__code",
    "departement__nom",
    "departement_id",
    "departement__region__code",
    "departement__region__nom",
    "departement__region_id",
    "epci_id",
    "epci__nom",
    "tvs_id",
    "millesime",
)


def tvs_par_version(commune_ids: Iterable[int], versions: Iterable[str]) -> dict[str, dict[int, int]]:
    """{version: {commune id: TVS id}} for these communes in the named versions of the TVS list (one query)."""
    versions = sorted({version for version in versions if version})
    if not versions:
        return {}
    result: dict[str, dict[int, int]] = {}
    rows = CommuneTvs.objects.filter(commune_id__in=list(commune_ids), version__in=versions).values_list(
        "version", "commune_id", "tvs_id"
    )
    for version, commune_id, tvs_id in rows:
        result.setdefault(version, {})[commune_id] = tvs_id
    return result


def communes_voisines(commune_ids: Iterable[int]) -> list[int]:
    """The communes touching the perimeter and outside it (stored neighbourhoods, `territoires.voisinage`)."""
    ids = list(commune_ids)
    rows = CommuneVoisine.objects.filter(commune_id__in=ids).exclude(voisine_id__in=ids)
    return sorted(set(rows.values_list("voisine_id", flat=True)))


@dataclass(frozen=True)
class EpciNoeud:
    id: int
    siren: str
    nom: str
    population: int


def graphe_epci(region_ids: Iterable[int]) -> tuple[dict[int, EpciNoeud], dict[int, set[int]]]:
    """The EPCI having a commune in these regions, and which touch which (one query on the neighbourhoods).

    Two EPCI touch when a commune of one touches a commune of the other. An EPCI whose communes have no contour has
    no neighbour. Populations are the EPCI's (all member communes, inside the regions or not)."""
    rows = (
        CommuneVoisine.objects.filter(commune__departement__region_id__in=list(region_ids), commune__epci__isnull=False)
        .values_list(
            "commune__epci_id",
            "commune__epci__siren",
            "commune__epci__nom",
            "commune__epci__population",
            "voisine__epci_id",
            "voisine__epci__siren",
            "voisine__epci__nom",
            "voisine__epci__population",
        )
        .distinct()
    )
    noeuds: dict[int, EpciNoeud] = {}
    voisins: dict[int, set[int]] = {}
    for a, a_siren, a_nom, a_pop, b, b_siren, b_nom, b_pop in rows:
        noeuds.setdefault(a, EpciNoeud(a, a_siren, a_nom, a_pop))
        if b is None or b == a:
            continue
        noeuds.setdefault(b, EpciNoeud(b, b_siren, b_nom, b_pop))
        voisins.setdefault(a, set()).add(b)
        voisins.setdefault(b, set()).add(a)
    return noeuds, voisins


def contours_communes(codes: Iterable[str]) -> dict[str, dict]:
    """{INSEE code: GeoJSON geometry} of the communes that have a contour (one query)."""
    from territoires.enums import ContourLevel
    from territoires.models import Contour

    rows = Contour.objects.filter(level=ContourLevel.COMMUNE, code__in=list(codes)).values_list("code", "geometry")
    return dict(rows)
