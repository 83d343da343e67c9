"""Doctor movements: the monthly balance per département and per TVS, and the alerts, on hand-made cases."""

import datetime
import re

import pytest

from referentiel.models import Parametre
from registres.enums import ProfessionMedecin, TypeMouvement
from registres.models import EffectifMedecins, MouvementMedecin
from registres.services.mouvements import alertes, etats_tvs, mois_de, soldes, total
from tests.registres.factories import effectif, mouvement

pytestmark = pytest.mark.django_db

INSTALLATION, DEPART, RETRAITE = TypeMouvement.INSTALLATION, TypeMouvement.DEPART, TypeMouvement.RETRAITE
ON = datetime.date(2026, 3, 31)


@pytest.fixture
def moves(dd_agent, dd45_agent, territory, tvs):
    """January: 2 installations in Loches, 1 departure in Chinon; February: 1 retirement in Loches, 1 installation
    of a specialist (not a GP); March: nothing in 37; Orléans (45): 1 installation in February."""
    for commune, day, kind in (
        ("loches", datetime.date(2026, 1, 5), INSTALLATION),
        ("loches", datetime.date(2026, 1, 20), INSTALLATION),
        ("chinon", datetime.date(2026, 1, 31), DEPART),
        ("loches", datetime.date(2026, 2, 1), RETRAITE),
    ):
        mouvement(by=dd_agent, commune=territory[commune], date=day, type_mouvement=kind)
    mouvement(
        by=dd_agent,
        commune=territory["loches"],
        date=datetime.date(2026, 2, 10),
        profession=ProfessionMedecin.SPECIALISTE,
    )
    mouvement(by=dd45_agent, commune=territory["orleans"], date=datetime.date(2026, 2, 15))
    mouvement(by=dd_agent, commune=territory["loches"], date=datetime.date(2025, 12, 31))  # before the period


def test_monthly_balance_per_departement(moves):
    months, lines = soldes(MouvementMedecin.objects.all(), debut=datetime.date(2026, 1, 1), fin=ON, par="departement")
    assert months == [datetime.date(2026, 1, 1), datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)]
    by_code = {line.code: line for line in lines}
    assert by_code["37"].mois == [(2, 1, 1), (0, 1, -1), (0, 0, 0)]
    assert (by_code["37"].entrees, by_code["37"].sorties, by_code["37"].solde) == (2, 2, 0)
    assert by_code["45"].mois == [(0, 0, 0), (1, 0, 1), (0, 0, 0)]
    assert total(lines, months).mois == [(2, 1, 1), (1, 1, 0), (0, 0, 0)]


def test_monthly_balance_per_tvs_and_for_specialists(moves, tvs):
    _, lines = soldes(MouvementMedecin.objects.all(), debut=datetime.date(2026, 1, 1), fin=ON, par="tvs")
    by_code = {line.code: line for line in lines}
    assert by_code[tvs["loches"].code].mois == [(2, 0, 2), (0, 1, -1), (0, 0, 0)]
    assert by_code[tvs["chinon"].code].mois == [(0, 1, -1), (0, 0, 0), (0, 0, 0)]
    _, specialists = soldes(
        MouvementMedecin.objects.all(),
        debut=datetime.date(2026, 1, 1),
        fin=ON,
        par="departement",
        profession=ProfessionMedecin.SPECIALISTE,
    )
    assert [(line.code, line.solde) for line in specialists] == [("37", 1)]


def test_months_cross_the_year():
    assert mois_de(datetime.date(2025, 11, 15), datetime.date(2026, 2, 1)) == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]


def _states(on=ON):
    return etats_tvs(effectifs=EffectifMedecins.objects.all(), mouvements=MouvementMedecin.objects.all(), on=on)


def test_alert_when_a_tvs_loses_its_last_general_practitioner(dd_agent, territory, tvs):
    effectif(by=dd_agent, departement=territory["dep37"], tvs=tvs["chinon"], date=datetime.date(2025, 12, 31), total=1)
    effectif(by=dd_agent, departement=territory["dep37"], tvs=tvs["loches"], date=datetime.date(2025, 12, 31), total=2)
    mouvement(by=dd_agent, commune=territory["chinon"], date=datetime.date(2026, 2, 3), type_mouvement=RETRAITE)
    mouvement(by=dd_agent, commune=territory["loches"], date=datetime.date(2026, 2, 3), type_mouvement=DEPART)
    found = alertes(_states(), on=ON)
    assert [(alerte.tvs, alerte.genre, alerte.date) for alerte in found] == [
        (tvs["chinon"], "dernier_medecin", datetime.date(2026, 2, 3))
    ]
    assert found[0].message == (
        "Territoire de vie-santé « TVS de Chinon » : dernier médecin généraliste parti le 3 février 2026."
    )
    assert alertes(_states(on=datetime.date(2026, 2, 2)), on=datetime.date(2026, 2, 2)) == []  # not yet gone


