import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_search_by_postal_code_without_login(client, two_versions):
    response = client.get(reverse("zonage:ma_commune"), {"q": "37600"})
    assert response.status_code == 200
    assert b"Loches" in response.content
    assert b"Chinon" not in response.content


def test_search_is_accent_insensitive(client, two_versions):
    response = client.get(reverse("zonage:ma_commune"), {"q": "orleans"})
    assert "Orléans" in response.content.decode()


def test_commune_page_shows_zone_arrete_and_aids(client, two_versions):
    _, v2 = two_versions
    response = client.get(reverse("zonage:commune", args=["37072"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zone d&#x27;intervention prioritaire" in html or "Zone d'intervention prioritaire" in html
    assert v2.reference in html
    assert "CAIM" in html
    assert "ARS-CVL-2018-001" in html  # history: the replaced version


def test_commune_page_unknown_code_404(client, two_versions):
    assert client.get(reverse("zonage:commune", args=["99999"])).status_code == 404


def test_commune_without_zonage(client, territory):
    response = client.get(reverse("zonage:commune", args=["37132"]))
    assert response.status_code == 200
    assert "Aucun arrêté de zonage en vigueur" in response.content.decode()


def test_projects_are_never_public(client, zonage_territory):
    from tests.zonage.factories import ArreteFactory, classer

    projet = ArreteFactory(reference="PROJET-SECRET")
    classer(projet, zonage_territory["tvs_a"], "ZIP")
    assert "PROJET-SECRET" not in client.get(reverse("zonage:commune", args=["37132"])).content.decode()
    assert client.get(reverse("zonage:carte"), {"arrete": str(projet.public_id)}).status_code == 404


def test_map_page_and_geojson(client, two_versions, territory):
    from territoires.models import Contour

    _, v2 = two_versions
    Contour.objects.create(
        level="commune",
        code="37132",
        source="test",
        geometry={"type": "Polygon", "coordinates": [[[1, 47], [1.1, 47], [1.1, 47.1], [1, 47]]]},
    )
    response = client.get(reverse("zonage:carte"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "js-choropleth-map" in html
    assert f"arrete={v2.public_id}" in html
    assert "<script>" not in html  # strict CSP: no inline script
    data = client.get(reverse("zonage:carte_donnees"), {"arrete": str(v2.public_id), "departement": "37"}).json()
    assert [f["properties"]["code"] for f in data["features"]] == ["37132"]
    assert data["features"][0]["properties"]["zone"] == "ZIP"
    assert data["features"][0]["properties"]["couleur"] == "#ff8c00"
    assert data["sans_contour"] == 1  # Chinon has no contour
    table = client.get(reverse("zonage:carte"), {"departement": "45"}).content.decode()
    assert "Orléans" in table
    assert "Loches" not in table


def test_map_unknown_departement_404(client, two_versions):
    assert client.get(reverse("zonage:carte"), {"departement": "99"}).status_code == 404


def test_home_links_to_lookup(client, territory):
    html = client.get("/").content.decode()
    assert reverse("zonage:ma_commune") in html


def test_map_query_count_is_constant_in_communes(client, two_versions, territory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.territoires.factories import CommuneFactory

    _, v2 = two_versions
    params = {"arrete": str(v2.public_id)}
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("zonage:carte"), params)
        client.get(reverse("zonage:carte_donnees"), params)
    CommuneFactory.create_batch(15, departement=territory["dep37"])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("zonage:carte"), params)
        client.get(reverse("zonage:carte_donnees"), params)
    assert len(many) == len(few)


def test_commune_page_query_count_is_constant(client, two_versions, zonage_territory):
    """Commune, arrêtés, TVS per version, rows, aids, professions, history (2), signed acts, register, commune aids
    and overlays — whatever the number of arrêtés, aids and amounts."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.zonage.factories import ArreteFactory, classer, profession

    url = reverse("zonage:commune", args=["37072"])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    infirmier = ArreteFactory(profession=profession("infirmier"), publie=True, reference="ARS-INF-9")
    classer(infirmier, zonage_territory["chinon"], "TSD")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few) <= 14  # + the commune's ARS identity in the header
