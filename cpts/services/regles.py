"""The CPTS and MSP rules, read from the register (`referentiel`) — the only place their values live.

Size classes, contract durations, mission deadlines and amounts, MSP team minimum, SISA grace period, points, advance:
every one is a `referentiel.Parametre` row of domain « cpts » or « msp », read for the region of the structure on the
date that matters. A rule missing from the register raises `RegleManquante` (shown on the page): there is no value
written in code to fall back on.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

from config.typography import fr_date, fr_number
from cpts.dates import add_months, add_years
from referentiel.enums import Domaine, Operateur
from referentiel.models import Parametre
from referentiel.services import Parametres, parametre_en_vigueur, parametres_en_vigueur, region_code_of

__all__ = ["add_months", "add_years"]

TAILLE_BORNE = "taille_borne_basse"
MISSION_DELAI_DEMARRAGE = "mission_delai_demarrage"
MISSION_DELAI_DEPLOIEMENT = "mission_delai_deploiement"


class RegleManquante(ImproperlyConfigured):
    """No row of the register applies: the siège must enter (or adopt) the value for its region."""


def region_of(obj) -> str:
    """The region code of a CPTS, an MSP, a structure or a département (through its département)."""
    departement = getattr(obj, "departement", obj)
    return departement.region.code


def _missing(domaine: str, code: str, cle: str, region, on: datetime.date) -> RegleManquante:
    name = f"{domaine}.{code}" + (f" ({cle})" if cle else "")
    where = region_code_of(region) or "national"
    return RegleManquante(
        f"Le référentiel n'a pas de valeur en vigueur le {fr_date(on)} pour « {name} » (région {where}) : "
        "à saisir ou à adopter par le siège."
    )


def regle(domaine: str, code: str, *, region, on: datetime.date, cle: str = "") -> Parametre:
    """The row in force (the region's own, else the national one); raises `RegleManquante` when none applies."""
    row = parametre_en_vigueur(domaine, code, region=region, on=on, cle=cle)
    if row is None or (row.valeur is None and not row.texte):
        raise _missing(domaine, code, cle, region, on)
    return row


def valeur(domaine: str, code: str, *, region, on: datetime.date, cle: str = "") -> Decimal:
    return regle(domaine, code, region=region, on=on, cle=cle).valeur


def exige(rows: Parametres, domaine: str, code: str, *, region, on: datetime.date, cle: str = "") -> Parametre:
    """A row of an already loaded `Parametres` set, or `RegleManquante`."""
    row = rows.get(code, cle)
    if row is None or row.valeur is None:
        raise _missing(domaine, code, cle, region, on)
    return row


def regles_cpts(*, region, on: datetime.date) -> Parametres:
    return parametres_en_vigueur(Domaine.CPTS, region=region, on=on)


def regles_msp(*, region, on: datetime.date) -> Parametres:
    return parametres_en_vigueur(Domaine.MSP, region=region, on=on)


def bornes_tailles(*, region, on: datetime.date, rows: Parametres | None = None) -> list[tuple[str, Parametre]]:
    """The lower bound of each size class in force, the highest first: [("T4", > 175 000), ("T3", ≥ 80 000)…]."""
    rows = rows or regles_cpts(region=region, on=on)
    bornes = rows.cles(TAILLE_BORNE)
    if not bornes:
        raise _missing(Domaine.CPTS, TAILLE_BORNE, "", region, on)
    # At an equal value, « > » is the higher class (exclusive bound above the inclusive one).
    return sorted(bornes.items(), key=lambda item: (item[1].valeur, item[1].operateur == Operateur.GT), reverse=True)


def taille_for(population: int, *, region, on: datetime.date) -> str:
    """The size class of a population: the highest class whose lower bound (value and operator of the register)
    the population meets. 2019 rows: 39 999 → T1, 40 000 → T2, 80 000 → T3 (« à confirmer »), 175 000 → T3,
    175 001 → T4."""
    for taille, borne in bornes_tailles(region=region, on=on):
        if borne.satisfait(population):
            return taille
    raise RegleManquante(
        f"Aucune taille de CPTS du référentiel ne couvre {fr_number(population)} habitants le {fr_date(on)}."
    )


def echeances(mission, date_aci: datetime.date, *, region, cache: dict | None = None):
    """(start deadline, deployment deadline, the date they run from) of a mission for an ACI signed on `date_aci`.

    Deadlines run from the signature, or from the date the mission exists when it came later (the crisis mission of
    the avenant 2 for a contract signed before it). The delays are those in force on that date; an optional mission
    has none (« au choix de chaque communauté professionnelle »)."""
    depart = max(date_aci, mission.valide_du)
    cache = {} if cache is None else cache
    if depart not in cache:
        cache[depart] = regles_cpts(region=region, on=depart)
    rows = cache[depart]
    start_row, deploy_row = (
        rows.get(MISSION_DELAI_DEMARRAGE, mission.code),
        rows.get(MISSION_DELAI_DEPLOIEMENT, mission.code),
    )
    start = add_months(depart, int(start_row.valeur)) if start_row and start_row.valeur is not None else None
    deploy = add_months(depart, int(deploy_row.valeur)) if deploy_row and deploy_row.valeur is not None else None
    return start, deploy, depart
