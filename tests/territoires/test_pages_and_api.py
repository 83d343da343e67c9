import pytest
from django.urls import reverse

from tests.territoires.factories import CommuneFactory, EpciFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_client(client, dd_agent):
    client.force_login(dd_agent)
    return client


def make_communes(territory, count: int):
    epci = EpciFactory()
    for index in range(count):
        CommuneFactory(
            code_insee=f"37{500 + index:03d}", nom=f"Saint-Test {index}", departement=territory["dep37"], epci=epci
        )


def test_commune_search_ignores_accents_and_case(logged_client, territory):
    response = logged_client.get(reverse("territoires:commune_list"), {"search": "ORLEANS"})
    content = response.content.decode()
    assert "Orléans" in content
    assert "Loches" not in content
    assert 'class="fr-input"' in content  # the filter form renders with the DSFR


def test_commune_search_by_postal_code_and_insee_code(logged_client, territory):
    assert "Loches" in logged_client.get(reverse("territoires:commune_list"), {"search": "37000"}).content.decode()
    response = logged_client.get(reverse("territoires:commune_list"), {"search": "45234"})
    assert list(response.context["page_obj"]) == [territory["orleans"]]


def test_commune_list_filters_by_departement(logged_client, territory):
    response = logged_client.get(reverse("territoires:commune_list"), {"departement": "45"})
    assert [commune.code_insee for commune in response.context["page_obj"]] == ["45234"]


def test_commune_list_htmx_returns_the_results_fragment(logged_client, territory):
    response = logged_client.get(reverse("territoires:commune_list"), {"search": "chinon"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "<html" not in content
    assert "Chinon" in content


@pytest.mark.parametrize("rows", [2, 20])
def test_commune_list_query_count_does_not_grow(logged_client, territory, rows, django_assert_num_queries):
    make_communes(territory, rows)
    # user + savepoint + count + import run + département filter + page + release (ATOMIC_REQUESTS)
    # + scope (2: memberships, their départements, with the région's identity that the header shows)
    with django_assert_num_queries(9):
        response = logged_client.get(reverse("territoires:commune_list"))
    assert response.status_code == 200


def test_commune_list_paginates(logged_client, territory):
    make_communes(territory, 55)
    response = logged_client.get(reverse("territoires:commune_list"))
    assert len(response.context["page_obj"]) == 50
    assert response.context["page_obj"].paginator.num_pages == 2
    assert 'class="fr-pagination"' in response.content.decode()


def test_departement_and_epci_pages_show_populations(logged_client, territory):
    content = logged_client.get(reverse("territoires:departement_detail", args=["37"])).content.decode()
    assert "14\u202f200" in content or "14 200" in content  # Loches 6 300 + Chinon 7 900
    content = logged_client.get(reverse("territoires:epci_detail", args=["200071587"])).content.decode()
    assert "Loches" in content
    assert "hors de la région" in content  # the factory EPCI total (51 000) exceeds its imported members


# --- API -------------------------------------------------------------------------------------


def test_api_requires_authentication_and_answers_json(client, territory):
    for url in (reverse("api:commune-list"), reverse("api:commune-detail", args=["37072"])):
        response = client.get(url)
        assert response.status_code == 403
        assert response["Content-Type"] == "application/json"
        assert "authentification" in response.json()["detail"]


def test_api_commune_list_filters_and_fields(logged_client, territory):
    response = logged_client.get(reverse("api:commune-list"), {"departement": "37", "search": "chinon"})
    assert response.status_code == 200
    payload = response.json()
    assert payload["count"] == 1
    assert payload["results"][0] == {
        "code_insee": "37072",
        "nom": "Chinon",
        "population": 7900,
        "departement": "37",
        "epci": "200043081",
        "epci_nom": "CC Chinon, Vienne et Loire",
        "codes_postaux": ["37000"],
    }


def test_api_commune_detail_and_404(logged_client, territory):
    assert logged_client.get(reverse("api:commune-detail", args=["45234"])).json()["nom"] == "Orléans"
    response = logged_client.get(reverse("api:commune-detail", args=["99999"]))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("rows", [2, 20])
def test_api_query_count_does_not_grow(logged_client, territory, rows, django_assert_num_queries):
    make_communes(territory, rows)
    with django_assert_num_queries(5):  # savepoint + user + count + page + release (the session is read from the cache)
        response = logged_client.get(reverse("api:commune-list"))
    assert response.status_code == 200


def test_openapi_schema_documents_the_commune_endpoint(client, db):
    response = client.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    assert "/api/v1/territoires/communes/{code_insee}/" in response.json()["paths"]
