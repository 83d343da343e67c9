import pytest
from django.urls import reverse

from instruction.enums import Etat
from tests.cls.factories import complete_lettre

pytestmark = pytest.mark.django_db


def test_flow(client, porteur_manager, collectivite, territory, dd_agent, mailoutbox):
    lettre = complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]])
    dossier = lettre.dossier
    assert dossier.etat == Etat.DEPOSEE
    assert dossier.reference.startswith("CLS-")
    assert dossier.departement == territory["dep37"]
    client.force_login(porteur_manager)
    response = client.get(reverse("cls:lettre_detail", args=[dossier.public_id]))
    assert response.status_code == 200
    client.force_login(dd_agent)
    response = client.get(reverse("cls:lettre_detail", args=[dossier.public_id]))
    assert response.status_code == 200, response.content
    response = client.get(reverse("cls:instruction_list"))
    assert response.status_code == 200
    print([m.to for m in mailoutbox])
