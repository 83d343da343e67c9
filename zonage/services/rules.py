"""Computed rule checks of an arrêté: population shares, APL compliance, regional shares, diff.

Populations are those of the arrêté's own vintages: the communes of each TVS in the TVS version it names
(`version_tvs`) and their population of its millésime (`millesime_population`), so that a past figure is
reproducible after newer vintages are imported. Every regulatory figure (the APL threshold and its operator, the
regional shares of the national arrêté) is a row of the référentiel (`referentiel/data/zonage.toml`), read for the
arrêté's region, methodology version and effect date; none is written here.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import F
from django.utils import timezone

from referentiel.enums import Domaine
from referentiel.models import Parametre
from referentiel.services import Parametres, parametres_en_vigueur
from territoires.services import CommuneRow, RegionCommunes, region_communes
from zonage.models import Classement

ZIP, ZAC = "ZIP", "ZAC"
# The zones each population-share rule of the register adds up (how zones combine, not a regulatory value).
PARTS = {
    "part_population_zip": (ZIP,),
    "part_population_zac": (ZAC,),
    "part_population_zip_zac": (ZIP, ZAC),
}
SEUIL_APL = "seuil_apl_zip"


def today() -> datetime.date:
    return timezone.localdate()


class ZoneShare(NamedTuple):
    """(population, share) of one zone, as design.md §2 specifies; share is in 0..1."""

    population: int
    share: float


class ZoneShares(dict):
    """{zone code: ZoneShare}, plus the cumulated shares and the vintages the populations come from.

    `shares.zip` is the ZIP share; `shares.zip_zac` the ZIP + ZAC share (the « 71,3 % » of the 2017 arrêté is
    this one, not the ZAC alone). `millesime_population` / `tvs_version` are "" when the current values were used."""

    def __init__(self, populations: dict[str, int], *, millesime_population: str = "", tvs_version: str = ""):
        self.total = sum(populations.values())
        super().__init__({code: self._share(pop) for code, pop in populations.items()})
        self.millesime_population = millesime_population
        self.tvs_version = tvs_version

    def _share(self, population: int) -> ZoneShare:
        return ZoneShare(population, population / self.total if self.total else 0.0)

    def cumul(self, *codes: str) -> ZoneShare:
        return self._share(sum(self[code].population for code in codes if code in self))

    @property
    def zip(self) -> ZoneShare:
        return self.cumul(ZIP)

    @property
    def zip_zac(self) -> ZoneShare:
        return self.cumul(ZIP, ZAC)


@dataclass(frozen=True)
class _Row:
    values: dict
    communes: list[CommuneRow]

    @property
    def population(self) -> int:
        return sum(commune.population for commune in self.communes)


def _communes(arrete) -> RegionCommunes:
    return region_communes(
        arrete.region_id, tvs_version=arrete.version_tvs, millesime_population=arrete.millesime_population
    )


def rows_with_communes(values, communes: RegionCommunes, *, departement=None) -> list[_Row]:
    """Attach to each classification row (a dict with `tvs_id` / `commune_id`) the communes of the region it covers,
    in the TVS version and population millésime of `communes`. Shared by arrêtés and simulator scenarios."""
    by_tvs = communes.by_tvs()
    code = getattr(departement, "code", departement)
    rows = []
    for row in values:
        if row.get("tvs_id"):
            members = by_tvs.get(row["tvs_id"], [])
        else:
            members = [communes.communes[row["commune_id"]]] if row.get("commune_id") in communes.communes else []
        if code is not None:
            members = [member for member in members if member.departement == code]
        rows.append(_Row(row, members))
    return rows


def _classified(arrete, *, departement=None, values=("zone__code",), order=("zone__code",)):
    """Each classement row of the arrêté with the communes of the region it covers (three to four queries)."""
    communes = _communes(arrete)
    queryset = Classement.objects.filter(arrete=arrete).values("tvs_id", "commune_id", *values).order_by(*order)
    return rows_with_communes(queryset, communes, departement=departement), communes


def _sum_by_zone(rows) -> dict[str, int]:
    totals: dict[str, int] = {}
    for row in rows:
        zone = row.values["zone__code"]
        totals[zone] = totals.get(zone, 0) + row.population
    return totals


def shares_of(rows, communes: RegionCommunes) -> ZoneShares:
    """The population shares of classification rows (`rows_with_communes`), with the vintages used."""
    return ZoneShares(
        _sum_by_zone(rows),
        millesime_population=communes.millesime_population,
        tvs_version=communes.tvs_version,
    )


def zone_shares(arrete, *, departement=None) -> ZoneShares:
    """{zone code: (population, share)} of the region (or one département), on the arrêté's own vintages."""
    rows, communes = _classified(arrete, departement=departement)
    return shares_of(rows, communes)


