"""An arrêté's figures use its own vintages (TVS version, population millésime): a past figure is reproducible."""

import datetime

import pytest

from acces_soins.periods import Perimetre, Semestre
from acces_soins.services.bilans import snapshot_bilan
from territoires.importers import import_tvs, sync_vintage
from territoires.models import Commune, CommuneTvs, PopulationCommune
from tests.zonage.factories import ArreteFactory, classer
from zonage.services import zone_shares, zones_en_vigueur, zones_par_commune
from zonage.services.rules import territory_rows

pytestmark = pytest.mark.django_db

REGION = Perimetre.parse("region:24")
PAST = Semestre.parse("2022-S2")


@pytest.fixture
def vintaged(zonage_territory):
    """Millésime 2021 populations and TVS version « V1 » (Loches → A; Chinon, Orléans → B), and an arrêté on them:
    A in ZIP (20 000), B in ZAC (30 000 + 50 000)."""
    loches, chinon, orleans = (zonage_territory[name] for name in ("loches", "chinon", "orleans"))
    tvs_a, tvs_b = zonage_territory["tvs_a"], zonage_territory["tvs_b"]
    for commune, population in ((loches, 20_000), (chinon, 30_000), (orleans, 50_000)):
        PopulationCommune.objects.create(commune=commune, millesime="2021", population=population, source="test")
    for commune, tvs in ((loches, tvs_a), (chinon, tvs_b), (orleans, tvs_b)):
        CommuneTvs.objects.create(commune=commune, tvs=tvs, version="V1")
    arrete = ArreteFactory(
        reference="ARS-CVL-2022-MG",
        statut="publie",
        date_signature=datetime.date(2021, 12, 1),
        date_effet=datetime.date(2022, 1, 1),
        methodologie="2021-10",
        millesime_population="2021",
        version_tvs="V1",
    )
    classer(arrete, tvs_a, "ZIP")
    classer(arrete, tvs_b, "ZAC")
    return arrete


def import_newer_vintages(zonage_territory, tmp_path):
    """Millésime 2023 (every commune grew) and a new current TVS list where Chinon moved to TVS A."""
    populations = {"loches": 26_000, "chinon": 41_000, "orleans": 58_000}
    values = {zonage_territory[name].pk: {"population": pop, "source": "test"} for name, pop in populations.items()}
    sync_vintage(PopulationCommune, "2023", values)
    for name, population in populations.items():
        Commune.objects.filter(pk=zonage_territory[name].pk).update(population=population)
    csv = tmp_path / "tvs-2024.csv"
    csv.write_text(
        "code_commune;code_tvs;nom_tvs\n"
        "37132;37A01;TVS de Loches\n37072;37A01;TVS de Loches\n45234;45B01;TVS d'Orléans\n"
    )
    import_tvs(path=csv, version="V2")


def zonage_section():
    snapshot = snapshot_bilan(REGION, PAST)
    return next(s for s in snapshot["sections"] if s["nom"] == "zonage")["donnees"]


def test_shares_use_the_arretes_millesime_and_tvs_version(vintaged, zonage_territory):
    Commune.objects.filter(pk=zonage_territory["loches"].pk).update(population=1)  # current value: not used
    shares = zone_shares(vintaged)
    assert (shares["ZIP"].population, shares["ZAC"].population) == (20_000, 80_000)
    assert (shares.millesime_population, shares.tvs_version) == ("2021", "V1")


def test_past_bilan_recomputes_the_same_figures_after_newer_vintages_are_imported(vintaged, zonage_territory, tmp_path):
    before = zonage_section()
    shares_before = zone_shares(vintaged)
    assert {row["zone"]: row["population_couverte"] for row in before["zones"]} == {"ZIP": 20_000, "ZAC": 80_000}

    import_newer_vintages(zonage_territory, tmp_path)
    assert Commune.objects.get(code_insee="37072").tvs == zonage_territory["tvs_a"]  # the current TVS changed

    assert zonage_section() == before
    after = zone_shares(vintaged)
    assert after == shares_before
    assert after.zip_zac == shares_before.zip_zac
    assert zones_par_commune(vintaged) == {"37132": "ZIP", "37072": "ZAC", "45234": "ZAC"}


def test_an_arrete_without_vintages_follows_the_latest_import(vintaged, zonage_territory, tmp_path):
    """The contrast that shows the test above can fail: current values move with each import."""
    vintaged.millesime_population = vintaged.version_tvs = ""
    vintaged.save()
    before = zone_shares(vintaged)
    import_newer_vintages(zonage_territory, tmp_path)
    after = zone_shares(vintaged)
    assert (before["ZIP"].population, after["ZIP"].population) == (20_000, 26_000 + 41_000)
    assert after != before


def test_a_millesime_or_version_not_imported_falls_back_and_says_so(vintaged):
    vintaged.millesime_population, vintaged.version_tvs = "1999", "jamais importée"
    vintaged.save()
    shares = zone_shares(vintaged)
    assert (shares.millesime_population, shares.tvs_version) == ("", "")
    assert shares["ZAC"].population == 80_000  # current TVS and current populations of the fixture


def test_territory_rows_and_lookup_use_the_arretes_tvs_version(vintaged, zonage_territory, tmp_path):
    import_newer_vintages(zonage_territory, tmp_path)
    rows = {row["code"]: row["population"] for row in territory_rows(vintaged)}
    assert rows == {"37A01": 20_000, "45B01": 80_000}
    # Chinon is now in TVS A (ZIP) but the arrêté classified it through TVS B of version V1: ZAC.
    [(_, zone, arrete)] = zones_en_vigueur(zonage_territory["chinon"], on=datetime.date(2023, 1, 1))
    assert (zone.code, arrete) == ("ZAC", vintaged)
