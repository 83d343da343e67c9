"""Territorial vintages: populations per millésime, commune→EPCI per COG year, commune→TVS per version, overlays."""

import datetime
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from territoires.importers import ImportFailed, import_tvs, population_millesime_of
from territoires.models import Commune, CommuneEpci, CommuneOverlay, CommuneTvs, ImportRun, PopulationCommune
from territoires.overlays import import_overlays
from territoires.services import (
    epci_of,
    overlays_of,
    population_millesimes,
    region_communes,
    tvs_of_commune,
    tvs_versions,
)
from tests.territoires.factories import TvsFactory

pytestmark = pytest.mark.django_db

SLICE = Path(__file__).parent / "data" / "decoupage"
D = datetime.date


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_population_vintage_of_a_cog_year_follows_the_insee_rule():
    assert population_millesime_of("2026") == "2023"  # populations légales 2023, in force on 1 January 2026
    with pytest.raises(ImportFailed, match="--millesime-population"):
        population_millesime_of("7.0.")


def test_import_records_populations_with_their_millesime_and_epci_per_cog_year():
    run("import_territoires", "--region", "24", "--source", str(SLICE))
    populations = PopulationCommune.objects.filter(millesime="2023")
    assert populations.count() == 96
    assert sum(populations.values_list("population", flat=True)) == 177_807  # same as Commune.population
    assert population_millesimes() == ["2023"]
    chinon = Commune.objects.get(code_insee="37072")
    assert chinon.populations.get().population == chinon.population
    assert epci_of(chinon, millesime="2026").siren == "200043081"
    assert epci_of(chinon, millesime="2025") is None  # never imported: no guess
    assert CommuneEpci.objects.count() == Commune.objects.filter(epci__isnull=False).count()
    assert "populations millésime 2023" in ImportRun.objects.get().source


def newer_package(tmp_path) -> Path:
    """The same slice with every population + 100: a later vintage of the same data."""
    copy = tmp_path / "decoupage"
    shutil.copytree(SLICE, copy)
    path = copy / "data" / "communes.json"
    rows = json.loads(path.read_text())
    for row in rows:
        if row.get("population") is not None:
            row["population"] += 100
    path.write_text(json.dumps(rows))
    return copy


def import_two_vintages(tmp_path):
    """The slice (millésime 2023), then a later package given as millésime 2024."""
    run("import_territoires", "--region", "24", "--source", str(SLICE))
    newer = str(newer_package(tmp_path))
    run("import_territoires", "--region", "24", "--source", newer, "--millesime-population", "2024")


def test_a_newer_population_vintage_is_added_beside_the_older_one(tmp_path):
    import_two_vintages(tmp_path)
    chinon = Commune.objects.get(code_insee="37072")
    by_year = dict(chinon.populations.values_list("millesime", "population"))
    assert by_year["2024"] == by_year["2023"] + 100 == chinon.population
    assert population_millesimes() == ["2024", "2023"]
    # Rerunning the older import changes nothing of the newer vintage.
    output = run("import_territoires", "--region", "24", "--source", str(SLICE))
    assert PopulationCommune.objects.filter(millesime="2024").count() == 96
    assert "populations" in output


def test_region_communes_reads_the_asked_vintages_and_says_when_it_falls_back(tmp_path):
    import_two_vintages(tmp_path)
    region_id = Commune.objects.get(code_insee="37072").departement.region_id
    old = region_communes(region_id, millesime_population="2023")
    new = region_communes(region_id, millesime_population="2024")
    current = region_communes(region_id)
    missing = region_communes(region_id, millesime_population="1999")
    assert old.millesime_population == "2023"
    assert new.millesime_population == "2024"
    assert sum(c.population for c in new.communes.values()) == sum(c.population for c in old.communes.values()) + 9_600
    assert (current.millesime_population, missing.millesime_population) == ("", "")
    assert sum(c.population for c in missing.communes.values()) == sum(c.population for c in new.communes.values())


def tvs_csv(tmp_path, name, rows) -> Path:
    path = tmp_path / name
    path.write_text("code_commune;code_tvs;nom_tvs\n" + "".join(f"{c};{t};{n}\n" for c, t, n in rows))
    return path


