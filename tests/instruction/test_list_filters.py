"""The département filter of the instruction lists offers the départements of the listed dossiers only."""

import pytest
from django.urls import reverse

from tests.cls.factories import complete_lettre

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(collectivite, porteur_manager, territory):
    return complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier


def test_the_departement_filter_offers_the_departements_of_the_listed_dossiers(client, dossier, dd_agent, territory):
    client.force_login(dd_agent)
    html = client.get(reverse("cls:instruction_list")).content.decode()
    assert f'<option value="{territory["dep37"].pk}">' in html
    assert f'<option value="{territory["dep45"].pk}">' not in html  # no dossier of the Loiret in this list
    filtered = client.get(reverse("cls:instruction_list"), {"departement": territory["dep37"].pk}).content.decode()
    assert dossier.reference in filtered
    elsewhere = client.get(reverse("cls:instruction_list"), {"departement": territory["dep45"].pk}).content.decode()
    assert dossier.reference not in elsewhere  # a département without dossiers here: an empty list, no error
    assert f'<option value="{territory["dep45"].pk}" selected>' in elsewhere
