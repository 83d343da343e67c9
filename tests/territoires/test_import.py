"""Imports of the referential, on a committed slice of the real @etalab/decoupage-administratif 6.0.0."""

import json
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from territoires.importers import ImportFailed, import_decoupage, import_tvs
from territoires.models import EPCI, Commune, CommuneTvs, Contour, Departement, ImportRun, Region, TerritoireVieSante

pytestmark = pytest.mark.django_db

SLICE = Path(__file__).parent / "data" / "decoupage"


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_region_import_matches_the_source():
    output = run("import_territoires", "--region", "24", "--source", str(SLICE))
    # Figures computed independently from the slice's JSON (see test_expected_figures_from_source).
    assert Region.objects.count() == 1
    assert set(Departement.objects.values_list("code", flat=True)) == {"18", "37", "41"}
    assert Commune.objects.count() == 96
    assert Commune.objects.population() == 177_807
    assert EPCI.objects.count() == 4
    assert re.search(r"communes +créés : +96 +mis à jour : +0 +inchangés : +0", output)
    assert "Population municipale totale : 177\u202f807 habitants" in output
    run_row = ImportRun.objects.get()
    assert run_row.source == "@etalab/decoupage-administratif 6.0.0 (COG 2026), populations millésime 2023"
    assert run_row.scope == "région 24"


def test_expected_figures_from_source():
    """Recompute the expected figures straight from the JSON, as a reviewer would."""
    communes = json.loads((SLICE / "data" / "communes.json").read_text())
    current = [row for row in communes if row["type"] == "commune-actuelle" and row["region"] == "24"]
    assert len(current) == 96
    assert sum(row["population"] for row in current) == 177_807


def test_only_current_communes_are_imported():
    run("import_territoires", "--source", str(SLICE))
    # 41059 is both a commune-actuelle (Le Controis-en-Sologne) and a commune-deleguee (Contres).
    commune = Commune.objects.get(code_insee="41059")
    assert commune.nom == "Le Controis-en-Sologne"
    assert "41082" in commune.anciens_codes
    assert Commune.objects.count() == 127  # every commune-actuelle of the slice, all regions


def test_epci_population_counts_every_member_even_outside_the_region():
    run("import_territoires", "--region", "24", "--source", str(SLICE))
    bertranges = EPCI.objects.get(siren="200068088")
    assert bertranges.population == 19_497  # 32 members, 31 of them in Nièvre (région 27)
    assert bertranges.communes.count() == 1
    assert EPCI.objects.get(siren="200030385").nom == "CA de Blois \u00ab\u00a0Agglopolys\u00a0\u00bb"


def test_commune_fields():
    run("import_territoires", "--region", "24", "--source", str(SLICE))
    chinon = Commune.objects.select_related("epci", "departement").get(code_insee="37072")
    assert chinon.nom == "Chinon"
    assert chinon.departement.code == "37"
    assert chinon.epci.siren == "200043081"
    assert chinon.codes_postaux == ["37500"]
    assert chinon.millesime == "2026"
    assert Commune.objects.search("37500").filter(pk=chinon.pk).exists()


def test_rerun_is_idempotent_and_updates_in_place(tmp_path):
    run("import_territoires", "--region", "24", "--source", str(SLICE))
    ids = dict(Commune.objects.values_list("code_insee", "pk"))
    population = Commune.objects.get(code_insee="37072").population
    source = tmp_path / "decoupage"
    shutil.copytree(SLICE, source)
    communes = json.loads((source / "data" / "communes.json").read_text())
    for row in communes:
        if row["code"] == "37072" and row["type"] == "commune-actuelle":
            row["population"] += 100
    (source / "data" / "communes.json").write_text(json.dumps(communes))

    output = run("import_territoires", "--region", "24", "--source", str(source))

    assert re.search(r"communes +créés : +0 +mis à jour : +1 +inchangés : +95", output)
    assert re.search(r"EPCI +créés : +0 +mis à jour : +1 +inchangés : +3", output)  # Chinon's EPCI total
    assert dict(Commune.objects.values_list("code_insee", "pk")) == ids
    assert Commune.objects.get(code_insee="37072").population == population + 100


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: (data / "communes.json").write_text('[{"code": "37072", '), "JSON invalide"),
        (lambda data: (data / "epci.json").unlink(), "introuvable"),
        (lambda data: (data / "departements.json").write_text('{"not": "a list"}'), "Fichier source inattendu"),
    ],
)
def test_corrupt_source_changes_nothing(tmp_path, damage, message):
    run("import_territoires", "--region", "24", "--source", str(SLICE))
    before = list(Commune.objects.order_by("pk").values_list("code_insee", "population", "epci_id"))
    source = tmp_path / "decoupage"
    shutil.copytree(SLICE, source)
    damage(source / "data")

    with pytest.raises(CommandError, match=message):
        run("import_territoires", "--region", "24", "--source", str(source))

    assert list(Commune.objects.order_by("pk").values_list("code_insee", "population", "epci_id")) == before
    assert ImportRun.objects.count() == 1