def test_tvs_versions_are_kept_side_by_side(tmp_path):
    run("import_territoires", "--region", "24", "--source", str(SLICE))
    v1 = tvs_csv(tmp_path, "v1.csv", [("37072", "T1", "TVS 1"), ("37074", "T1", "TVS 1")])
    v2 = tvs_csv(tmp_path, "v2.csv", [("37072", "T2", "TVS 2")])
    import_tvs(path=v1, version="DREES 2022")
    run("import_tvs", str(v2), "--version-tvs", "DREES 2024", "--archive")  # an older list, archived only
    chinon = Commune.objects.get(code_insee="37072")
    assert chinon.tvs.code == "T1"  # --archive left the current TVS alone
    assert dict(CommuneTvs.objects.filter(commune=chinon).values_list("version", "tvs__code")) == {
        "DREES 2022": "T1",
        "DREES 2024": "T2",
    }
    assert set(tvs_of_commune(chinon, ["DREES 2022", "DREES 2024", ""])) == {"DREES 2022", "DREES 2024"}
    assert tvs_versions() == ["DREES 2024", "DREES 2022"]
    # Re-importing a version replaces it whole: 37074 is no longer in it.
    import_tvs(path=tvs_csv(tmp_path, "v1b.csv", [("37072", "T1", "TVS 1")]), version="DREES 2022")
    assert not CommuneTvs.objects.filter(version="DREES 2022", commune__code_insee="37074").exists()
    with pytest.raises(CommandError, match="--version-tvs"):
        run("import_tvs", str(v1))
    with pytest.raises(ImportFailed, match="Nommez la version"):
        import_tvs(path=v1, version=" ")


def test_region_communes_with_a_tvs_version(tmp_path, territory):
    tvs = TvsFactory(code="T9")
    CommuneTvs.objects.create(commune=territory["chinon"], tvs=tvs, version="V")
    region_id = territory["dep37"].region_id
    communes = region_communes(region_id, tvs_version="V")
    assert communes.tvs_version == "V"
    assert [c.code_insee for c in communes.by_tvs()[tvs.pk]] == ["37072"]
    assert communes.communes[territory["loches"].pk].tvs_id is None  # not in that version


OVERLAY_HEADER = "code_commune;classement;valide_du;valide_au\n"


def test_overlays_import_and_lookup(tmp_path, territory):
    path = tmp_path / "frr.csv"
    path.write_text(
        OVERLAY_HEADER + "37132;zrr;2017-07-01;2024-06-30\n37132;frr;2024-07-01;\n37072;zrr;2017-07-01;2024-06-30\n"
    )
    run("import_classements_communaux", str(path), "--source", "Arrêtés de classement (test)")
    assert CommuneOverlay.objects.count() == 3
    loches, chinon, orleans = territory["loches"], territory["chinon"], territory["orleans"]
    assert overlays_of(loches, on=D(2024, 6, 30)).en_vigueur == {"zrr"}
    assert overlays_of(loches, on=D(2024, 7, 1)).en_vigueur == {"frr"}
    assert overlays_of(chinon, on=D(2024, 7, 1)).en_vigueur == set()
    assert overlays_of(orleans, on=D(2020, 1, 1)).importes == {"zrr", "frr"}
    # The file is the whole list of the classifications it names: Chinon's ZRR period goes.
    path.write_text(OVERLAY_HEADER + "37132;zrr;2017-07-01;2024-06-30\n")
    import_overlays(path=path, source="Arrêté (test)")
    assert set(CommuneOverlay.objects.values_list("commune__code_insee", "kind")) == {
        ("37132", "zrr"),
        ("37132", "frr"),
    }


def test_overlays_import_is_all_or_nothing(tmp_path, territory):
    path = tmp_path / "bad.csv"
    path.write_text(
        OVERLAY_HEADER + "37132;zrr;2017-07-01;\n99999;zrr;2017-07-01;\n37072;qpv;2017-07-01;\n"
        "37072;zrr;;\n37072;frr;2024-07-01;2024-01-01\n45234;frr;01/07/2024;\n"
    )
    with pytest.raises(ImportFailed) as excinfo:
        import_overlays(path=path, source="test")
    assert [error.split(" :")[0] for error in excinfo.value.errors] == [
        "Ligne 3",
        "Ligne 4",
        "Ligne 5",
        "Ligne 6",
        "Ligne 7",
    ]
    assert not CommuneOverlay.objects.exists()
