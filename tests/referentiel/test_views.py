"""The register page, its API, and a siège adopting another region's value: access per persona."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referentiel.models import Parametre, Source

ALLOWED = {"siege_agent", "dd_agent", "expert"}


@pytest.mark.django_db
def test_page_access_per_persona(persona):
    name, client = persona
    response = client.get(reverse("referentiel:list"))
    assert response.status_code == (200 if name in ALLOWED else 403)


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("referentiel:list"))
    assert response.status_code == 302
    assert "/comptes/connexion/" in response["Location"] or "login" in response["Location"]


@pytest.mark.django_db
def test_page_shows_region_dates_source_and_a_confirmer(client, siege_agent):
    client.force_login(siege_agent)
    html = client.get(reverse("referentiel:list"), {"domaine": "cls"}).content.decode()
    assert "Les contrats locaux de santé — Cadre de contractualisation" in html
    assert "à confirmer" in html  # the 150 000 bound
    assert "≥\u00a050\u202f000\u00a0habitants" in html


@pytest.mark.django_db
def test_filters(client, siege_agent):
    client.force_login(siege_agent)
    url = reverse("referentiel:list")
    assert b"Aucune valeur" in client.get(url, {"region": "24", "domaine": "cls"}).content
    html = client.get(url, {"a_confirmer": "true", "domaine": "cls"}).content.decode()
    assert "seuil_etp" in html
    assert "seuil_population" not in html


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rows(client, siege_agent):
    client.force_login(siege_agent)
    url = reverse("referentiel:list")
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    source = Source.objects.first()
    for index in range(40):
        Parametre.objects.create(
            domaine="cpts", code=f"test_{index}", libelle="x", valeur=1, valide_du="2020-01-01", source=source
        )
    assert count() == before <= 15


@pytest.mark.django_db
def test_api_lists_the_same_rows_with_filters(client, expert):
    client.force_login(expert)
    data = client.get("/api/v1/referentiel/", {"domaine": "cls", "a_confirmer": "true"}).json()
    # the 150 000 bound (Bretagne) and the durations of PACA, La Réunion and Hauts-de-France
    assert sorted(row["code"] for row in data["results"]) == ["duree", "duree", "duree", "seuil_etp"]
    row = next(row for row in data["results"] if row["code"] == "seuil_etp")
    assert row["region"] == "53"
    assert row["operateur"] == "gt"
    assert row["borne"] == "exclusive"
    assert row["source"]["code"] == "bretagne-cadre-cls"


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("porteur_manager", 403), ("outsider", 403)])
def test_api_refuses_outside_users(client, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/api/v1/referentiel/").status_code == status


@pytest.mark.django_db
def test_api_anonymous_gets_json_401_or_403(client):
    response = client.get("/api/v1/referentiel/")
    assert response.status_code in (401, 403)
    assert response["Content-Type"].startswith("application/json")


@pytest.fixture
def bretagne_seuil(db):
    return Parametre.objects.get(domaine="cls", code="seuil_population", region_code="53")


@pytest.mark.django_db
def test_siege_adopts_a_value_for_its_region_with_its_own_source(client, siege_agent, bretagne_seuil):
    client.force_login(siege_agent)
    url = reverse("referentiel:adopt", args=[bretagne_seuil.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "region_code": "24",
            "valeur": "40 000",
            "operateur": "ge",
            "valide_du": "2026-01-01",
            "source_titre": "Décision du comité de direction (test)",
            "source_nature": "document_ars",
        },
    )
    assert response.status_code == 302
    adopted = Parametre.objects.get(domaine="cls", code="seuil_population", region_code="24")
    assert adopted.valeur == 40_000
    assert adopted.adopte_de == bretagne_seuil
    assert adopted.source.region_code == "24"
    assert adopted.source.titre == "Décision du comité de direction (test)"


@pytest.mark.django_db
def test_adoption_keeps_typed_values_on_error(client, siege_agent, bretagne_seuil):
    client.force_login(siege_agent)
    response = client.post(
        reverse("referentiel:adopt", args=[bretagne_seuil.pk]),
        {"region_code": "24", "valeur": "", "operateur": "ge", "valide_du": "2026-01-01", "source_titre": "Mon titre"},
    )
    assert response.status_code == 400
    assert "Mon titre" in response.content.decode()
    assert not Parametre.objects.filter(region_code="24", domaine="cls").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["dd_agent", "expert", "porteur_manager"])
def test_only_siege_gestionnaire_adopts(client, request, who, bretagne_seuil):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("referentiel:adopt", args=[bretagne_seuil.pk])).status_code == 403
