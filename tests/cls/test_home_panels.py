import pytest
from django.urls import reverse

from tests.cls.factories import complete_lettre

pytestmark = pytest.mark.django_db


def test_home_panels(client, collectivite, porteur_manager, dd_agent, siege_agent, territory):
    lettre = complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]])
    client.force_login(porteur_manager)
    page = client.get(reverse("home")).content.decode()
    assert lettre.dossier.reference in page
    assert reverse("cls:lettre_list") in page
    client.force_login(dd_agent)
    page = client.get(reverse("home")).content.decode()
    assert "1\u00a0lettre d" in page
    client.force_login(siege_agent)
    page = client.get(reverse("home")).content.decode()
    assert "habitants couverts par un CLS en vigueur" in page
