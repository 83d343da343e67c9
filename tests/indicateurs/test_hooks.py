"""The functions other apps call: cls fiches actions (latest values of linked indicators), bilans."""

from decimal import Decimal

import pytest

from indicateurs.enums import PerimetreKind, Statut
from indicateurs.perimetres import perimetre_epci, perimetre_programme, resolve_perimetre
from indicateurs.selectors import dernieres_valeurs, indicateurs_catalogue, valeur
from indicateurs.semestre import Semestre
from tests.indicateurs.factories import BaselineFactory, CibleFactory, IndicateurFactory, ValeurFactory

pytestmark = pytest.mark.django_db


def test_a_cls_registers_as_perimeter_and_reads_latest_values(territory):
    cls = perimetre_programme(
        kind=PerimetreKind.CLS, code="cls-loches", libelle="CLS Loches", departement=territory["dep37"]
    )
    assert resolve_perimetre("cls", "cls-loches") == cls
    indicateur = IndicateurFactory(code="T_FICHE", niveaux=["cls"])
    BaselineFactory(indicateur=indicateur, perimetre=cls, valeur=0, periode="2024-S1")
    CibleFactory(indicateur=indicateur, perimetre=cls, valeur=10, periode="2028-S1")
    ValeurFactory(indicateur=indicateur, perimetre=cls, periode="2025-S2", valeur=3)
    ValeurFactory(indicateur=indicateur, perimetre=cls, periode="2026-S1", valeur=Decimal("5"))
    rows = dernieres_valeurs(["T_FICHE", "P4_CLS"], cls)
    assert rows["T_FICHE"].derniere.valeur == 5
    assert rows["T_FICHE"].statut == Statut.EN_BONNE_VOIE
    assert rows["P4_CLS"].derniere is None
    assert valeur(indicateur, cls, Semestre(2025, 2)).valeur == 3
    assert "T_FICHE" in [item.code for item in indicateurs_catalogue()]


def test_programme_perimeters_only_for_cls_and_cpts(territory):
    with pytest.raises(ValueError, match="inconnu"):
        perimetre_programme(kind="region", code="24", libelle="x", departement=None)


def test_territorial_perimeters_come_from_the_referential(territory):
    assert resolve_perimetre("departement", "37").departement == territory["dep37"]
    assert resolve_perimetre("epci", "200071587") == perimetre_epci(territory["epci37"])
    assert resolve_perimetre("epci", "200071587").departement == territory["dep37"]
    assert resolve_perimetre("departement", "99") is None
    assert resolve_perimetre("cpts", "inconnue") is None


def test_compared_values_keep_the_latest_semester_of_each_perimeter_in_one_query(territory, django_assert_num_queries):
    """The portrait's indicator block: the latest value of each active indicator on each perimeter asked for, the
    older semesters left in the database; an inactive indicator, and a perimeter not asked for, are left out."""
    from indicateurs.selectors import valeurs_comparees
    from tests.indicateurs.factories import PerimetreFactory

    region, dep37, dep45 = PerimetreFactory(), PerimetreFactory(dep37=True), PerimetreFactory(dep45=True)
    suivi = IndicateurFactory(code="T_SUIVI", priorite=2)
    for periode, nombre in (("2025-S1", 5), ("2025-S2", 7)):
        ValeurFactory(indicateur=suivi, perimetre=region, periode=periode, valeur=nombre)
    ValeurFactory(indicateur=suivi, perimetre=region, periode="2026-S1", valeur=None, secret=True)
    ValeurFactory(indicateur=suivi, perimetre=dep37, periode="2024-S2", valeur=Decimal("3.5"))
    ValeurFactory(indicateur=suivi, perimetre=dep37, periode="2025-S1", valeur=Decimal("4.5"))
    ValeurFactory(indicateur=suivi, perimetre=dep45, periode="2026-S1", valeur=99)
    ValeurFactory(indicateur=IndicateurFactory(code="T_ANCIEN", actif=False), perimetre=region, periode="2026-S1")
    ValeurFactory(indicateur=IndicateurFactory(code="T_AILLEURS"), perimetre=dep45, periode="2026-S1")
    with django_assert_num_queries(1):
        rows = valeurs_comparees([("departement", "37"), ("region", "24")])
    assert [row["code"] for row in rows] == ["T_SUIVI"]
    assert rows[0]["valeurs"] == {
        "region:24": {"valeur": None, "secret": True, "periode": "2026-S1", "fictif": False},
        "departement:37": {"valeur": 4.5, "secret": False, "periode": "2025-S1", "fictif": False},
    }
