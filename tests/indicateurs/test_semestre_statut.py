from datetime import date
from decimal import Decimal

import pytest

from indicateurs.enums import Sens, Statut
from indicateurs.semestre import Semestre
from indicateurs.statut import Point, statut_of


def test_semestre_parse_format_and_dates():
    semestre = Semestre.parse(" 2026-s1 ")
    assert str(semestre) == "2026-S1"
    assert semestre.start == date(2026, 1, 1)
    assert semestre.end == date(2026, 6, 30)
    assert Semestre.parse("2026-S2").end == date(2026, 12, 31)
    assert semestre.label == "1er semestre 2026"
    assert semestre.previous() == Semestre(2025, 2)
    assert Semestre(2025, 2).previous() == Semestre(2025, 1)
    assert semestre.next() == Semestre(2026, 2)
    assert Semestre(2028, 1) - Semestre(2024, 2) == 7
    assert Semestre.containing(date(2026, 7, 1)) == Semestre(2026, 2)
    assert [str(s) for s in Semestre(2025, 2).until(Semestre(2026, 2))] == ["2025-S2", "2026-S1", "2026-S2"]


@pytest.mark.parametrize("text", ["2026-S3", "2026S1", "26-S1", "", "2026-T1"])
def test_semestre_parse_rejects(text):
    with pytest.raises(ValueError, match="invalide"):
        Semestre.parse(text)


BASE = Point(Decimal("0"), Semestre(2024, 1))
CIBLE = Point(Decimal("100"), Semestre(2028, 1))  # 8 semesters: 12.5 expected per semester


def status(value, periode="2026-S1", *, sens=Sens.HAUSSE, baseline=BASE, cible=CIBLE):
    return statut_of(
        valeur=None if value is None else Decimal(value),
        periode=Semestre.parse(periode),
        baseline=baseline,
        cible=cible,
        sens=sens,
    )


@pytest.mark.parametrize(
    ("value", "periode", "expected"),
    [
        ("100", "2026-S1", Statut.ATTEINT),  # target reached early
        ("99.999", "2028-S1", Statut.EN_RETARD),  # due date, just below the target
        ("100", "2028-S1", Statut.ATTEINT),  # due date, exactly on the target
        ("45", "2026-S1", Statut.EN_BONNE_VOIE),  # expected 50, ratio 0.90 exactly
        ("44.9", "2026-S1", Statut.A_RISQUE),  # ratio 0.898
        ("25", "2026-S1", Statut.A_RISQUE),  # ratio 0.50 exactly
        ("24.9", "2026-S1", Statut.EN_RETARD),  # ratio 0.498
        ("-5", "2026-S1", Statut.EN_RETARD),  # worse than the baseline
        ("0", "2024-S1", Statut.EN_BONNE_VOIE),  # at the baseline semester nothing is expected yet
        ("-1", "2024-S1", Statut.EN_RETARD),  # …but going the wrong way is late
        ("50", "2030-S1", Statut.EN_RETARD),  # after the due date
    ],
)
def test_status_rule_boundaries_rising(value, periode, expected):
    assert status(value, periode) == expected


def test_status_rule_falling_indicator():
    baseline, cible = Point(Decimal("40"), Semestre(2024, 1)), Point(Decimal("30"), Semestre(2028, 1))
    kwargs = {"sens": Sens.BAISSE, "baseline": baseline, "cible": cible}
    assert status("30", "2026-S1", **kwargs) == Statut.ATTEINT
    assert status("29", "2026-S1", **kwargs) == Statut.ATTEINT
    assert status("35.5", "2026-S1", **kwargs) == Statut.EN_BONNE_VOIE  # progress 0.45 / 0.5 = 0.9
    assert status("37.5", "2026-S1", **kwargs) == Statut.A_RISQUE  # 0.25 / 0.5 = 0.5
    assert status("38", "2026-S1", **kwargs) == Statut.EN_RETARD
    assert status("41", "2026-S1", **kwargs) == Statut.EN_RETARD


def test_status_rule_not_assessable():
    assert status(None) == Statut.NON_EVALUABLE
    assert status("10", baseline=None) == Statut.NON_EVALUABLE
    assert status("10", cible=None) == Statut.NON_EVALUABLE


def test_status_thresholds_are_data():
    kwargs = {"periode": Semestre(2026, 1), "baseline": BASE, "cible": CIBLE, "sens": Sens.HAUSSE}
    assert statut_of(valeur=Decimal("40"), **kwargs) == Statut.A_RISQUE
    lenient = statut_of(valeur=Decimal("40"), seuil_bonne_voie=Decimal("0.8"), **kwargs)
    assert lenient == Statut.EN_BONNE_VOIE
