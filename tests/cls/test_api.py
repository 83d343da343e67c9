import datetime

import pytest
from django.urls import reverse

from cls.models import ContratLocalSante, FicheAction
from tests.cls.factories import complete_lettre

pytestmark = pytest.mark.django_db


@pytest.fixture
def contrat(collectivite, porteur_manager, territory, dd_agent):
    from instruction.enums import Etat
    from instruction.services import dossier_transition

    dossier = complete_lettre(organisation=collectivite, user=porteur_manager, epcis=[territory["epci37"]]).dossier
    dossier_transition(dossier=dossier, to_etat=Etat.EN_INSTRUCTION, by=dd_agent)
    dossier_transition(dossier=dossier, to_etat=Etat.ACCEPTEE, by=dd_agent)
    contrat = ContratLocalSante.objects.get()
    FicheAction.objects.create(contrat=contrat, numero="1", intitule="Action", date_fin=datetime.date(2020, 1, 1))
    return contrat


def test_api_access(persona, contrat):
    name, client = persona
    response = client.get("/api/v1/cls/")
    expected = 200 if name in ("siege_agent", "dd_agent", "expert") else 403
    assert response.status_code == expected
    if name == "expert":  # comité: signed contracts only
        assert response.json()["count"] == 0
    if name in ("siege_agent", "dd_agent"):
        assert response.json()["results"][0]["uuid"] == str(contrat.public_id)


def test_api_detail_and_fiches(client, dd_agent, dd45_agent, contrat):
    client.force_login(dd_agent)
    detail = client.get(f"/api/v1/cls/{contrat.public_id}/").json()
    assert detail["etape"] == "cadrage"
    assert "37132" in detail["communes"]
    fiches = client.get(f"/api/v1/cls/{contrat.public_id}/fiches-actions/").json()
    assert fiches["results"][0]["en_retard"] is True
    assert client.get("/api/v1/cls/", {"etape": "signe"}).json()["count"] == 0
    client.force_login(dd45_agent)
    assert client.get(f"/api/v1/cls/{contrat.public_id}/").status_code == 404


def test_api_anonymous_gets_json_403(client, contrat):
    assert client.get("/api/v1/cls/").status_code == 403


def test_schema_documents_the_cls_api(client):
    schema = client.get(reverse("api-schema")).content.decode()
    assert "/api/v1/cls/{uuid}/fiches-actions/" in schema
