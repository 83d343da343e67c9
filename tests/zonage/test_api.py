import pytest
from django.urls import reverse

from tests.zonage.factories import ArreteFactory, classer, profession

pytestmark = pytest.mark.django_db


def commune_url(code):
    return reverse("api:zonage-commune", args=[code])


def test_commune_contract(client, two_versions, zonage_territory):
    _, v2 = two_versions
    infirmier = ArreteFactory(profession=profession("infirmier"), publie=True, reference="ARS-INF-1")
    classer(infirmier, zonage_territory["chinon"], "TSD")
    response = client.get(commune_url("37072"))
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "commune": {"code_insee": "37072", "nom": "Chinon", "population": 30_000, "departement": "37"},
        "zonages": [
            {
                "profession": "medecin-generaliste",
                "zone": "ZIP",
                "zone_libelle": "Zone d'intervention prioritaire",
                "arrete": {"reference": v2.reference, "date_effet": v2.date_effet.isoformat()},
                "aides": body["zonages"][0]["aides"],
            },
            {
                "profession": "infirmier",
                "zone": "TSD",
                "zone_libelle": "Très sous-dotée",
                "arrete": {"reference": "ARS-INF-1", "date_effet": infirmier.date_effet.isoformat()},
                "aides": [
                    {
                        "code": "CAI-PARAMED",
                        "libelle": body["zonages"][1]["aides"][0]["libelle"],
                        "a_confirmer": True,
                        "montants": [],
                    }
                ],
            },
        ],
        "aides_commune": body["aides_commune"],
    }
    codes = [aide["code"] for aide in body["zonages"][0]["aides"]]
    assert {"CAIM", "COSCOM", "CESP", "L1511-8", "INSTALLATION-2023", "EXO-PDSA-IR"} <= set(codes)
    assert "EXO-CFE" not in codes  # not a zonage aid: it depends on the commune
    assert all(set(aide) == {"code", "libelle", "a_confirmer", "montants"} for aide in body["zonages"][0]["aides"])


def test_aid_amounts_come_from_the_register_with_source_and_a_confirmer(client, two_versions):
    body = client.get(commune_url("37072")).json()
    aides = {aide["code"]: aide for aide in body["zonages"][0]["aides"]}
    caim = {row["code"]: row for row in aides["CAIM"]["montants"]}
    assert caim["montant_max"]["valeur"] == "50000.0000"
    assert caim["montant_max"]["valeur_affichee"] == "≤\u00a050\u202f000\u00a0€"
    assert caim["montant_max"]["a_confirmer"] is False
    assert caim["montant_max"]["source"]["auteur"] == "URPS médecins libéraux Nouvelle-Aquitaine"
    [installation] = [row for row in aides["INSTALLATION-2023"]["montants"] if row["code"] == "ZIP"]
    assert (installation["valeur"], installation["a_confirmer"]) == ("10000.0000", True)
    [taux] = aides["CSTM"]["montants"][:1]
    assert (taux["code"], taux["valeur"], taux["a_confirmer"]) == ("taux", "25.0000", True)
    assert taux["source"]["precision"].startswith("Priorité n°1, mesure 3")
    [cfe] = body["aides_commune"]
    assert cfe["code"] == "EXO-CFE"
    assert cfe["eligible"] is None  # Chinon (30 000 inh.) and no ZRR/FRR list imported
    assert "non importé" in cfe["motif"]


