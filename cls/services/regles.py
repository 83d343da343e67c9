"""The CLS rules of a region on a date, read from the register (`referentiel`, domain « cls »).

A region without its own row gets None — never another region's value, never a value written here. Pages then
say « Pas de règle régionale publiée » with the other regions' rows as a reference only (`RegleAffichee`), and no
check is applied: no population warning, no ETP, no amount, no duration check.

Codes (see `referentiel/data/cls.toml`):
- `seuil_population` (bound with its operator): minimum population of a CLS;
- `seuil_etp` (bound): a population that satisfies it gets `etp_au_dessus`, otherwise `etp_sous_seuil`;
- `plafond_par_etp`: the cap per ETP (no period: the source says none);
- `cofinancement_requis` (text): co-financing by the collectivité porteuse;
- `duree` (years, or a text such as « aligné sur la fin du PRS »), `duree_min` / `duree_max` (bounds);
- `etapes` (text): the stages the region publishes;
- `base_legale` (national, one row per article).
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from config.typography import fr_number
from referentiel.services import (
    Parametres,
    RegleAffichee,
    parametres_en_vigueur,
    parametres_et_references,
    region_code_of,
)

DOMAINE = "cls"
INGENIERIE = ("seuil_etp", "etp_sous_seuil", "etp_au_dessus", "plafond_par_etp")


class ReglesCls:
    """Every CLS rule in force for one region on one date and the references of other regions for the rules the
    region lacks (one query for both)."""

    def __init__(self, *, region, on: datetime.date):
        self.region_code = region_code_of(region)
        self.on = on
        # The region's rows and the other regions' (the references of the rules it lacks) in one query.
        self.parametres: Parametres
        self.parametres, self._elsewhere = parametres_et_references(DOMAINE, region=self.region_code, on=on)
        self._shown: dict[tuple[str, str], RegleAffichee] = {}

    def references(self, code: str, cle: str = "") -> tuple:
        """Other regions' rows for one rule (`references_ailleurs`), read with the region's own."""
        return tuple(self._elsewhere.get((code, cle), ()))

    def get(self, code: str, cle: str = ""):
        """The row that applies, or None (never another region's)."""
        return self.parametres.get(code, cle)

    def regle(self, code: str, cle: str = "") -> RegleAffichee:
        """What a page shows for one rule: the row that applies, or the references seen elsewhere."""
        key = (code, cle)
        if key not in self._shown:
            row = self.get(code, cle)
            self._shown[key] = (
                RegleAffichee(row) if row is not None else RegleAffichee(None, self.references(code, cle))
            )
        return self._shown[key]


def regles_cls(*, region, on: datetime.date | None = None) -> ReglesCls:
    return ReglesCls(region=region, on=on or timezone.localdate())


def region_of_contrat(contrat):
    """The region whose rules apply to a contract: its pilot département's."""
    return contrat.departement.region if contrat.departement_id else None


# --- Population threshold -------------------------------------------------------------------------------------------


def sous_seuil(regles: ReglesCls, population: int) -> bool:
    """True only when the region publishes a threshold and the population does not meet it."""
    seuil = regles.get("seuil_population")
    return seuil is not None and bool(seuil.operateur) and not seuil.satisfait(population)


# --- Ingénierie funding ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Simulation:
    """The ingénierie funding the region's rules allow for a population — or why none is computed."""

    population: int
    regles: tuple[RegleAffichee, ...]  # the band bound, both ETP values and the cap, in that order
    cofinancement: RegleAffichee
    etp: Decimal | None = None
    plafond: object = None  # the cap row (referentiel.Parametre)
    montant_max: Decimal | None = None
    ambiguite: str = ""
    motif: str = ""

    @property
    def calculee(self) -> bool:
        return self.montant_max is not None


def simulation_ingenierie(*, population: int, regles: ReglesCls) -> Simulation:
    """ETP by the population band (with the register's operator), cap per ETP, co-financing.

    No amount when any of the four rules is missing for the region. When the population sits exactly on a bound
    that is « à confirmer », the reading applied is stated as such (`ambiguite`)."""
    shown = tuple(regles.regle(code) for code in INGENIERIE)
    cofinancement = regles.regle("cofinancement_requis")
    seuil, sous, dessus, plafond = (regle.parametre for regle in shown)
    if None in (seuil, sous, dessus, plafond):
        return Simulation(
            population,
            shown,
            cofinancement,
            motif="Aucun montant n'est calculé : la région n'a pas publié de règle de financement de l'ingénierie "
            "(les valeurs ci-dessous sont celles d'autres régions, données pour référence).",
        )
    if not seuil.operateur or None in (seuil.valeur, sous.valeur, dessus.valeur, plafond.valeur):
        return Simulation(
            population,
            shown,
            cofinancement,
            motif="Aucun montant n'est calculé : la règle régionale ne donne pas de borne chiffrée avec son opérateur.",
        )
    etp_row = dessus if seuil.satisfait(population) else sous
    ambiguite = ""
    if seuil.a_confirmer and Decimal(population) == seuil.valeur:
        ambiguite = (
            f"{fr_number(population)} habitants : le cadre ne tranche pas — {etp_row.valeur_affichee} "
            "selon la lecture retenue (à confirmer)"
        )
    return Simulation(
        population,
        shown,
        cofinancement,
        etp=etp_row.valeur,
        plafond=plafond,
        montant_max=etp_row.valeur * plafond.valeur,
        ambiguite=ambiguite,
    )


# --- Duration ---------------------------------------------------------------------------------------------------------


def duree_errors(regles: ReglesCls, *, duree_annees: int | None) -> list[str]:
    """What the region's duration rule says about a signature; nothing when the region publishes none."""
    errors = []
    duree = regles.get("duree")
    if duree is not None and duree.valeur is not None:
        if duree_annees is None:
            errors.append(f"Indiquez la durée en années : la règle régionale est de {duree.valeur_affichee}.")
        elif Decimal(duree_annees) != duree.valeur:
            errors.append(f"La durée d'un contrat local de santé est de {duree.valeur_affichee} dans la région.")
    for code in ("duree_min", "duree_max"):
        bound = regles.get(code)
        if bound is None or not bound.operateur or bound.valeur is None:
            continue
        if duree_annees is None:
            errors.append(f"Indiquez la durée en années : la règle régionale est {bound.valeur_affichee}.")
        elif not bound.satisfait(duree_annees):
            errors.append(f"La durée doit être {bound.valeur_affichee} ({bound.libelle.lower()}).")
    return errors


def regles_duree(regles: ReglesCls) -> list[RegleAffichee]:
    """The duration rules to show: the region's own (duration, bounds), else the references for `duree`."""
    own = [regles.regle(code) for code in ("duree", "duree_min", "duree_max") if regles.get(code) is not None]
    return own or [regles.regle("duree")]


# --- Legal basis ------------------------------------------------------------------------------------------------------


def base_legale(on: datetime.date | None = None) -> list:
    """The national articles the CLS rest on (L1434-2, L1434-10 CSP), with their sources."""
    return _articles(parametres_en_vigueur(DOMAINE, region=None, on=on or timezone.localdate()))


def base_legale_of(regles: ReglesCls) -> list:
    """`base_legale` on the date of rules already read (their query holds the national rows): no query."""
    return _articles(regles.parametres)


def _articles(parametres: Parametres) -> list:
    rows = {cle: row for cle, row in parametres.cles("base_legale").items() if not row.region_code}
    return [rows[cle] for cle in sorted(rows, key=lambda cle: [int(part) for part in re.findall(r"\d+", cle)])]


# --- One contract's page --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReglesContrat:
    """The rules a contract's page shows, for its region (pilot département) on a date."""

    region_code: str
    seuil: RegleAffichee
    sous_seuil: bool
    duree: list[RegleAffichee]
    etapes: RegleAffichee
    simulation: Simulation


def regles_du_contrat(contrat, *, on: datetime.date | None = None) -> ReglesContrat:
    regles = regles_cls(region=region_of_contrat(contrat), on=on)
    return ReglesContrat(
        region_code=regles.region_code,
        seuil=regles.regle("seuil_population"),
        sous_seuil=sous_seuil(regles, contrat.population),
        duree=regles_duree(regles),
        etapes=regles.regle("etapes"),
        simulation=simulation_ingenierie(population=contrat.population, regles=regles),
    )