def test_movements_before_the_census_are_in_it(dd_agent, territory, tvs):
    mouvement(by=dd_agent, commune=territory["chinon"], date=datetime.date(2025, 6, 1), type_mouvement=DEPART)
    effectif(by=dd_agent, departement=territory["dep37"], tvs=tvs["chinon"], date=datetime.date(2025, 12, 31), total=1)
    (state,) = _states()
    assert (state.effectif, state.sorties) == (1, 0)
    assert alertes([state], on=ON) == []


def test_alert_when_gps_aged_60_and_over_exceed_the_share_of_the_referentiel(dd_agent, territory, tvs):
    """Threshold: « > 50 % » (national, à confirmer). Chinon: 4 GPs of whom 2 seniors, then a 64-year-old
    installs → 3 of 5 = 60 % > 50 %. Loches: 4 of whom 2 → 50 %, not above."""
    effectif(
        by=dd_agent,
        departement=territory["dep37"],
        tvs=tvs["chinon"],
        date=datetime.date(2025, 12, 31),
        total=4,
        seniors=2,
    )
    effectif(
        by=dd_agent,
        departement=territory["dep37"],
        tvs=tvs["loches"],
        date=datetime.date(2025, 12, 31),
        total=4,
        seniors=2,
    )
    mouvement(by=dd_agent, commune=territory["chinon"], date=datetime.date(2026, 1, 10), annee_naissance=1962)
    found = alertes(_states(), on=ON)
    assert [(alerte.tvs, alerte.genre) for alerte in found] == [(tvs["chinon"], "seniors")]
    assert "60,0\u00a0% des médecins généralistes ont 60 ans et plus" in found[0].message
    assert ">\u00a050\u00a0%, source : Santé Territoires, à confirmer" in found[0].message


def test_the_share_is_data_and_ages_are_optional(dd_agent, territory, tvs):
    effectif(
        by=dd_agent,
        departement=territory["dep37"],
        tvs=tvs["loches"],
        date=datetime.date(2025, 12, 31),
        total=4,
        seniors=2,
    )
    effectif(by=dd_agent, departement=territory["dep37"], tvs=tvs["chinon"], date=datetime.date(2025, 12, 31), total=4)
    assert alertes(_states(), on=ON) == []
    # The region adopts a lower threshold of its own: 40 %.
    national = Parametre.objects.get(domaine="registres", code="part_medecins_60_ans_alerte", region_code="")
    Parametre.objects.create(
        domaine="registres",
        code=national.code,
        libelle=national.libelle,
        valeur=40,
        unite="%",
        operateur="gt",
        region_code="24",
        valide_du=datetime.date(2026, 1, 1),
        source=national.source,
        a_confirmer=True,
    )
    found = alertes(_states(), on=ON)
    assert [(alerte.tvs, alerte.genre) for alerte in found] == [(tvs["loches"], "seniors")]  # Chinon: ages unknown
    Parametre.objects.filter(code=national.code).delete()
    assert alertes(_states(), on=ON) == []  # no threshold published: no alert, never a value written in code


def test_bilan_page_charts_the_balance_with_a_table_and_alerts(client, dd_agent, moves, territory, tvs):
    effectif(by=dd_agent, departement=territory["dep37"], tvs=tvs["chinon"], date=datetime.date(2025, 12, 1), total=1)
    client.force_login(dd_agent)
    response = client.get("/registres/mouvements-medecins/bilan/", {"debut": "2026-01-01", "fin": "2026-03-31"})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-bar"' in page
    assert "Janvier 2026" in page
    assert "dernier médecin généraliste parti le 31 janvier 2026" in page
    assert response.context["ensemble"].mois == [(2, 1, 1), (0, 1, -1), (0, 0, 0)]  # 37 only: its own scope
    assert "Médecin fictif" not in page
    assert not re.search(r"\bDr\.? [A-ZÉ]", page)  # no doctor named (a CSP nonce may contain « Dr »)