def zone_shares_by_departement(arrete) -> dict[str, ZoneShares]:
    """{département code: ZoneShares} — same vintages as `zone_shares`."""
    return _shares_by_departement(*_classified(arrete))


def _shares_by_departement(rows, communes) -> dict[str, ZoneShares]:
    by_dep: dict[str, dict[str, int]] = {}
    for row in rows:
        for commune in row.communes:
            zones = by_dep.setdefault(commune.departement, {})
            zones[row.values["zone__code"]] = zones.get(row.values["zone__code"], 0) + commune.population
    return {
        dep: ZoneShares(pops, millesime_population=communes.millesime_population, tvs_version=communes.tvs_version)
        for dep, pops in sorted(by_dep.items())
    }


def zones_par_commune(arrete) -> dict[str, str]:
    """{commune INSEE code: zone code} for every commune of the region the arrêté classifies (its TVS version)."""
    rows, _ = _classified(arrete)
    return {commune.code_insee: row.values["zone__code"] for row in rows for commune in row.communes}


def territory_rows(arrete) -> list[dict]:
    """One dict per classement row with code, name, zone, APL and in-region population."""
    return _territory_dicts(_classified_for_table(arrete)[0])


class Figures(NamedTuple):
    rows: list[dict]  # `territory_rows`
    shares: ZoneShares  # `zone_shares`
    by_departement: dict[str, ZoneShares]  # `zone_shares_by_departement`
    compared_rows: list[dict] | None  # `territory_rows` of the arrêté compared with, if any


def arrete_figures(arrete, *, compared=None) -> Figures:
    """`territory_rows`, `zone_shares` and `zone_shares_by_departement` of one arrêté, from one read of its rows;
    with `compared` (the version a diff starts from), that arrêté's `territory_rows` too: the classement rows of both
    are read in the same query, and the region's communes once when both use the same vintages."""
    arretes = [arrete] if compared is None else [arrete, compared]
    communes = {}
    for item in arretes:
        key = (item.region_id, item.version_tvs, item.millesime_population)
        if key not in communes:
            communes[key] = _communes(item)
    by_arrete = {item.pk: [] for item in arretes}
    queryset = (
        Classement.objects.filter(arrete__in=[item.pk for item in arretes])
        .values("arrete_id", "tvs_id", "commune_id", *TABLE_VALUES)
        .order_by(*TABLE_ORDER)
    )
    for values in queryset:
        by_arrete[values["arrete_id"]].append(values)

    def classified(item):
        key = (item.region_id, item.version_tvs, item.millesime_population)
        return rows_with_communes(by_arrete[item.pk], communes[key]), communes[key]

    rows, own = classified(arrete)
    vintages = {"millesime_population": own.millesime_population, "tvs_version": own.tvs_version}
    return Figures(
        _territory_dicts(rows),
        ZoneShares(_sum_by_zone(rows), **vintages),
        _shares_by_departement(rows, own),
        _territory_dicts(classified(compared)[0]) if compared is not None else None,
    )


TABLE_VALUES = (
    "pk",
    "apl",
    "zone__code",
    "zone__libelle",
    "tvs__code",
    "tvs__nom",
    "commune__code_insee",
    "commune__nom",
)
TABLE_ORDER = (F("zone__ordre").asc(), F("tvs__nom").asc(nulls_last=True), F("commune__nom").asc(nulls_last=True))


def _classified_for_table(arrete):
    return _classified(arrete, values=TABLE_VALUES, order=TABLE_ORDER)


def _territory_dicts(rows) -> list[dict]:
    return [
        {
            "key": ("tvs", row.values["tvs_id"]) if row.values["tvs_id"] else ("commune", row.values["commune_id"]),
            "code": row.values["tvs__code"] or row.values["commune__code_insee"],
            "nom": row.values["tvs__nom"] or row.values["commune__nom"],
            "zone": row.values["zone__code"],
            "zone_libelle": row.values["zone__libelle"],
            "apl": row.values["apl"],
            "population": row.population,
        }
        for row in rows
    ]


