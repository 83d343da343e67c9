"""Every seeded value carries a source and a region, and no region borrows another region's source."""

import pytest

from referentiel.enums import NatureSource
from referentiel.models import Parametre, Source
from referentiel.seed import read_data

REFERENCE_REGION = "24"


def test_every_toml_row_names_a_known_source_and_its_dates():
    sources, parametres = read_data()
    codes = {source["code"] for source in sources}
    assert parametres, "the register is seeded"
    for row in parametres:
        where = f"{row['_file']}: {row['domaine']}.{row['code']}.{row['cle']}"
        assert row.get("source") in codes, where
        assert row.get("valide_du"), where
        assert "region_code" in row, where
        assert row.get("valeur") is not None or row.get("texte"), where


@pytest.mark.django_db
def test_seeded_rows_never_apply_another_regions_source():
    rows = list(Parametre.objects.select_related("source"))
    assert len(rows) == len(read_data()[1])
    for row in rows:
        assert row.source_id, row
        # A regional value comes from that region's document or a national one, never another region's.
        assert row.source.region_code in (row.region_code, ""), row
        if not row.region_code:
            assert row.source.region_code == "", f"a national rule cannot rest on a regional document: {row}"
        if row.source.nature == NatureSource.LECTURE:
            assert row.a_confirmer, f"our own reading is never presented as established: {row}"
        assert row.source.nature != NatureSource.DEMONSTRATION, row


@pytest.mark.django_db
def test_centre_val_de_loire_has_no_cls_rule_of_its_own():
    """ARS Bretagne's CLS framework is the only published one: nothing is seeded for region 24."""
    assert not Parametre.objects.filter(domaine="cls", region_code=REFERENCE_REGION).exists()
    assert Parametre.objects.filter(domaine="cls", region_code="53", code="seuil_population").exists()


@pytest.mark.django_db
def test_sources_carry_their_region():
    bretagne = Source.objects.get(code="bretagne-cadre-cls")
    assert bretagne.region_code == "53"
    assert Source.objects.get(code="cvl-plan-acces-soins-2017").date_affichee == "décembre 2017"


@pytest.mark.django_db
def test_charger_referentiel_restores_edited_values(capsys):
    from django.core.management import call_command

    Parametre.objects.filter(code="seuil_population", region_code="53").update(valeur=1)
    call_command("charger_referentiel")
    assert Parametre.objects.get(code="seuil_population", region_code="53").valeur == 50_000
    assert "valeurs" in capsys.readouterr().out
