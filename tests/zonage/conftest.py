import datetime

import pytest

from tests.territoires.factories import CommuneFactory, DepartementFactory, RegionFactory, TvsFactory
from tests.zonage.factories import ArreteFactory, classer


@pytest.fixture
def zonage_territory(territory):
    """TVS A (one commune of 37, 20 000 inh., plus one commune outside the region) and TVS B (37 and 45, 80 000)."""
    other_region = RegionFactory(code="11", nom="Île-de-France")
    dep75 = DepartementFactory(code="75", nom="Paris", region=other_region)
    tvs_a = TvsFactory(code="37A01", nom="TVS de Loches")
    tvs_b = TvsFactory(code="45B01", nom="TVS d'Orléans")
    loches, chinon, orleans = territory["loches"], territory["chinon"], territory["orleans"]
    for commune, tvs, population in ((loches, tvs_a, 20_000), (chinon, tvs_b, 30_000), (orleans, tvs_b, 50_000)):
        commune.tvs, commune.population = tvs, population
        commune.codes_postaux = {"37132": ["37600"], "37072": ["37500"], "45234": ["45000", "45100"]}[
            commune.code_insee
        ]
        commune.save()
    CommuneFactory(code_insee="75056", nom="Paris", departement=dep75, tvs=tvs_a, population=99_999)
    return {**territory, "tvs_a": tvs_a, "tvs_b": tvs_b}


@pytest.fixture
def two_versions(zonage_territory):
    """v1: A ZIP, B HC (published, then replaced); v2: A ZIP, B ZIP (published)."""
    tvs_a, tvs_b = zonage_territory["tvs_a"], zonage_territory["tvs_b"]
    v1 = ArreteFactory(reference="ARS-CVL-2018-001", publie=True, methodologie="2021-10")
    classer(v1, tvs_a, "ZIP", apl="2.10")
    classer(v1, tvs_b, "HC", apl="2.40")
    v2 = ArreteFactory(reference="ARS-CVL-2026-002", publie=True, methodologie="2021-10", precedent=v1)
    classer(v2, tvs_a, "ZIP", apl="2.10")
    classer(v2, tvs_b, "ZIP", apl="2.40")
    v2.date_signature, v2.date_effet = datetime.date(2024, 12, 1), datetime.date(2025, 1, 1)
    v2.save()
    v1.statut = "remplace"
    v1.date_signature, v1.date_effet, v1.date_fin = (
        datetime.date(2021, 12, 1),
        datetime.date(2022, 1, 1),
        datetime.date(2024, 12, 31),
    )
    v1.save()
    return v1, v2


def ensure_reference_data():
    """Migration 0002 seeds professions, zones, parameters and aids; a transactional test's flush
    (e.g. a browser test, or --reuse-db after one) removes them, so put them back when missing."""
    from django.apps import apps

    from zonage.models import Aide, Profession
    from zonage.seed import seed

    if not (Profession.objects.exists() and Aide.objects.exists()):
        seed(apps)


@pytest.fixture(autouse=True)
def zonage_reference_data(db):
    ensure_reference_data()
