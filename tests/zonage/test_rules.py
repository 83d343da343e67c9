import datetime
from decimal import Decimal

import pytest

from tests.zonage.factories import ArreteFactory, classer, profession
from zonage.services import arrete_checks, arrete_diff, zone_shares, zones_en_vigueur
from zonage.services.rules import zone_shares_by_departement

pytestmark = pytest.mark.django_db


def test_zone_shares_sum_region_populations_in_one_query(two_versions, django_assert_num_queries):
    v1, _ = two_versions
    with django_assert_num_queries(1):
        shares = zone_shares(v1)
    # TVS A counts only its in-region commune (20 000), not Paris.
    assert shares["ZIP"].population == 20_000
    assert shares["HC"].population == 80_000
    assert shares["ZIP"].share == pytest.approx(0.20)


def test_zone_shares_per_departement(two_versions, zonage_territory):
    v1, _ = two_versions
    shares37 = zone_shares(v1, departement=zonage_territory["dep37"])
    assert shares37["ZIP"].share == pytest.approx(0.40)
    assert shares37["HC"].population == 30_000
    by_dep = zone_shares_by_departement(v1)
    assert by_dep["45"]["HC"].share == pytest.approx(1.0)
    assert by_dep["37"]["ZIP"].population == 20_000


def test_apl_at_threshold_not_zip_is_non_compliant(zonage_territory):
    arrete = ArreteFactory(methodologie="2021-10")
    classer(arrete, zonage_territory["tvs_a"], "HC", apl="2.50")  # ≤ 2.5 and not ZIP
    classer(arrete, zonage_territory["tvs_b"], "ZAC", apl="2.51")
    checks = arrete_checks(arrete)
    assert checks.seuil.valeur == Decimal("2.5")
    assert [row["code"] for row in checks.non_conformes] == ["37A01"]
    assert not checks.ok


def test_zip_cap_exceeded_and_zac_cap_respected(two_versions):
    _, v2 = two_versions  # 100 % ZIP > 58.8 %
    checks = arrete_checks(v2)
    caps = {cap.zone: cap for cap in checks.caps}
    assert caps["ZIP"].exceeded
    assert caps["ZIP"].parametre.valeur == Decimal("58.8")
    assert not caps["ZAC"].exceeded
    assert checks.non_conformes == []


def test_missing_parameter_for_methodology_flags_nothing(zonage_territory):
    arrete = ArreteFactory(methodologie="1999")
    classer(arrete, zonage_territory["tvs_a"], "HC", apl="1.0")
    checks = arrete_checks(arrete)
    assert checks.seuil is None
    assert checks.non_conformes == []


def test_other_professions_have_no_medecin_rules(zonage_territory):
    arrete = ArreteFactory(profession=profession("infirmier"))
    classer(arrete, zonage_territory["loches"], "TSD")
    assert arrete_checks(arrete).applicable is False


def test_diff_between_versions(two_versions):
    v1, v2 = two_versions
    diff = arrete_diff(v1, v2)
    assert diff.population_moved == 80_000
    assert diff.changes == [
        {"code": "45B01", "nom": "TVS d'Orléans", "avant": "HC", "apres": "ZIP", "population": 80_000}
    ]
    headline = {line["zone"]: line["texte"] for line in diff.headlines}
    assert headline["ZIP"] == "ZIP : 20,0 % → 100,0 %"
    assert headline["HC"] == "HC : 80,0 % → 0,0 %"
    by_zone = {entry["zone"].code: entry for entry in diff.by_zone}
    assert [c["code"] for c in by_zone["ZIP"]["entrees"]] == ["45B01"]
    assert [c["code"] for c in by_zone["HC"]["sorties"]] == ["45B01"]


def test_zones_en_vigueur_follow_dates(two_versions, zonage_territory):
    v1, v2 = two_versions
    chinon = zonage_territory["chinon"]
    [(profession, zone, arrete)] = zones_en_vigueur(chinon)
    assert (profession.code, zone.code, arrete) == ("medecin-generaliste", "ZIP", v2)
    [(_, zone, arrete)] = zones_en_vigueur(chinon, on=v1.date_effet + datetime.timedelta(days=1))
    assert (zone.code, arrete) == ("HC", v1)
    assert zones_en_vigueur(chinon, on=v1.date_effet - datetime.timedelta(days=1)) == []