def test_commune_query_count_does_not_grow_with_aids_or_arretes(client, two_versions, zonage_territory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(commune_url("37072")).status_code == 200
    infirmier = ArreteFactory(profession=profession("infirmier"), publie=True, reference="ARS-INF-2")
    classer(infirmier, zonage_territory["chinon"], "TSD")
    with CaptureQueriesContext(connection) as many:
        assert client.get(commune_url("37072")).status_code == 200
    assert len(many) == len(few) <= 12


def test_commune_answer_is_cached_until_the_zonage_data_changes(client, two_versions, zonage_territory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = client.get(commune_url("37072"))
    with CaptureQueriesContext(connection) as again:
        second = client.get(commune_url("37072"))
    assert second.content == first.content
    assert len(again) == 0  # served from the cache
    assert second["ETag"] == first["ETag"]
    assert "public" in second["Cache-Control"]
    infirmier = ArreteFactory(profession=profession("infirmier"), publie=True, reference="ARS-INF-3")
    classer(infirmier, zonage_territory["chinon"], "TSD")  # a save: the next call reads the new arrêté
    changed = client.get(commune_url("37072"))
    assert "ARS-INF-3" in [row["arrete"]["reference"] for row in changed.json()["zonages"]]
    assert changed["ETag"] != first["ETag"]


def test_commune_answer_is_not_modified_for_its_etag(client, two_versions):
    etag = client.get(commune_url("37072"))["ETag"]
    response = client.get(commune_url("37072"), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert client.get(commune_url("37072"), HTTP_IF_NONE_MATCH='"autre"').status_code == 200


def test_commune_unknown_stays_a_404_when_cached(client, territory):
    client.get(commune_url("99999"))
    response = client.get(commune_url("99999"))
    assert response.status_code == 404
    assert response.json() == {"detail": "Commune inconnue : 99999."}


def test_commune_unknown_is_json_404(client, territory):
    response = client.get(commune_url("99999"))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Commune inconnue : 99999."}


def test_commune_without_zonage(client, territory):
    assert client.get(commune_url("37132")).json()["zonages"] == []


def test_arretes_list_hides_projects_from_public(client, two_versions):
    ArreteFactory(reference="PROJET-X")
    body = client.get(reverse("api:zonage-arrete-list")).json()
    references = [item["reference"] for item in body["results"]]
    assert "PROJET-X" not in references
    assert set(references) == {"ARS-CVL-2018-001", "ARS-CVL-2026-002"}
    assert {"id", "profession", "statut", "date_effet", "date_fin"} <= set(body["results"][0])


def test_arretes_list_for_ars_agent_includes_projects(client, two_versions, dd_agent):
    ArreteFactory(reference="PROJET-X")
    client.force_login(dd_agent)
    references = [item["reference"] for item in client.get(reverse("api:zonage-arrete-list")).json()["results"]]
    assert "PROJET-X" in references


def test_classement_paginated_and_csv(client, two_versions):
    _, v2 = two_versions
    url = reverse("api:zonage-classement", args=[v2.public_id])
    body = client.get(url).json()
    assert body["count"] == 2
    assert body["results"][0] == {
        "type": "tvs",
        "code": "37A01",
        "nom": "TVS de Loches",
        "zone": "ZIP",
        "zone_libelle": "Zone d'intervention prioritaire",
        "apl": "2.10",
    }
    response = client.get(url, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "type;code;nom;zone;zone_libelle;apl"
    assert len(lines) == 3


def test_classement_of_project_is_404_for_public(client, zonage_territory):
    projet = ArreteFactory()
    response = client.get(reverse("api:zonage-classement", args=[projet.public_id]))
    assert response.status_code == 404
    assert "detail" in response.json()


def test_schema_lists_zonage_endpoints(client, territory):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/zonage/communes/{code_insee}/" in schema
    assert "/api/v1/zonage/arretes/{public_id}/classement/" in schema


def test_public_endpoints_are_open_and_throttled(persona, two_versions):
    from rest_framework.throttling import AnonRateThrottle

    from zonage.api.views import ArreteListView, ClassementListView, CommuneZonageView

    _, client = persona
    assert client.get(commune_url("37072")).status_code == 200
    assert client.get(reverse("api:zonage-arrete-list")).status_code == 200
    for view in (CommuneZonageView, ArreteListView, ClassementListView):
        assert AnonRateThrottle in view.throttle_classes


def test_public_endpoints_show_no_padlock_in_the_api_docs(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    public = [path for path in schema["paths"] if path.startswith("/api/v1/zonage/")]
    assert len(public) >= 3
    for path in public:
        operation = schema["paths"][path]["get"]
        assert "security" not in operation, f"{path} shows a padlock"
    # Endpoints that need a session keep it.
    assert {"cookieAuth": []} in schema["paths"]["/api/v1/territoires/communes/"]["get"]["security"]
