"""Service functions other apps call for territorial figures (see design.md §2)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Exists, Max, OuterRef, Q, QuerySet, Sum, Value, When

from territoires.models import EPCI, Commune, CommuneEpci, CommuneOverlay, CommuneTvs, PopulationCommune


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
    """Every commune of a region, as the given TVS version and population millésime saw it (one to three queries).

    A version or millésime that has not been imported falls back on the current values, and the result says so."""
    rows = Commune.objects.filter(departement__region_id=region_id).values_list(
        "id", "code_insee", "departement__code", "tvs_id", "population"
    )
    base = {pk: [code, dep, tvs, population or 0] for pk, code, dep, tvs, population in rows}
    used_version = ""
    if tvs_version:
        versioned = dict(
            CommuneTvs.objects.filter(version=tvs_version, commune__departement__region_id=region_id).values_list(
                "commune_id", "tvs_id"
            )
        )
        if versioned:
            used_version = tvs_version
            for pk, values in base.items():
                values[2] = versioned.get(pk)
    used_millesime, missing = "", 0
    if millesime_population:
        populations = dict(
            PopulationCommune.objects.filter(
                millesime=millesime_population, commune__departement__region_id=region_id
            ).values_list("commune_id", "population")
        )
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