# --- The rules of the register ---------------------------------------------------------------------------------


def regles_du_zonage(arrete):
    """The référentiel rows in force for the arrêté: its region, on its effect date (today for a draft)."""
    return parametres_en_vigueur(Domaine.ZONAGE, region=arrete.region, on=arrete.date_effet or today())


def _percent(population: int, total: int) -> Decimal:
    return Decimal(population) * 100 / Decimal(total) if total else Decimal(0)


@dataclass
class CapCheck:
    """One regional share of the national arrêté (ZIP, ZAC or ZIP + ZAC) against the arrêté's share."""

    zone: str
    parametre: Parametre
    population: int
    total: int

    @property
    def percent(self) -> Decimal:
        return _percent(self.population, self.total)

    @property
    def exceeded(self) -> bool:
        return not self.parametre.satisfait(self.percent)


def zone_caps(arrete) -> dict[str, Decimal]:
    """{« ZIP », « ZAC » or « ZIP + ZAC »: regional share of the national arrêté, in %} for the arrêté's
    methodology version (empty when the register holds none for its region)."""
    regles = regles_du_zonage(arrete)
    caps = {}
    for code, zones in PARTS.items():
        parametre = regles.get(code, arrete.methodologie)
        if parametre is not None:
            caps[" + ".join(zones)] = parametre.valeur
    return caps


@dataclass
class Checks:
    applicable: bool
    seuil: Parametre | None = None
    non_conformes: list[dict] = field(default_factory=list)
    caps: list[CapCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.non_conformes and not any(cap.exceeded for cap in self.caps)


def arrete_checks(
    arrete, *, rows: list[dict] | None = None, shares: ZoneShares | None = None, regles: Parametres | None = None
) -> Checks:
    """A territory whose APL meets the register's threshold (value and operator) must be ZIP; the ZIP, ZAC and
    ZIP + ZAC shares must meet the regional shares of the national arrêté for its methodology version.

    Only the médecin zonage (zones ZIP/ZAC) has these rules."""
    zone_codes = {zone.code for zone in arrete.profession.zones.all()}
    if ZIP not in zone_codes:
        return Checks(applicable=False)
    rows = territory_rows(arrete) if rows is None else rows
    shares = zone_shares(arrete) if shares is None else shares
    regles = regles_du_zonage(arrete) if regles is None else regles  # `regles`: already read for the same date
    seuil = regles.get(SEUIL_APL)
    non_conformes = []
    if seuil is not None:
        non_conformes = [
            row for row in rows if row["apl"] is not None and seuil.satisfait(row["apl"]) and row["zone"] != ZIP
        ]
    caps = cap_checks(regles, arrete.methodologie, shares)
    return Checks(applicable=True, seuil=seuil, non_conformes=non_conformes, caps=caps)


def cap_checks(regles, methodologie: str, shares: ZoneShares) -> list[CapCheck]:
    """The regional shares of the national arrêté (register, for this methodology version) against `shares`."""
    caps = []
    for code, zones in PARTS.items():
        parametre = regles.get(code, methodologie)
        if parametre is not None:
            caps.append(CapCheck(" + ".join(zones), parametre, shares.cumul(*zones).population, shares.total))
    return caps


# --- Diff between two versions ----------------------------------------------------------------------------------


def format_percent(share: float) -> str:
    return f"{share * 100:.1f}".replace(".", ",") + " %"


@dataclass
class Diff:
    headlines: list[dict]
    changes: list[dict]
    population_moved: int
    by_zone: list[dict]


def arrete_diff(old, new, *, new_rows: list[dict] | None = None, old_rows: list[dict] | None = None) -> Diff:
    """Territories entering/leaving each zone between two versions, population moved, headline shares."""
    old_rows = {row["key"]: row for row in (territory_rows(old) if old_rows is None else old_rows)}
    new_rows = {row["key"]: row for row in (territory_rows(new) if new_rows is None else new_rows)}
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
    old_shares = ZoneShares(_totals(old_rows.values()))
    new_shares = ZoneShares(_totals(new_rows.values()))
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


def _totals(rows) -> dict[str, int]:
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["zone"]] = totals.get(row["zone"], 0) + row["population"]
    return totals
