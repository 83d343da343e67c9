"""Computed rule checks of an arrêté: population shares, APL compliance, regional caps, diff."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from zonage.enums import ParametreType
from zonage.models import Classement, ParametreRegional

ZIP, ZAC = "ZIP", "ZAC"


@dataclass(frozen=True)
class ZoneShare:
    population: int
    share: float  # 0..1


def _population_expr(region_id: int, departement=None):
    """Population of a classement row: its commune, or the communes of its TVS inside the region/département."""
    scope = Q(tvs__communes__departement__region_id=region_id)
    commune_scope = Q(commune__departement__region_id=region_id)
    if departement is not None:
        scope &= Q(tvs__communes__departement=departement)
        commune_scope &= Q(commune__departement=departement)
    return Coalesce(
        Sum("commune__population", filter=commune_scope), Sum("tvs__communes__population", filter=scope), Value(0)
    )


def zone_shares(arrete, *, departement=None) -> dict[str, ZoneShare]:
    """{zone code: (population, share)} of the region (or one département) — one aggregate query."""
    rows = (
        Classement.objects.filter(arrete=arrete)
        .values("zone__code")
        .annotate(population=_population_expr(arrete.region_id, departement))
        .order_by("zone__code")
    )
    populations = {row["zone__code"]: row["population"] for row in rows}
    return _shares(populations)


def _shares(populations: dict[str, int]) -> dict[str, ZoneShare]:
    total = sum(populations.values())
    return {code: ZoneShare(pop, pop / total if total else 0.0) for code, pop in populations.items()}


def zone_shares_by_departement(arrete) -> dict[str, dict[str, ZoneShare]]:
    """{département code: {zone code: ZoneShare}} — one aggregate query."""
    region_id = arrete.region_id
    rows = (
        Classement.objects.filter(arrete=arrete)
        .filter(Q(commune__isnull=False) | Q(tvs__communes__departement__region_id=region_id))
        .annotate(dep=Coalesce("commune__departement__code", "tvs__communes__departement__code"))
        .values("dep", "zone__code")
        .annotate(population=Coalesce(Sum(Coalesce("commune__population", "tvs__communes__population")), 0))
        .order_by("dep", "zone__code")
    )
    by_dep: dict[str, dict[str, int]] = {}
    for row in rows:
        by_dep.setdefault(row["dep"], {})[row["zone__code"]] = row["population"]
    return {dep: _shares(pops) for dep, pops in by_dep.items()}


def territory_rows(arrete) -> list[dict]:
    """One dict per classement row with code, name, zone, APL and in-region population (one query)."""
    rows = (
        Classement.objects.filter(arrete=arrete)
        .values(
            "pk",
            "tvs_id",
            "commune_id",
            "apl",
            "zone__code",
            "zone__libelle",
            tvs_code=F("tvs__code"),
            tvs_nom=F("tvs__nom"),
            commune_code=F("commune__code_insee"),
            commune_nom=F("commune__nom"),
        )  # fmt: skip
        .annotate(population=_population_expr(arrete.region_id))
        .order_by("zone__ordre", "tvs__nom", "commune__nom")
    )
    return [
        {
            "key": ("tvs", row["tvs_id"]) if row["tvs_id"] else ("commune", row["commune_id"]),
            "code": row["tvs_code"] or row["commune_code"],
            "nom": row["tvs_nom"] or row["commune_nom"],
            "zone": row["zone__code"],
            "zone_libelle": row["zone__libelle"],
            "apl": row["apl"],
            "population": row["population"],
        }
        for row in rows
    ]


def parametre_en_vigueur(*, type: str, arrete) -> ParametreRegional | None:
    """The parameter for the arrêté's methodology version, regional first, valid on its effect date."""
    on = arrete.date_effet or timezone.localdate()
    candidates = (
        ParametreRegional.objects.en_vigueur(on=on)
        .filter(type=type, methodologie=arrete.methodologie)
        .filter(region_code__in=[arrete.region.code, ""])
        .order_by("-region_code", "-valide_du")
    )
    return candidates.first()


