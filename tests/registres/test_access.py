"""Every register view × persona: anonymous → login (HTML) or 403 (API); outside the ARS and the comité → 404 (the
registers stay hidden); the comité reads the registers open to it, never the movements of doctors; read-only → 403;
a délégation never sees another département's entry (404). Lists keep a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.uploads import check_upload
from registres.declarations import get_registre
from registres.services.entrees import document_add
from tests.instruction.factories import pdf_upload
from tests.registres.factories import contrat, mouvement, save

pytestmark = pytest.mark.django_db

ARS = {"siege_agent", "dd_agent"}


@pytest.fixture
def site(dd_agent, territory):
    return save(
        "sites-telemedecine",
        by=dd_agent,
        commune=territory["loches"],
        nom="EHPAD des Tilleuls",
        type_site="ehpad",
        activite="teleconsultation",
    )


@pytest.fixture
def move(dd_agent, territory, tvs):
    return mouvement(by=dd_agent, commune=territory["loches"], date=datetime.date(2026, 1, 5), nom="Médecin fictif")


@pytest.fixture
def document(dd_agent, site):
    fichier = pdf_upload("convention.pdf")
    fichier.upload_info = check_upload(fichier)
    return document_add(entree=site, titre="Convention", fichier=fichier, by=dd_agent)


def _read_urls(entry, code):
    return [
        reverse("registres:list", args=[code]),
        reverse("registres:export", args=[code, "csv"]),
        reverse("registres:carte", args=[code]),
        reverse("registres:carte_donnees", args=[code]),
        reverse("registres:detail", args=[code, entry.public_id]),
    ]


def _write_urls(entry, code):
    return [
        reverse("registres:create", args=[code]),
        reverse("registres:import", args=[code]),
        reverse("registres:modele", args=[code]),
        reverse("registres:edit", args=[code, entry.public_id]),
    ]


def test_anonymous(client, site, move, document):
    html = [
        reverse("registres:index"),
        reverse("registres:communes"),
        reverse("registres:bilan_mouvements"),
        reverse("registres:document_download", args=[document.public_id]),
        *_read_urls(site, "sites-telemedecine"),
        *_write_urls(site, "sites-telemedecine"),
        *_read_urls(move, "mouvements-medecins"),
    ]
    for url in html:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/comptes/connexion/" in response.url
    for url in (
        reverse("registres:delete", args=["sites-telemedecine", site.public_id]),
        reverse("registres:document_add", args=["sites-telemedecine", site.public_id]),
        reverse("registres:document_delete", args=[document.public_id]),
    ):
        assert client.post(url).status_code == 302, url
    for url in (
        "/api/v1/registres/",
        "/api/v1/registres/sites-telemedecine/",
        f"/api/v1/registres/sites-telemedecine/{site.public_id}/",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert response["Content-Type"].startswith("application/json")
    # The privacy page is public.
    assert client.get(reverse("donnees_personnelles")).status_code == 200


def test_register_open_to_the_comite_per_persona(persona, site, document):
    """Sites de télémédecine: the ARS reads and writes, the comité reads, everyone else sees nothing."""
    name, client = persona
    read = 200 if name in ARS | {"expert"} else 404
    write = 200 if name in ARS else (403 if name == "expert" else 404)
    for url in _read_urls(site, "sites-telemedecine"):
        assert client.get(url).status_code == read, url
    for url in _write_urls(site, "sites-telemedecine"):
        assert client.get(url).status_code == write, url
    for url in (reverse("registres:index"), reverse("registres:communes"), reverse("registres:bilan_mouvements")):
        assert client.get(url).status_code == read, url
    download = client.get(reverse("registres:document_download", args=[document.public_id]))
    assert download.status_code == read
    if read == 200:  # reading the stream to its end closes the file (the test client's wrapper)
        assert b"".join(download.streaming_content).startswith(b"%PDF")
    api = client.get("/api/v1/registres/sites-telemedecine/")
    assert api.status_code == read
    assert client.get(f"/api/v1/registres/sites-telemedecine/{site.public_id}/").status_code == read
    assert client.get("/api/v1/registres/").status_code == read


def test_writes_per_persona(persona, site, document):
    name, client = persona
    expected = 302 if name in ARS else (403 if name == "expert" else 404)
    assert client.post(reverse("registres:document_delete", args=[document.public_id])).status_code == expected
    add = reverse("registres:document_add", args=["sites-telemedecine", site.public_id])
    assert client.post(add, {"titre": "Annexe"}).status_code == expected
    assert client.post(reverse("registres:delete", args=["sites-telemedecine", site.public_id])).status_code == expected
    deleted = not type(site).objects.filter(pk=site.pk).exists()
    assert deleted == (name in ARS)


def test_movements_register_is_reserved_to_the_ars(persona, move):
    """The register of doctor movements describes persons: the comité sees only the balance, without any name."""
    name, client = persona
    expected = 200 if name in ARS else 404
    for url in _read_urls(move, "mouvements-medecins"):
        assert client.get(url).status_code == expected, url
    assert client.get("/api/v1/registres/mouvements-medecins/").status_code == expected
    codes = [row["code"] for row in client.get("/api/v1/registres/").json()] if name in ARS | {"expert"} else []
    assert ("mouvements-medecins" in codes) == (name in ARS)
    bilan = client.get(reverse("registres:bilan_mouvements"))
    assert bilan.status_code == (200 if name in ARS | {"expert"} else 404)
    if bilan.status_code == 200:
        assert "Médecin fictif" not in bilan.content.decode()


def test_another_delegation_gets_404_and_the_reader_403(client, dd45_agent, dd_reader, site, move, document):
    client.force_login(dd45_agent)
    for entry, code in ((site, "sites-telemedecine"), (move, "mouvements-medecins")):
        assert client.get(reverse("registres:detail", args=[code, entry.public_id])).status_code == 404
        assert client.get(reverse("registres:edit", args=[code, entry.public_id])).status_code == 404
        assert client.post(reverse("registres:delete", args=[code, entry.public_id])).status_code == 404
        assert client.get(f"/api/v1/registres/{code}/{entry.public_id}/").status_code == 404
        assert client.get(f"/api/v1/registres/{code}/").json()["count"] == 0
    assert client.get(reverse("registres:document_download", args=[document.public_id])).status_code == 404
    assert (
        "EHPAD des Tilleuls" not in client.get(reverse("registres:list", args=["sites-telemedecine"])).content.decode()
    )
    client.force_login(dd_reader)
    assert client.get(reverse("registres:detail", args=["sites-telemedecine", site.public_id])).status_code == 200
    assert client.get(reverse("registres:edit", args=["sites-telemedecine", site.public_id])).status_code == 403
    assert client.get(reverse("registres:create", args=["sites-telemedecine"])).status_code == 403
    assert client.get(reverse("registres:import", args=["sites-telemedecine"])).status_code == 403


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


LIST_URLS = [
    "/registres/",
    "/registres/{code}/",
    "/registres/{code}/export.csv",
    "/registres/{code}/carte.geojson",
    "/api/v1/registres/{code}/",
    "/registres/mouvements-medecins/bilan/",
]


@pytest.mark.parametrize("code", ["mouvements-medecins", "contrats-aide", "ght", "soins-non-programmes"])
def test_list_queries_do_not_grow_with_the_entries(client, siege_agent, dd_agent, territory, tvs, code):
    """One entry then five (with their related rows): the same number of queries on every list."""
    registre = get_registre(code)
    client.force_login(siege_agent)

    def add():
        if code == "mouvements-medecins":
            aide = contrat(by=dd_agent, commune=territory["loches"], aide="CAIM", signature=datetime.date(2026, 1, 2))
            mouvement(by=dd_agent, commune=territory["loches"], date=datetime.date(2026, 1, 5), m2m={"aides": [aide]})
        elif code == "contrats-aide":
            contrat(
                by=dd_agent,
                commune=territory["chinon"],
                aide="CESP",
                signature=datetime.date(2026, 1, 2),
                beneficiaire_nom="Interne fictif",
            )
        elif code == "ght":
            entry = save(
                code,
                by=dd_agent,
                departement=territory["dep37"],
                nom="GHT Touraine-Val de Loire",
                etablissement_support="CHRU de Tours",
            )
            entry.membres.create(nom="CH de Loches", commune=territory["loches"])
        else:
            save(
                code,
                by=dd_agent,
                departement=territory["dep37"],
                type="sas",
                nom="SAS 37",
                m2m={"communes": [territory["loches"], territory["chinon"]]},
            )

    add()
    urls = [url.format(code=registre.code) for url in LIST_URLS]
    first = {url: _queries(client, url) for url in urls}
    for _ in range(4):
        add()
    assert {url: _queries(client, url) for url in urls} == first
