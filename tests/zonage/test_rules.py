import datetime
from decimal import Decimal

import pytest

from referentiel.models import Parametre
from tests.zonage.factories import ArreteFactory, classer, profession
from zonage.services import arrete_checks, arrete_diff, zone_caps, zone_shares, zones_en_vigueur
from zonage.services.rules import zone_shares_by_departement

pytestmark = pytest.mark.django_db


def test_zone_shares_sum_region_populations_in_constant_queries(two_versions, django_assert_num_queries):
    v1, _ = two_versions
    with django_assert_num_queries(2):  # the region's communes, the classement rows
        shares = zone_shares(v1)
    # TVS A counts only its in-region commune (20 000), not Paris.
    assert shares["ZIP"].population == 20_000
    assert shares["HC"].population == 80_000
    assert shares["ZIP"].share == pytest.approx(0.20)
    assert shares.zip == shares["ZIP"]
    assert shares.zip_zac == (20_000, pytest.approx(0.20))  # no ZAC in v1
    assert (shares.millesime_population, shares.tvs_version) == ("", "")  # current values: none named


def test_zone_shares_give_zip_and_zip_plus_zac(zonage_territory):
    """The « 71,3 % » kind of figure is ZIP + ZAC: the ZAC alone is another figure."""
    arrete = ArreteFactory()
    classer(arrete, zonage_territory["tvs_a"], "ZIP")  # 20 000
    classer(arrete, zonage_territory["tvs_b"], "ZAC")  # 80 000
    shares = zone_shares(arrete)
    assert shares.zip.share == pytest.approx(0.20)
    assert shares["ZAC"].share == pytest.approx(0.80)
    assert shares.zip_zac == (100_000, pytest.approx(1.0))


def test_zone_shares_per_departement(two_versions, zonage_territory):
    v1, _ = two_versions
    shares37 = zone_shares(v1, departement=zonage_territory["dep37"])
    assert shares37["ZIP"].share == pytest.approx(0.40)
    assert shares37["HC"].population == 30_000
    by_dep = zone_shares_by_departement(v1)
    assert by_dep["45"]["HC"].share == pytest.approx(1.0)
    assert by_dep["37"]["ZIP"].population == 20_000


def set_operator(operateur: str) -> None:
    Parametre.objects.filter(domaine="zonage", code="seuil_apl_zip").update(operateur=operateur)


@pytest.mark.parametrize(
    ("operateur", "apl", "non_conforme"),
    [
        ("lt", "2.49", True),
        ("lt", "2.50", False),  # « APL < 2,5 »: exactly 2,5 need not be ZIP
        ("lt", "2.51", False),
        ("le", "2.49", True),
        ("le", "2.50", True),  # « APL ≤ 2,5 »: exactly 2,5 must be ZIP
        ("le", "2.51", False),
    ],
)
def test_apl_threshold_reads_value_and_operator_from_the_register(zonage_territory, operateur, apl, non_conforme):
    set_operator(operateur)
    arrete = ArreteFactory(methodologie="2021-10")
    classer(arrete, zonage_territory["tvs_a"], "HC", apl=apl)
    classer(arrete, zonage_territory["tvs_b"], "ZIP", apl="1.00")  # ZIP: always compliant
    checks = arrete_checks(arrete)
    assert checks.seuil.valeur == Decimal("2.5")
    assert checks.seuil.operateur == operateur
    assert [row["code"] for row in checks.non_conformes] == (["37A01"] if non_conforme else [])


def test_seeded_apl_threshold_is_strict_and_a_confirmer():
    seuil = Parametre.objects.get(domaine="zonage", code="seuil_apl_zip")
    assert (seuil.valeur, seuil.operateur, seuil.region_code, seuil.a_confirmer) == (Decimal("2.5"), "lt", "", True)


def test_arrete_before_the_2017_method_has_no_threshold_nor_shares(zonage_territory):
    arrete = ArreteFactory(methodologie="1999", date_effet=datetime.date(2016, 1, 1), statut="publie")
    classer(arrete, zonage_territory["tvs_a"], "HC", apl="1.0")
    checks = arrete_checks(arrete)
    assert checks.seuil is None
    assert checks.non_conformes == []
    assert checks.caps == []
    assert zone_caps(arrete) == {}


def test_unknown_methodology_has_no_population_shares(zonage_territory):
    arrete = ArreteFactory(methodologie="1999")
    classer(arrete, zonage_territory["tvs_a"], "HC", apl="1.0")
    checks = arrete_checks(arrete)
    assert checks.seuil is not None  # the national APL rule applies by date
    assert [row["code"] for row in checks.non_conformes] == ["37A01"]
    assert checks.caps == []


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
