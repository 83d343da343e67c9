"""« Quel territoire de proximité ? » under the Bretagne rule (≥ 50 000 inhabitants), none in Centre-Val de Loire."""

import datetime

import pytest

from portraits.proximite import territoire_de_proximite
from territoires.models import CommuneVoisine
from territoires.services import perimetre_communes
from tests.territoires.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 6, 1)


def touch(a, b):
    CommuneVoisine.objects.create(commune=a, voisine=b)
    CommuneVoisine.objects.create(commune=b, voisine=a)


def test_bretagne_grouping_takes_the_smallest_sufficient_neighbour(db):
    dep = DepartementFactory(code="35", nom="Ille-et-Vilaine", region=RegionFactory(code="53", nom="Bretagne"))
    x = EpciFactory(siren="200000001", nom="CC X", population=20_000)
    y = EpciFactory(siren="200000002", nom="CC Y", population=40_000)
    z = EpciFactory(siren="200000003", nom="CC Z", population=35_000)
    w = EpciFactory(siren="200000004", nom="CC W", population=5_000)
    cx, cy, cz, cw = (
        CommuneFactory(code_insee=f"3500{i}", departement=dep, epci=epci, population=epci.population)
        for i, epci in enumerate((x, y, z, w), start=1)
    )
    touch(cx, cy), touch(cx, cz), touch(cx, cw)
    result = territoire_de_proximite(perimetre_communes([cx.pk]), on=ON)
    assert result["regle"]["valeur"]
    assert [row["siren"] for row in result["epci"]] == ["200000001", "200000003"]
    assert result["population"] == 55_000
    assert result["atteint"] is True


def test_no_rule_in_centre_val_de_loire(territory):
    result = territoire_de_proximite(perimetre_communes([territory["loches"].pk]), on=ON)
    assert result["regle"] is None
    assert "Pas de règle régionale" in result["message"]
    assert [ref["region_code"] for ref in result["references"]] == ["53"]
