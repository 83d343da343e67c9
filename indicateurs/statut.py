"""The status rule: where a value stands on the trajectory from its baseline to its target.

The rule (also shown to users on the dashboard, see templates/indicateurs/includes/_regle_statut.html):

1. A value, a baseline and a target are needed (a "secret statistique" value cannot be judged):
   otherwise the status is « non évaluable ».
2. « atteint » when the value reaches the target in the improvement direction
   (≥ target for an indicator to raise, ≤ target for one to lower).
3. Otherwise, if the value's semester is at or after the target's due semester: « en retard ».
4. Otherwise compare the progress made with the progress expected by now, on a straight line
   from the baseline (value, semester) to the target (value, due semester):
       progress = (value − baseline) / (target − baseline)
       expected = (semesters elapsed since the baseline) / (semesters from baseline to due date)
       ratio    = progress / expected  (1 when nothing is expected yet)
   ratio ≥ threshold « en bonne voie » → « en bonne voie »;
   ratio ≥ threshold « à risque » → « à risque »; below → « en retard ».
   The two thresholds are data, stored on each indicator (defaults 0.9 and 0.5).
"""

from dataclasses import dataclass
from decimal import Decimal

from indicateurs.enums import Sens, Statut
from indicateurs.semestre import Semestre

DEFAULT_SEUIL_BONNE_VOIE = Decimal("0.90")
DEFAULT_SEUIL_A_RISQUE = Decimal("0.50")


@dataclass(frozen=True)
class Point:
    valeur: Decimal
    periode: Semestre


def statut_of(
    *,
    valeur: Decimal | None,
    periode: Semestre | None,
    baseline: Point | None,
    cible: Point | None,
    sens: str,
    seuil_bonne_voie: Decimal = DEFAULT_SEUIL_BONNE_VOIE,
    seuil_a_risque: Decimal = DEFAULT_SEUIL_A_RISQUE,
) -> Statut:
    """Apply the rule documented in this module's docstring."""
    if valeur is None or periode is None or baseline is None or cible is None:
        return Statut.NON_EVALUABLE
    valeur, start, target = Decimal(valeur), Decimal(baseline.valeur), Decimal(cible.valeur)
    reached = valeur >= target if sens == Sens.HAUSSE else valeur <= target
    if reached:
        return Statut.ATTEINT
    if periode >= cible.periode:
        return Statut.EN_RETARD
    span = cible.periode - baseline.periode
    if target == start or span <= 0:
        # Nothing to progress along: not reached yet but still time.
        return Statut.A_RISQUE
    progress = (valeur - start) / (target - start)
    expected = Decimal(max(0, periode - baseline.periode)) / Decimal(span)
    ratio = Decimal(1) if expected == 0 else progress / expected
    if expected == 0 and progress < 0:
        ratio = Decimal(0)
    if ratio >= Decimal(seuil_bonne_voie):
        return Statut.EN_BONNE_VOIE
    if ratio >= Decimal(seuil_a_risque):
        return Statut.A_RISQUE
    return Statut.EN_RETARD
