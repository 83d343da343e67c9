"""FICTITIOUS demo values, baselines and targets for the indicators (flagged `fictif`). Idempotent.

Nothing here is a real figure, nor made from one: the values follow a made-up trajectory from a made-up
starting point — never from a real (sourced) baseline such as the 65 MSP of 2017, which the demo leaves as it
is — and every row is marked « donnée fictive (démonstration) », shown as such on the pages.
"""

import hashlib
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from indicateurs.enums import PerimetreKind, Provenance, Sens, Unite
from indicateurs.models import Baseline, Cible, Indicateur, Perimetre, Valeur
from indicateurs.perimetres import perimetres_territoriaux
from indicateurs.semestre import Semestre

COMMENTAIRE = "Valeur fictive de démonstration"
SOURCE = "Données fictives de démonstration"
SEMESTRES = Semestre(2024, 1).until(Semestre(2026, 1))
ECHEANCE = Semestre(2027, 2)
DEFAULT_BASE = {Unite.POURCENTAGE: Decimal("35"), Unite.EUROS: Decimal("1500000"), Unite.JOURS: Decimal("60")}


def _jitter(*parts: str) -> Decimal:
    """A deterministic pseudo-random factor in [0.85, 1.15] (same demo on every run)."""
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return Decimal("0.85") + Decimal(digest[0]) / Decimal(255) * Decimal("0.30")


def _round(indicateur: Indicateur, value: Decimal) -> Decimal:
    if indicateur.unite in (Unite.NOMBRE, Unite.EUROS, Unite.JOURS):
        return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _base_fictive(indicateur: Indicateur) -> Decimal:
    """A made-up starting point, by unit: it owes nothing to the indicator's real baseline."""
    return DEFAULT_BASE.get(indicateur.unite, Decimal(20)) * _jitter(indicateur.code, "base")


def _trajectory(indicateur: Indicateur, base: Decimal) -> tuple[Decimal, list[Decimal]]:
    factor = Decimal("1.25") if indicateur.sens == Sens.HAUSSE else Decimal("0.8")
    cible = base * factor
    if indicateur.unite == Unite.POURCENTAGE:
        cible = min(cible, Decimal(100))
    values = []
    for number, semestre in enumerate(SEMESTRES, start=1):
        share = Decimal(number) / Decimal(len(SEMESTRES) + 2) * _jitter(indicateur.code, str(semestre))
        values.append(base + (cible - base) * share)
    return cible, values


def _departement_value(indicateur: Indicateur, value: Decimal, perimetre: Perimetre, count: int) -> Decimal:
    scale = Decimal(1) if indicateur.unite in (Unite.POURCENTAGE, Unite.JOURS) else Decimal(1) / Decimal(count)
    return value * scale * _jitter(indicateur.code, perimetre.code)


def _upsert_valeur(indicateur, perimetre, semestre, value) -> bool:
    existing = Valeur.objects.filter(indicateur=indicateur, perimetre=perimetre, periode=str(semestre)).first()
    if existing and not existing.fictif:
        return False  # never overwrite a real value
    Valeur.objects.update_or_create(
        indicateur=indicateur,
        perimetre=perimetre,
        periode=str(semestre),
        defaults={
            "valeur": _round(indicateur, value),
            "secret": False,
            "provenance": Provenance.SAISIE,
            "commentaire": COMMENTAIRE,
            "fictif": True,
        },
    )
    return True


@transaction.atomic
def create_demo_indicateurs(region_code: str) -> int:
    """Create fictitious baselines (where none), targets and values; return the number of values written."""
    perimetres = perimetres_territoriaux(region_code)
    if not perimetres:
        return 0
    region, departements = perimetres[0], [p for p in perimetres if p.kind == PerimetreKind.DEPARTEMENT]
    written = 0
    for indicateur in Indicateur.objects.actifs():
        baseline = Baseline.objects.filter(indicateur=indicateur, perimetre=region).first()
        if baseline is None:
            baseline = Baseline.objects.create(
                indicateur=indicateur,
                perimetre=region,
                valeur=_round(indicateur, _base_fictive(indicateur)),
                periode="2023-S2",
                source=SOURCE,
                fictif=True,
            )
        # a real (sourced) baseline stays as it is, and the fictitious series does not start from it
        base = baseline.valeur if baseline.fictif else _base_fictive(indicateur)
        cible, values = _trajectory(indicateur, base)
        Cible.objects.update_or_create(
            indicateur=indicateur,
            perimetre=region,
            defaults={"valeur": _round(indicateur, cible), "periode": str(ECHEANCE), "source": SOURCE, "fictif": True},
        )
        for semestre, value in zip(SEMESTRES, values, strict=True):
            written += _upsert_valeur(indicateur, region, semestre, value)
            if PerimetreKind.DEPARTEMENT in indicateur.niveaux:
                for departement in departements:
                    dep_value = _departement_value(indicateur, value, departement, len(departements))
                    written += _upsert_valeur(indicateur, departement, semestre, dep_value)
    return written
