"""Lookups: a region's own value, else the national one, never another region's; dates and operators."""

import datetime
from decimal import Decimal

import pytest

from referentiel import services
from referentiel.models import Parametre, Source

D = datetime.date


@pytest.fixture
def source(db):
    return Source.objects.create(code="test-national", titre="Texte national de test", nature="texte_officiel")


def make(source, **kwargs):
    values = {
        "domaine": "zonage",
        "code": "seuil_test",
        "libelle": "Seuil de test",
        "valeur": Decimal("2.5"),
        "operateur": "lt",
        "valide_du": D(2020, 1, 1),
        "source": source,
        **kwargs,
    }
    return Parametre.objects.create(**values)


def test_region_value_wins_over_national_and_other_regions_never_apply(source):
    national = make(source)
    bretagne = make(source, region_code="53", valeur=Decimal("3"))
    on = D(2024, 1, 1)
    assert services.parametre_en_vigueur("zonage", "seuil_test", region="24", on=on) == national
    assert services.parametre_en_vigueur("zonage", "seuil_test", region="53", on=on) == bretagne
    national.delete()
    assert services.parametre_en_vigueur("zonage", "seuil_test", region="24", on=on) is None
    assert services.references_ailleurs("zonage", "seuil_test", region="24", on=on) == [bretagne]


def test_validity_dates_are_inclusive_on_both_ends(source):
    old = make(source, valide_du=D(2020, 1, 1), valide_au=D(2022, 12, 31))
    new = make(source, valide_du=D(2023, 1, 1), valeur=Decimal("2.6"))
    lookup = services.parametre_en_vigueur
    assert lookup("zonage", "seuil_test", region=None, on=D(2019, 12, 31)) is None
    assert lookup("zonage", "seuil_test", region=None, on=D(2020, 1, 1)) == old
    assert lookup("zonage", "seuil_test", region=None, on=D(2022, 12, 31)) == old
    assert lookup("zonage", "seuil_test", region=None, on=D(2023, 1, 1)) == new


@pytest.mark.parametrize(
    ("operateur", "expected"),
    [
        ("gt", {149_999: False, 150_000: False, 150_001: True}),
        ("ge", {149_999: False, 150_000: True, 150_001: True}),
        ("lt", {149_999: True, 150_000: False, 150_001: False}),
        ("le", {149_999: True, 150_000: True, 150_001: False}),
    ],
)
def test_operator_is_data_and_boundaries_both_ways(source, operateur, expected):
    row = make(source, valeur=Decimal(150_000), operateur=operateur)
    assert {figure: row.satisfait(figure) for figure in expected} == expected
    assert row.borne == ("inclusive" if operateur in ("ge", "le") else "exclusive")


def test_a_value_without_operator_is_not_a_bound(source):
    row = make(source, operateur="")
    with pytest.raises(ValueError, match="pas une borne"):
        row.satisfait(1)


def test_display_is_french(source):
    row = make(source, valeur=Decimal("50000"), operateur="ge", unite="habitants")
    assert row.valeur_affichee == "≥\u00a050\u202f000\u00a0habitants"
    assert make(source, code="apl", valeur=Decimal("2.5000"), operateur="", unite="").valeur_affichee == "2,5"


def test_domain_lookup_in_one_query(source, django_assert_num_queries):
    make(source)
    make(source, code="autre", cle="T2", region_code="24", valeur=Decimal(7))
    with django_assert_num_queries(1):
        values = services.parametres_en_vigueur("zonage", region="24", on=D(2024, 1, 1))
    assert values.valeur("seuil_test") == Decimal("2.5")
    assert list(values.cles("autre")) == ["T2"]


def test_domain_lookup_on_several_dates_in_one_query(source, django_assert_num_queries):
    """An act's effect date and today: each date gets what `parametres_en_vigueur` gives it, from one query."""
    make(source, valide_au=D(2022, 12, 31))
    make(source, valide_du=D(2023, 1, 1), valeur=Decimal("2.6"))
    make(source, valide_du=D(2023, 1, 1), region_code="24", valeur=Decimal("2.7"))
    make(source, code="ancien", valide_au=D(2021, 12, 31))
    dates = {D(2021, 6, 1), D(2024, 1, 1)}
    with django_assert_num_queries(1):
        found = services.parametres_aux_dates("zonage", region="24", dates=dates)
    for on in dates:
        expected = services.parametres_en_vigueur("zonage", region="24", on=on)
        assert found[on].rows == expected.rows
    assert found[D(2021, 6, 1)].valeur("seuil_test") == Decimal("2.5")
    assert found[D(2024, 1, 1)].valeur("seuil_test") == Decimal("2.7")
    assert found[D(2024, 1, 1)].get("ancien") is None


def test_regle_affichee_gives_references_when_the_region_has_none(db):
    shown = services.regle_affichee("cls", "seuil_population", region="24", on=D(2026, 1, 1))
    assert shown.parametre is None
    assert [row.region_code for row in shown.references] == ["53"]
    assert services.regle_affichee("cls", "seuil_population", region="53", on=D(2026, 1, 1)).parametre.valeur == 50000
