import datetime

import pytest
from django.core.exceptions import ValidationError

from acces_soins.periods import Perimetre, Semestre


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-S1", datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)),
        ("2026-s2", datetime.date(2026, 7, 1), datetime.date(2026, 12, 31)),
        (" 2017-S2 ", datetime.date(2017, 7, 1), datetime.date(2017, 12, 31)),
    ],
)
def test_semestre_parses_and_knows_its_dates(text, start, end):
    semestre = Semestre.parse(text)
    assert (semestre.start, semestre.end) == (start, end)
    assert Semestre.parse(str(semestre)) == semestre


@pytest.mark.parametrize("text", ["2026", "2026-S3", "2026-S0", "26-S1", "S1-2026", "", "1899-S1"])
def test_semestre_refuses_bad_input(text):
    with pytest.raises(ValidationError):
        Semestre.parse(text)


def test_semestre_previous_next_and_labels():
    assert Semestre.parse("2026-S1").previous() == Semestre(2025, 2)
    assert Semestre.parse("2026-S2").previous() == Semestre(2026, 1)
    assert Semestre.parse("2025-S2").next() == Semestre(2026, 1)
    assert Semestre.parse("2026-S1").label == "1er semestre 2026"
    assert Semestre.containing(datetime.date(2026, 7, 1)) == Semestre(2026, 2)
    assert Semestre.last_ended_before(datetime.date(2026, 7, 1)) == Semestre(2026, 1)
    assert Semestre.last_ended_before(datetime.date(2027, 1, 1)) == Semestre(2026, 2)
    assert sorted([Semestre(2026, 1), Semestre(2025, 2)])[0] == Semestre(2025, 2)


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [("region:24", "region", "24"), ("departement:37", "departement", "37"), ("DEPARTEMENT:2a", "departement", "2A")],
)
def test_perimetre_parses(text, kind, code):
    perimetre = Perimetre.parse(text)
    assert (perimetre.kind, perimetre.code) == (kind, code)
    assert Perimetre.parse(str(perimetre)) == perimetre


@pytest.mark.parametrize("text", ["region", "commune:37132", "region:", "departement:ABC", "24"])
def test_perimetre_refuses_bad_input(text):
    with pytest.raises(ValidationError):
        Perimetre.parse(text)


@pytest.mark.django_db
def test_perimetre_resolves_communes_and_labels(territory):
    region = Perimetre.parse("region:24")
    assert region.label() == "Région Centre-Val de Loire"
    assert set(region.communes().values_list("code_insee", flat=True)) == {"37132", "37072", "45234"}
    assert region.departement_codes() == ["37", "45"]
    departement = Perimetre.parse("departement:37")
    assert departement.label() == "Département Indre-et-Loire (37)"
    assert departement.communes().count() == 2
    assert Perimetre.parse("departement:18").label() == "Département 18"
