"""Regional population shares of the national arrêté (référentiel), checked on hand-made populations.

Three TVS of region 24 hold 1 000 inhabitants: the shares are exact tenths of a percent, so a share can sit exactly
on the value of the register (39,8 % ZIP and 71,3 % ZIP + ZAC for the 2017 method; 58,8 % ZIP and 34 % ZAC after 2021).
"""

import datetime
from decimal import Decimal

import pytest

from referentiel.models import Parametre
from tests.territoires.factories import CommuneFactory, TvsFactory
from tests.zonage.factories import ArreteFactory, classer
from zonage.services import arrete_checks, zone_caps

pytestmark = pytest.mark.django_db


def arrete_on(territory, methodologie, populations: dict[str, int]):
    """One TVS (one commune of 37) per zone, with the given populations, in a published arrêté of 2018 or 2022."""
    effet = datetime.date(2018, 1, 1) if methodologie == "2017-11" else datetime.date(2022, 1, 1)
    arrete = ArreteFactory(methodologie=methodologie, statut="publie", date_effet=effet)
    for index, (zone, population) in enumerate(populations.items()):
        tvs = TvsFactory(code=f"C{index}")
        CommuneFactory(code_insee=f"3790{index}", departement=territory["dep37"], tvs=tvs, population=population)
        classer(arrete, tvs, zone)
    return arrete


def caps_of(arrete) -> dict[str, bool]:
    return {cap.zone: cap.exceeded for cap in arrete_checks(arrete).caps}


def test_2017_shares_are_zip_and_zip_plus_zac_for_region_24():
    rows = Parametre.objects.filter(domaine="zonage", cle="2017-11", region_code="24")
    values = {row.code: row.valeur for row in rows}
    assert values == {
        "part_population_zip": Decimal("39.8"),
        "part_population_zip_zac": Decimal("71.3"),  # ZIP + ZAC, not « 71,3 % ZAC »
        "part_population_zip_anterieure": Decimal("14.2"),
    }
    for row in rows:
        assert row.source.code == "cvl-plan-acces-soins-2017"
        assert row.source_precision.startswith("Priorité n°1, mesure 1")
        assert row.valide_du == datetime.date(2017, 11, 13)


def test_2017_shares_exactly_reached_are_respected(territory):
    arrete = arrete_on(territory, "2017-11", {"ZIP": 398, "ZAC": 315, "HC": 287})
    assert caps_of(arrete) == {"ZIP": False, "ZIP + ZAC": False}
    assert {cap.zone: cap.percent for cap in arrete_checks(arrete).caps} == {
        "ZIP": Decimal("39.8"),
        "ZIP + ZAC": Decimal("71.3"),
    }
    assert arrete_checks(arrete).ok
    assert zone_caps(arrete) == {"ZIP": Decimal("39.8"), "ZIP + ZAC": Decimal("71.3")}


def test_2017_shares_one_inhabitant_above_are_exceeded(territory):
    assert caps_of(arrete_on(territory, "2017-11", {"ZIP": 399, "ZAC": 314, "HC": 287})) == {
        "ZIP": True,
        "ZIP + ZAC": False,
    }


def test_2017_zip_plus_zac_one_inhabitant_above_is_exceeded(territory):
    arrete = arrete_on(territory, "2017-11", {"ZIP": 398, "ZAC": 316, "HC": 286})
    assert caps_of(arrete) == {"ZIP": False, "ZIP + ZAC": True}
    assert not arrete_checks(arrete).ok


@pytest.mark.parametrize(("zac", "exceeded"), [(339, False), (340, False), (341, True)])
def test_2021_zac_share_both_sides_of_34_percent(territory, zac, exceeded):
    arrete = arrete_on(territory, "2021-10", {"ZIP": 500, "ZAC": zac, "HC": 500 - zac})
    assert caps_of(arrete) == {"ZIP": False, "ZAC": exceeded}


@pytest.mark.parametrize(("zip_", "exceeded"), [(587, False), (588, False), (589, True)])
def test_2021_zip_share_both_sides_of_58_8_percent(territory, zip_, exceeded):
    arrete = arrete_on(territory, "2021-10", {"ZIP": zip_, "ZAC": 100, "HC": 900 - zip_})
    assert caps_of(arrete)["ZIP"] is exceeded


def test_shares_of_a_region_never_apply_to_another(territory):
    from tests.territoires.factories import RegionFactory

    arrete = arrete_on(territory, "2021-10", {"ZIP": 900, "ZAC": 50, "HC": 50})
    arrete.region = RegionFactory(code="53", nom="Bretagne")
    arrete.save()
    assert arrete_checks(arrete).caps == []  # no share for Bretagne: nothing borrowed from region 24
    assert zone_caps(arrete) == {}
