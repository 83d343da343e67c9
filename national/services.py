"""The comparison of the régions: the same definitions for every région, each figure read by the service of the
app that owns it (design.md §2), over all régions at once (one aggregate query per figure, grouped by région).

The zonage shares are the exception the owning service imposes: `zonage.services.rules.zone_shares` reads one
arrêté (its own TVS version and population millésime), so it is called once per région that has a médecin
arrêté in force — bounded by the number of régions, not by the volume of data — and its result is cached per
published arrêté (`ZONAGE_CACHE_SECONDS`): a visit reads the arrêtés in force in one query."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from territoires.models import Region

ZONES = ("ZIP", "ZAC", "ZIP + ZAC")


@dataclass
class LigneRegion:
    """One région's row of the comparison (every figure has the same definition in every row)."""

    code: str
    nom: str
    population: int
    cls_population: int = 0
    cls_part: float = 0.0
    cpts_population: int = 0
    cpts_part: float = 0.0
    msp: int = 0
    missions: dict = field(default_factory=dict)
    fir: dict = field(default_factory=dict)
    campagne: dict = field(default_factory=dict)

    @property
    def fir_part(self) -> float | None:
        ouvert = self.fir.get("ouvert") or Decimal(0)
        return float(self.fir.get("engage", 0) / ouvert) if ouvert else None


@dataclass
class ZonageRegion:
    """One région's médecin zonage in force: the shares of its population per zone and the caps of the register."""

    code: str
    nom: str
    arrete: str = ""
    arrete_id: str = ""
    parts: dict = field(default_factory=dict)  # {"ZIP": 0.12, "ZAC": 0.4, "ZIP + ZAC": 0.52}
    plafonds: dict = field(default_factory=dict)  # {"ZIP": Decimal("10.4"), …} in %
    population: int = 0

    @property
    def cellules(self) -> list[dict]:
        """One cell per zone, for the table: share (0..1), cap (in %), whether the share exceeds it."""
        return [
            {
                "zone": zone,
                "part": self.parts.get(zone),
                "plafond": self.plafonds.get(zone),
                "depasse": self.depasse(zone),
            }
            for zone in ZONES
        ]

    def depasse(self, zone: str) -> bool | None:
        """Whether the share exceeds the cap (None when the register has no cap for this zone)."""
        if zone not in self.plafonds or zone not in self.parts:
            return None
        return Decimal(str(self.parts[zone] * 100)) > self.plafonds[zone]


def regions_figurees():
    """The régions whose geography is imported, with their population (one query)."""
    return (
        Region.objects.annotate(population=Sum("departements__communes__population"))
        .filter(population__gt=0)
        .order_by("code")
    )


def comparaison(*, on: datetime.date) -> list[LigneRegion]:
    """The comparison table: one row per région, each figure from its owning app (seven queries in all)."""
    from acces_soins.campagne.tableau import completude_par_region
    from cls.services.coverage import cls_coverage_by_region
    from cpts.services.suivi import cpts_coverage_by_region, missions_aci_by_region, msp_en_fonctionnement_by_region
    from financements.selectors import engage_par_region

    cls = cls_coverage_by_region(on=on)
    cpts = cpts_coverage_by_region(on=on)
    msp = msp_en_fonctionnement_by_region(on=on)
    missions = missions_aci_by_region(on=on)
    fir = engage_par_region()
    campagnes = completude_par_region()
    lignes = []
    for region in regions_figurees():
        cls_pop, cls_share = cls.get(region.code, (0, Decimal(0)))
        cpts_pop, cpts_share = cpts.get(region.code, (0, 0.0))
        lignes.append(
            LigneRegion(
                code=region.code,
                nom=region.nom,
                population=region.population or 0,
                cls_population=cls_pop,
                cls_part=float(cls_share),
                cpts_population=cpts_pop,
                cpts_part=float(cpts_share),
                msp=msp.get(region.code, 0),
                missions=missions.get(region.code, {}),
                fir=fir.get(region.code, {}),
                campagne=campagnes.get(region.code, {}),
            )
        )
    return lignes