@dataclass
class CapCheck:
    zone: str
    parametre: ParametreRegional | None
    share: float

    @property
    def percent(self) -> float:
        return self.share * 100

    @property
    def exceeded(self) -> bool:
        return self.parametre is not None and Decimal(str(round(self.share * 100, 4))) > self.parametre.valeur


@dataclass
class Checks:
    applicable: bool
    seuil: ParametreRegional | None = None
    non_conformes: list[dict] = field(default_factory=list)
    caps: list[CapCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.non_conformes and not any(cap.exceeded for cap in self.caps)


def arrete_checks(arrete, *, rows: list[dict] | None = None, shares: dict | None = None) -> Checks:
    """APL at or under the threshold must be ZIP; ZIP and ZAC shares must stay under the regional caps.

    Only the médecin zonage (zones ZIP/ZAC) has these rules.
    """
    zone_codes = {zone.code for zone in arrete.profession.zones.all()}
    if ZIP not in zone_codes:
        return Checks(applicable=False)
    rows = territory_rows(arrete) if rows is None else rows
    shares = zone_shares(arrete) if shares is None else shares
    seuil = parametre_en_vigueur(type=ParametreType.SEUIL_APL_ZIP, arrete=arrete)
    non_conformes = []
    if seuil is not None:
        non_conformes = [
            row for row in rows if row["apl"] is not None and row["apl"] <= seuil.valeur and row["zone"] != ZIP
        ]
    caps = [
        CapCheck(zone, parametre_en_vigueur(type=type_, arrete=arrete), shares.get(zone, ZoneShare(0, 0.0)).share)
        for zone, type_ in ((ZIP, ParametreType.PLAFOND_ZIP), (ZAC, ParametreType.PLAFOND_ZAC))
    ]
    return Checks(applicable=True, seuil=seuil, non_conformes=non_conformes, caps=caps)


def format_percent(share: float) -> str:
    return f"{share * 100:.1f}".replace(".", ",") + " %"


@dataclass
class Diff:
    headlines: list[dict]
    changes: list[dict]
    population_moved: int
    by_zone: list[dict]


def arrete_diff(old, new) -> Diff:
    """Territories entering/leaving each zone between two versions, population moved, headline shares."""
    old_rows = {row["key"]: row for row in territory_rows(old)}
    new_rows = {row["key"]: row for row in territory_rows(new)}
    changes = []
    for key in sorted(old_rows.keys() | new_rows.keys(), key=str):
        before, after = old_rows.get(key), new_rows.get(key)
        before_zone = before["zone"] if before else None
        after_zone = after["zone"] if after else None
        if before_zone != after_zone:
            ref = after or before
            changes.append(
                {
                    "code": ref["code"],
                    "nom": ref["nom"],
                    "avant": before_zone,
                    "apres": after_zone,
                    "population": ref["population"],
                }  # fmt: skip
            )
    zones = list(new.profession.zones.all())
    old_shares = _shares(_sum_by_zone(old_rows.values()))
    new_shares = _shares(_sum_by_zone(new_rows.values()))
    empty = ZoneShare(0, 0.0)
    headlines = [
        {
            "zone": zone.code,
            "avant": old_shares.get(zone.code, empty),
            "apres": new_shares.get(zone.code, empty),
            "texte": f"{zone.code} : {format_percent(old_shares.get(zone.code, empty).share)} → "
            f"{format_percent(new_shares.get(zone.code, empty).share)}",
        }
        for zone in zones
    ]
    by_zone = [
        {
            "zone": zone,
            "entrees": [change for change in changes if change["apres"] == zone.code],
            "sorties": [change for change in changes if change["avant"] == zone.code],
        }
        for zone in zones
    ]
    moved = sum(change["population"] for change in changes)
    return Diff(headlines=headlines, changes=changes, population_moved=moved, by_zone=by_zone)


def _sum_by_zone(rows) -> dict[str, int]:
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["zone"]] = totals.get(row["zone"], 0) + row["population"]
    return totals


def today() -> datetime.date:
    return timezone.localdate()
