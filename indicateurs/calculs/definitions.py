"""The computed indicators of the seeded catalogue, one function per code.

Expected service signatures (design.md §2), resolved lazily; the territorial keyword is either
`region=<territoires.Region>` or `departement=<territoires.Departement>`:

- zonage.services.arrete_en_vigueur(*, profession: str, region: Region, on: date) -> arrete | None
- zonage.services.zone_shares(arrete, *, departement=None) -> dict[zone, (population, share)]
  (zone keys "ZIP", "ZAC"…; the share is recomputed here from the populations)
- cpts.services.msp_en_fonctionnement(*, region|departement, on: date) -> int
- cpts.services.pipeline(*, perimetre: Region|Departement, on: date) -> dict[stage, count] (stage "aci_signe")
- cpts.services.cpts_coverage(*, region|departement, on: date) -> (population, share)
- cls.services.cls_coverage(*, region|departement, on: date) -> (population, share)
- cls.services.fiches_actions_counts(*, region|departement, on: date) -> dict[statut, count]
  (keys "realisee", "en_retard")
- instruction.selectors.lettres_intention(*, region|departement, debut: date, fin: date)
  -> iterable of (deposee_le: date, decision_le: date | None, acceptee: bool | None) for the letters
  filed or decided between the two dates

Population shares always use the territorial referential for the denominator
(`population_perimetre`), so every share of a perimeter has the same base.
"""

from decimal import Decimal
from statistics import median

from indicateurs.calculs.registry import arrondi, calcul, part, service
from indicateurs.enums import PerimetreKind
from indicateurs.models import Perimetre
from indicateurs.perimetres import population_perimetre, territoire_of
from indicateurs.semestre import Semestre

TERRITORIAL = (PerimetreKind.REGION, PerimetreKind.DEPARTEMENT)
# The plan d'accès aux soins follows the médecin généraliste zonage (priority 1, measure 1).
PROFESSION_ZONAGE = "medecin-generaliste"
# What each indicator is made of (for `donnees_fictives`): the models whose `is_fictif` rows are demo data.
ZONAGE = ("zonage.ArreteZonage",)
CLS = ("cls.ContratLocalSante",)
LETTRES = ("cls.ContratLocalSante", "cpts.Cpts")  # the letters of intent are those of CLS and CPTS


def territorial_kwargs(perimetre: Perimetre) -> dict | None:
    """{"region": Region} or {"departement": Departement}; None for other perimeters."""
    if perimetre.kind not in TERRITORIAL:
        return None
    territoire = territoire_of(perimetre)
    return {perimetre.kind: territoire} if territoire else None


def _zone_share(perimetre: Perimetre, semestre: Semestre, *zones: str) -> Decimal | None:
    """The share of the perimeter's population living in the given zones (summed populations)."""
    kwargs = territorial_kwargs(perimetre)
    if kwargs is None:
        return None
    region = kwargs["region"] if "region" in kwargs else kwargs["departement"].region
    arrete = service("zonage.services.arrete_en_vigueur")(profession=PROFESSION_ZONAGE, region=region, on=semestre.end)
    if arrete is None:
        return None
    shares = service("zonage.services.zone_shares")(arrete, departement=kwargs.get("departement"))
    population = sum(shares.get(zone, (0, 0))[0] for zone in zones)
    return part(population, population_perimetre(perimetre))


@calcul("P1_POP_ZIP", donnees=ZONAGE)
def pop_zip(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    return _zone_share(perimetre, semestre, "ZIP")


@calcul("P1_POP_ZAC", donnees=ZONAGE)
def pop_zac(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    """The ZAC alone (not the ZIP): 31,5 % in 2017, where the plan's 71,3 % is ZIP and ZAC together."""
    return _zone_share(perimetre, semestre, "ZAC")


@calcul("P1_POP_ZIP_ZAC", donnees=ZONAGE)
def pop_zip_zac(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    """ZIP and ZAC together: the plan's 71,3 % of 2017."""
    return _zone_share(perimetre, semestre, "ZIP", "ZAC")


@calcul("P3_MSP", donnees=("cpts.Msp",))
def msp(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    kwargs = territorial_kwargs(perimetre)
    if kwargs is None:
        return None
    return Decimal(service("cpts.services.msp_en_fonctionnement")(**kwargs, on=semestre.end))


@calcul("P3_CPTS_ACI", donnees=("cpts.Cpts",))
def cpts_aci(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    kwargs = territorial_kwargs(perimetre)
    if kwargs is None:
        return None
    territoire = next(iter(kwargs.values()))
    return Decimal(service("cpts.services.pipeline")(perimetre=territoire, on=semestre.end).get("aci_signe", 0))


def _coverage(dotted: str, perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    kwargs = territorial_kwargs(perimetre)
    if kwargs is None:
        return None
    population, _share = service(dotted)(**kwargs, on=semestre.end)
    return part(population, population_perimetre(perimetre))


@calcul("P3_POP_CPTS", donnees=("cpts.Cpts",))
def pop_cpts(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    return _coverage("cpts.services.cpts_coverage", perimetre, semestre)


@calcul("P4_POP_CLS", donnees=CLS)
def pop_cls(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    return _coverage("cls.services.cls_coverage", perimetre, semestre)


def _lettres(perimetre: Perimetre, semestre: Semestre) -> list[tuple] | None:
    kwargs = territorial_kwargs(perimetre)
    if kwargs is None:
        return None
    rows = service("instruction.selectors.lettres_intention")(**kwargs, debut=semestre.start, fin=semestre.end)
    return list(rows)


def _in(semestre: Semestre, day) -> bool:
    return day is not None and semestre.start <= day <= semestre.end


@calcul("P4_LI_DEPOSEES", donnees=LETTRES)
def li_deposees(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    rows = _lettres(perimetre, semestre)
    return None if rows is None else Decimal(sum(1 for depot, _, _ in rows if _in(semestre, depot)))


@calcul("P4_LI_ACCEPTEES", donnees=LETTRES)
def li_acceptees(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    rows = _lettres(perimetre, semestre)
    return None if rows is None else Decimal(sum(1 for _, decision, ok in rows if ok and _in(semestre, decision)))


@calcul("P4_DELAI_INSTRUCTION", donnees=LETTRES)
def delai_instruction(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    rows = _lettres(perimetre, semestre)
    if rows is None:
        return None
    delays = [(decision - depot).days for depot, decision, _ in rows if _in(semestre, decision)]
    return arrondi(median(delays)) if delays else None


def _fiches(perimetre: Perimetre, semestre: Semestre, key: str) -> Decimal | None:
    kwargs = territorial_kwargs(perimetre)
    if kwargs is None:
        return None
    return Decimal(service("cls.services.fiches_actions_counts")(**kwargs, on=semestre.end).get(key, 0))


@calcul("P4_FICHES_REALISEES", donnees=CLS)
def fiches_realisees(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    return _fiches(perimetre, semestre, "realisee")


@calcul("P4_FICHES_EN_RETARD", donnees=CLS)
def fiches_en_retard(perimetre: Perimetre, semestre: Semestre) -> Decimal | None:
    return _fiches(perimetre, semestre, "en_retard")