def zonage_par_region(*, on: datetime.date) -> list[ZonageRegion]:
    """The médecin zonage in force in each région (the latest arrêté in effect on `on`), with zonage's own
    shares and caps (`zone_shares`, `zone_caps`)."""
    from zonage.models import ArreteZonage
    from zonage.services.rules import zone_caps, zone_shares

    arretes = {}
    for arrete in (
        ArreteZonage.objects.en_vigueur(on=on)
        .filter(profession__zones__code="ZIP")
        .select_related("region")
        .order_by("region__code", "-date_effet", "-pk")
        .distinct()
    ):
        arretes.setdefault(arrete.region.code, arrete)
    lignes = []
    for region in regions_figurees():
        ligne = ZonageRegion(code=region.code, nom=region.nom)
        arrete = arretes.get(region.code)
        if arrete is not None:
            ligne.arrete, ligne.arrete_id = arrete.reference, str(arrete.public_id)
            ligne.population, ligne.parts, ligne.plafonds = _zonage_figures(arrete, zone_shares, zone_caps)
        lignes.append(ligne)
    return lignes


# A published arrêté's classification and vintages are frozen: its figures are kept for a day (keyed by what
# changes when it is replaced), so the page reads them once, not once per région on every visit.
ZONAGE_CACHE_SECONDS = 24 * 3600


def _zonage_figures(arrete, zone_shares, zone_caps):
    from django.core.cache import cache

    key = f"national:zonage:{arrete.pk}:{arrete.statut}:{arrete.date_fin}:{arrete.methodologie}"
    figures = cache.get(key)
    if figures is None:
        shares = zone_shares(arrete)
        parts = {"ZIP": shares.zip.share, "ZAC": shares.cumul("ZAC").share, "ZIP + ZAC": shares.zip_zac.share}
        figures = (shares.total, parts, zone_caps(arrete))
        cache.set(key, figures, ZONAGE_CACHE_SECONDS)
    return figures


# --- Exports (same rows as the page) -----------------------------------------------------------------------------

EXPORT_HEADER = [
    "Code région",
    "Région",
    "Population",
    "Population couverte par un CLS en vigueur",
    "Part couverte par un CLS (%)",
    "Population couverte par une CPTS signée",
    "Part couverte par une CPTS (%)",
    "MSP en fonctionnement",
    "CPTS signées (ACI)",
    "Missions ACI",
    "Missions démarrées",
    "Missions déployées",
    "Missions en retard",
    "Enveloppes ouvertes (€)",
    "Engagé (€)",
    "Dernière campagne",
    "Complétude de la campagne (%)",
]

ZONAGE_HEADER = ["Code région", "Région", "Arrêté médecins en vigueur"] + [
    f"{label} {zone} (%)" for zone in ZONES for label in ("Part", "Plafond")
]


def _pct(share) -> Decimal | None:
    return None if share is None else Decimal(str(round(share * 100, 1)))


def export_rows(lignes: list[LigneRegion]) -> list[list]:
    return [
        [
            ligne.code,
            ligne.nom,
            ligne.population,
            ligne.cls_population,
            _pct(ligne.cls_part),
            ligne.cpts_population,
            _pct(ligne.cpts_part),
            ligne.msp,
            ligne.missions.get("cpts", 0),
            ligne.missions.get("missions", 0),
            ligne.missions.get("demarrees", 0),
            ligne.missions.get("deployees", 0),
            ligne.missions.get("en_retard", 0),
            ligne.fir.get("ouvert", Decimal(0)),
            ligne.fir.get("engage", Decimal(0)),
            ligne.campagne.get("semestre", ""),
            ligne.campagne.get("pct"),
        ]
        for ligne in lignes
    ]


def zonage_export_rows(lignes: list[ZonageRegion]) -> list[list]:
    rows = []
    for ligne in lignes:
        row = [ligne.code, ligne.nom, ligne.arrete]
        for zone in ZONES:
            row += [_pct(ligne.parts.get(zone)), ligne.plafonds.get(zone)]
        rows.append(row)
    return rows


def snapshot(*, on: datetime.date) -> dict:
    """The frozen figures of the PDF synthesis (JSON): the comparison and the zonage, as exported."""
    return {
        "jour": on.isoformat(),
        "sections": [
            {
                "titre": "Comparaison des régions",
                "header": EXPORT_HEADER,
                "rows": _jsonable(export_rows(comparaison(on=on))),
            },
            {
                "titre": "Zonage médecins : parts de population et plafonds",
                "header": ZONAGE_HEADER,
                "rows": _jsonable(zonage_export_rows(zonage_par_region(on=on))),
            },
        ],
    }


def _jsonable(rows):
    return [[str(value) if isinstance(value, Decimal) else value for value in row] for row in rows]
