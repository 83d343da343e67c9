"""The figures of the aids, read from the référentiel, and the aids a commune opens by itself (not by its zone).

An aid's amounts, durations and criteria are the référentiel rows of code `Aide.referentiel_code` (domain zonage),
in force on the date shown for the commune's region, each with its source and « à confirmer ». The EXO-CFE is not a
zonage aid: it depends on the commune (population under a threshold of the référentiel, or a ZRR/FRR overlay).
"""

import datetime
from dataclasses import dataclass

from config.typography import NBSP, fr_number
from referentiel.enums import Domaine
from referentiel.models import Parametre
from referentiel.services import Parametres, parametres_en_vigueur
from territoires.enums import OverlayKind
from territoires.services import Overlays, overlays_of
from zonage.enums import Eligibilite
from zonage.models import Aide

# The commune criterion of the CFE exemption: « commune de moins de 2 000 habitants ou en ZRR » (source in
# referentiel/data/zonage.toml); FRR replaced ZRR in 2024. The population threshold itself is in the référentiel.
OVERLAYS_CFE = (OverlayKind.ZRR, OverlayKind.FRR)
SEUIL_POPULATION = "seuil_population"


def _rows(regles: Parametres, aide: Aide) -> list[Parametre]:
    if not aide.referentiel_code:
        return []
    return sorted(regles.cles(aide.referentiel_code).values(), key=lambda row: row.pk)


def montants_des_aides(aides, *, region, on: datetime.date, regles: Parametres | None = None) -> Parametres:
    """Give each aid its référentiel rows as `aide.montants` (one query for all the aids); return the rows read."""
    regles = regles or parametres_en_vigueur(Domaine.ZONAGE, region=region, on=on)
    for aide in aides:
        aide.montants = _rows(regles, aide)
    return regles


@dataclass(frozen=True)
class AideCommune:
    """An aid opened by a criterion on the commune, and whether this commune meets it (None: cannot tell)."""

    aide: Aide
    eligible: bool | None
    motif: str


def commune_aides_en_vigueur(*, on: datetime.date) -> list[Aide]:
    """The aids in force opened by a criterion on the commune, not by a zone (one query)."""
    return list(Aide.objects.en_vigueur(on=on).filter(eligibilite=Eligibilite.COMMUNE).order_by("ordre", "code"))


def _eligibilite(commune, seuil: Parametre | None, en_vigueur: set, importes: set) -> tuple[bool | None, str]:
    population = commune.population
    if seuil is not None and population is not None and seuil.satisfait(population):
        return True, f"la commune compte {fr_number(population)}{NBSP}habitants ({seuil.valeur_affichee})"
    found = [OverlayKind(kind).label for kind in OVERLAYS_CFE if kind in en_vigueur]
    if found:
        return True, f"la commune est classée : {', '.join(found)}"
    if seuil is None:
        return None, "le seuil de population n'est pas publié au référentiel"
    if population is None:
        return None, "la population de la commune n'est pas connue"
    missing = [OverlayKind(kind).label for kind in OVERLAYS_CFE if kind not in importes]
    if missing:
        return None, f"classement non importé dans le portail : {', '.join(missing)}"
    return False, f"la commune compte {fr_number(population)}{NBSP}habitants et n'est ni en ZRR ni en FRR"


def aides_commune(
    commune,
    *,
    on: datetime.date,
    regles: Parametres | None = None,
    aides: list[Aide] | None = None,
    overlays: Overlays | None = None,
) -> list[AideCommune]:
    """The aids opened by a criterion on the commune (EXO-CFE), with their figures and this commune's eligibility.

    Three or four queries: the aids, the overlays (two) and, unless given, the référentiel rows. None when the
    caller gives the aids (`commune_aides_en_vigueur`, their figures already read), the rows and the overlays."""
    if aides is None:
        aides = commune_aides_en_vigueur(on=on)
    if not aides:
        return []
    regles = montants_des_aides(aides, region=commune.departement.region, on=on, regles=regles)
    if overlays is None:
        overlays = overlays_of(commune, on=on)
    result = []
    for aide in aides:
        seuil = regles.get(aide.referentiel_code, SEUIL_POPULATION) if aide.referentiel_code else None
        eligible, motif = _eligibilite(commune, seuil, overlays.en_vigueur, overlays.importes)
        result.append(AideCommune(aide, eligible, motif))
    return result
