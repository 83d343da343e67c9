"""The revision period of the zonage (référentiel, à confirmer) warns when the arrêté in force is older."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse

from referentiel.models import Parametre
from tests.zonage.factories import ArreteFactory, classer
from zonage.services import revision_alerte, revisions_en_retard

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def in_force(zonage_territory):
    arrete = ArreteFactory(
        reference="ARS-CVL-2022-MG", statut="publie", date_signature=D(2021, 12, 1), date_effet=D(2022, 1, 1)
    )
    classer(arrete, zonage_territory["tvs_a"], "ZIP")
    return arrete


def test_the_period_is_a_register_value_to_confirm():
    periode = Parametre.objects.get(domaine="zonage", code="frequence_revision")
    assert (periode.valeur, periode.unite, periode.region_code, periode.a_confirmer) == (Decimal("3"), "ans", "", True)


@pytest.mark.parametrize(("on", "late"), [(D(2024, 12, 31), False), (D(2025, 1, 1), False), (D(2025, 1, 2), True)])
def test_alert_only_once_the_period_is_over(in_force, on, late):
    alerte = revision_alerte(in_force, on=on)
    assert (alerte is not None) is late
    if late:
        assert alerte.echeance == D(2025, 1, 1)


def test_the_alert_reads_the_period_of_the_register(in_force):
    Parametre.objects.filter(code="frequence_revision").update(valeur=2)
    assert revision_alerte(in_force, on=D(2024, 1, 2)).echeance == D(2024, 1, 1)


def test_no_alert_for_a_draft_or_without_a_period(in_force, zonage_territory):
    assert revision_alerte(ArreteFactory(), on=D(2030, 1, 1)) is None
    Parametre.objects.filter(code="frequence_revision").delete()
    assert revision_alerte(in_force, on=D(2030, 1, 1)) is None


def test_list_and_detail_pages_warn(client, siege_agent, in_force):
    client.force_login(siege_agent)
    with mock.patch("django.utils.timezone.localdate", return_value=D(2025, 6, 1)):
        assert [a.arrete for a in revisions_en_retard(region_code="24")] == [in_force]
        listing = client.get(reverse("zonage:arrete_list")).content.decode()
        detail = client.get(reverse("zonage:arrete_detail", args=[in_force.public_id])).content.decode()
    assert "a dépassé le 1er janvier 2025 la période de révision du zonage" in listing
    assert "Révision du zonage attendue" in detail
    assert "à confirmer" in detail
