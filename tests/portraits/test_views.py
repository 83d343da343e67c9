"""The portrait page and its exports, per persona: public blocks for everyone, the ARS's for the agents competent
for the whole perimeter; a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("portraits:portrait")
EPCI37 = {"epci": "200071587"}
ARS_BLOCK = "Financements reçus"
# Who sees the ARS's blocks of the Loches EPCI (dép. 37, région 24).
ARS = {"siege_agent": True, "dd_agent": True}


def test_form_without_perimeter(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Voir le portrait" in response.content.decode()


def test_form_redirects_to_the_permalink(client, portrait_data):
    response = client.get(URL, {"niveau": "epci", "code": " 200071587 "})
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?epci=200071587"


def test_anonymous_public_portrait(client, portrait_data):
    response = client.get(URL, EPCI37)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Portrait de territoire — CC Loches Sud Touraine" in page
    assert "CLS du Lochois" in page
    assert "MSP de Loches" in page
    assert "CPTS Sud Touraine" in page
    assert ARS_BLOCK not in page
    assert "Portrait public" in page
    assert "20\u202f000" in page  # population, French digit grouping


def test_persona(persona, portrait_data):
    name, client = persona
    page = client.get(URL, EPCI37).content.decode()
    assert (ARS_BLOCK in page) is ARS.get(name, False), name
    export = client.get(reverse("portraits:export", args=["financements", "csv"]), EPCI37)
    assert export.status_code == (200 if ARS.get(name) else 404), name


def test_delegation_of_another_departement(client, dd45_agent, portrait_data):
    """dd45 is competent for Orléans only: a perimeter across 37 and 45 is public for it."""
    client.force_login(dd45_agent)
    assert ARS_BLOCK in client.get(URL, {"commune": "45234"}).content.decode()
    assert ARS_BLOCK not in client.get(URL, {"communes": "45234,37072"}).content.decode()


def test_unknown_perimeter_404_and_invalid_list(client, portrait_data):
    assert client.get(URL, {"epci": "123456789"}).status_code == 404
    response = client.get(URL, {"communes": "99999"})
    assert response.status_code == 200
    assert "Aucun de ces codes" in response.content.decode()


def test_exports(client, portrait_data):
    response = client.get(reverse("portraits:export", args=["communes", "csv"]), {"communes": "37072,45234"})
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Code INSEE;Commune;Département;EPCI;Population municipale")
    assert lines[1].startswith("37072;Chinon;37;")
    assert lines[1].endswith(";30000;ZIP")
    xlsx = client.get(reverse("portraits:export", args=["zonage", "xlsx"]), EPCI37)
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"
    assert client.get(reverse("portraits:export", args=["zonage", "pdf"]), EPCI37).status_code == 404


def test_query_count_epci(client, siege_agent, portrait_data):
    client.force_login(siege_agent)
    client.get(URL, EPCI37)  # warm caches (référentiel, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, EPCI37)
    assert response.status_code == 200
    assert ARS_BLOCK in response.content.decode()
    assert len(queries) <= 25, "\n".join(q["sql"][:150] for q in queries)


def test_territory_pages_link_their_portrait(client, siege_agent, portrait_data):
    client.force_login(siege_agent)
    page = client.get(reverse("territoires:epci_detail", args=["200071587"])).content.decode()
    assert f"{URL}?epci=200071587" in page
