import pytest
from django.urls import reverse

from tests.indicateurs.factories import IndicateurFactory, PerimetreFactory, ValeurFactory

pytestmark = pytest.mark.django_db

VIEWERS = {"siege_agent", "dd_agent", "expert"}


@pytest.fixture
def valeurs(territory):
    region, dep37 = PerimetreFactory(), PerimetreFactory(dep37=True)
    indicateur = IndicateurFactory(code="T_API")
    ValeurFactory(indicateur=indicateur, perimetre=region, periode="2025-S2", valeur=10)
    ValeurFactory(indicateur=indicateur, perimetre=region, periode="2026-S1", valeur=12)
    ValeurFactory(indicateur=indicateur, perimetre=dep37, periode="2026-S1", valeur=None, secret=True)
    return indicateur


def test_anonymous_gets_json_403(client, valeurs):
    response = client.get(reverse("api:indicateur-list"))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"


def test_access_per_persona(persona, valeurs):
    name, client = persona
    expected = 200 if name in VIEWERS else 403
    assert client.get(reverse("api:indicateur-list")).status_code == expected
    assert client.get(reverse("api:indicateur-valeurs", args=["T_API"])).status_code == expected


def test_catalogue_lists_seeded_indicators(client, expert):
    client.force_login(expert)
    data = client.get(reverse("api:indicateur-list")).json()
    codes = [item["code"] for item in data["results"]]
    assert "P1_POP_ZIP" in codes
    first = data["results"][0]
    assert {"code", "libelle", "unite", "priorite", "mode", "niveaux", "sens"} <= set(first)


def test_values_filtered_by_territory_and_period(client, expert, valeurs):
    client.force_login(expert)
    url = reverse("api:indicateur-valeurs", args=["T_API"])
    assert client.get(url).json()["count"] == 3
    data = client.get(url, {"territoire": "region:24", "periode": "2026-S1"}).json()
    assert [(item["territoire"], item["periode"], item["valeur"]) for item in data["results"]] == [
        ("region:24", "2026-S1", "12.000")
    ]
    secret = client.get(url, {"territoire": "37"}).json()["results"][0]
    assert secret["secret"] is True
    assert secret["valeur"] is None
    assert client.get(url, {"periode": "2026-S9"}).json()["count"] == 0
    assert client.get(reverse("api:indicateur-valeurs", args=["INCONNU"])).status_code == 404


@pytest.mark.parametrize("rows", [2, 20])
def test_values_query_count_is_constant(client, expert, territory, rows, django_assert_num_queries):
    indicateur = IndicateurFactory(code="T_COUNT")
    for number in range(rows):
        ValeurFactory(indicateur=indicateur, perimetre=PerimetreFactory(), periode=f"{2000 + number}-S1")
    client.force_login(expert)
    # session, user, savepoint, scope (2), indicator, count, page, release
    with django_assert_num_queries(7):
        response = client.get(reverse("api:indicateur-valeurs", args=["T_COUNT"]))
    assert response.json()["count"] == rows


@pytest.mark.parametrize("extra", [2, 20])
def test_catalogue_query_count_is_constant(client, expert, extra, django_assert_num_queries):
    for _ in range(extra):
        IndicateurFactory()
    client.force_login(expert)
    # session, user, savepoint, scope (2), count, page, the plan's measures and their priorities, release
    with django_assert_num_queries(8):
        assert client.get(reverse("api:indicateur-list")).status_code == 200


def test_schema_documents_the_endpoints(client):
    schema = client.get(reverse("api-schema")).content.decode()
    assert "/api/v1/indicateurs/{code}/valeurs/" in schema
    assert "territoire" in schema