def test_unknown_region_is_refused():
    with pytest.raises(ImportFailed, match="Région inconnue"):
        import_decoupage(source_dir=SLICE, region_code="99")
    assert not Region.objects.exists()


def feature(code, geometry_type="Polygon", coordinates=None):
    properties = {"code": code} if code else {}
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": geometry_type, "coordinates": coordinates},
    }


def square(x: int) -> list:
    return [[[x, x], [x, x + 1], [x + 1, x + 1], [x, x]]]


GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        feature("41059", coordinates=square(1)),
        feature("41082", coordinates=square(2)),
        feature("99999", coordinates=square(0)),
    ],
}


def test_contours_of_merged_communes_join_their_absorbing_commune(tmp_path):
    run("import_territoires", "--region", "24", "--source", str(SLICE))
    path = tmp_path / "communes.geojson"
    path.write_text(json.dumps(GEOJSON))

    output = run("import_contours", str(path), "--niveau", "commune")

    contour = Contour.objects.get(level="commune", code="41059")
    assert contour.geometry["type"] == "MultiPolygon"
    assert len(contour.geometry["coordinates"]) == 2
    assert "41082 → 41059" in output
    assert "1\u00a0code sans correspondance, ignoré : 99999" in output
    assert re.search(r"contours +créés : +1 ", output)
    assert re.search(r"inchangés : +1", run("import_contours", str(path), "--niveau", "commune"))


def test_invalid_contours_are_all_reported_and_nothing_is_written(tmp_path):
    run("import_territoires", "--region", "24", "--source", str(SLICE))
    path = tmp_path / "bad.geojson"
    features = [feature(None, coordinates=[]), feature("37072", "Point", [1, 2])]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    with pytest.raises(CommandError, match="rien n'a été importé"):
        run("import_contours", str(path))
    assert not Contour.objects.exists()


def test_tvs_import_is_all_or_nothing_and_lists_every_bad_row(tmp_path):
    run("import_territoires", "--region", "24", "--source", str(SLICE))
    path = tmp_path / "tvs.csv"
    path.write_text(
        "code_commune;code_tvs;nom_tvs\n"
        "37072;37072;Chinon\n"
        "99999;37072;Chinon\n"  # unknown commune
        "37072;37261;Tours\n"  # commune twice
        "37074;;Sans code\n"  # missing value
        "37075;37072;Autre nom\n"  # same TVS, other name
    )
    with pytest.raises(ImportFailed) as excinfo:
        import_tvs(path=path, version="DREES 2022")
    assert [error.split(" :")[0] for error in excinfo.value.errors] == ["Ligne 3", "Ligne 4", "Ligne 5", "Ligne 6"]
    assert not TerritoireVieSante.objects.exists()
    assert not Commune.objects.filter(tvs__isnull=False).exists()
    assert not CommuneTvs.objects.exists()


def test_demo_tvs_rule_is_deterministic_and_imports(tmp_path):
    run("import_territoires", "--region", "24", "--source", str(SLICE))
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    run("build_demo_tvs", "--region", "24", "--output", str(first))
    run("build_demo_tvs", "--region", "24", "--output", str(second))
    assert first.read_text() == second.read_text()

    run("import_tvs", str(first), "--source", "demo", "--version-tvs", "demo")

    assert not Commune.objects.filter(departement__region__code="24", tvs__isnull=True).exists()
    blois = EPCI.objects.get(siren="200030385")  # 106 615 inhabitants, of which 101 000+ in region 24
    tvs_codes = set(blois.communes.values_list("tvs__code", flat=True))
    assert len(tvs_codes) == 3  # ceil(population / 50 000)
    assert all(code.startswith("D") for code in tvs_codes)
    assert set(TerritoireVieSante.objects.values_list("source", flat=True)) == {"demo"}
    in_region = Commune.objects.filter(departement__region__code="24")
    assert CommuneTvs.objects.filter(version="demo").count() == in_region.count()
    assert not CommuneTvs.objects.filter(version="demo").exclude(tvs_id=F("commune__tvs_id")).exists()


def test_name_types_come_from_the_source_and_give_the_right_article():
    from config.typography import fr_de, fr_le

    run("import_territoires", "--region", "24", "--source", str(SLICE))
    assert Region.objects.get(code="24").type_nom == 2
    cher, indre_et_loire = Departement.objects.get(code="18"), Departement.objects.get(code="37")
    assert (fr_de(cher), fr_le(cher), fr_de(indre_et_loire)) == ("du Cher", "le Cher", "d'Indre-et-Loire")
    assert fr_de(Region.objects.get(code="24")) == "du Centre-Val de Loire"
    communes = {commune.code_insee: commune for commune in Commune.objects.all()}
    assert fr_de(communes["41059"]) == "du Controis-en-Sologne"  # « Le Controis », article in the name
    assert fr_de(communes["41147"]) == "des Montils"
    assert fr_de(communes["37202"]) == "de La Roche-Clermault"
    assert fr_de(communes["37118"]) == "d'Huismes"  # h muet: only the source knows
    assert fr_de(communes["37072"]) == "de Chinon"
