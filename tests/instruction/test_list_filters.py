"""The département filter of the instruction lists offers the départements of the listed dossiers only."""

import re

import pytest
from django.urls import reverse

from tests.cls.factories import complete_lettre

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(collectivite, porteur_manager, territory):
    return complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier


def _departement_select(html: str) -> str:
    return re.search(r'<select name="departement".*?</select>', html, re.S).group(0)


def test_the_departement_filter_offers_the_departements_of_the_listed_dossiers(client, dossier, dd_agent, territory):
    dep37, dep45 = territory["dep37"], territory["dep45"]
    client.force_login(dd_agent)
    offered = _departement_select(client.get(reverse("cls:instruction_list")).content.decode())
    assert f'<option value="{dep37.pk}">' in offered
    assert f'value="{dep45.pk}"' not in offered  # no dossier of the Loiret in this list
    filtered = client.get(reverse("cls:instruction_list"), {"departement": dep37.pk}).content.decode()
    assert dossier.reference in filtered
    elsewhere = client.get(reverse("cls:instruction_list"), {"departement": dep45.pk}).content.decode()
    assert dossier.reference not in elsewhere  # a département without dossiers here: an empty list, no error
    assert f'<option value="{dep45.pk}" selected>' in _departement_select(elsewhere)
