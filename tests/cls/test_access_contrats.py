"""Contract-side views × persona, and constant query counts on the contract and fiche lists."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cls.enums import Etape
from cls.models import ContratDocument, ContratLocalSante, FicheAction, LigneBudget
from tests.instruction.factories import pdf_bytes

pytestmark = pytest.mark.django_db


def make_contrat(organisation, departement, n=0, signed=True):
    contrat = ContratLocalSante.objects.create(
        nom=f"CLS {organisation.nom} {n}",
        porteur=organisation,
        departement=departement,
        etape=Etape.MISE_EN_OEUVRE if signed else Etape.CADRAGE,
        date_signature=datetime.date(2025, 1, 1) if signed else None,
        duree_annees=5 if signed else None,
        date_fin=datetime.date(2029, 12, 31) if signed else None,
    )
    fiche = FicheAction.objects.create(contrat=contrat, numero="1", intitule=f"Action {n}")
    LigneBudget.objects.create(fiche=fiche, financeur="ARS", montant=100)
    return contrat


@pytest.fixture
def contrat(collectivite, territory):
    return make_contrat(collectivite, territory["dep37"], signed=False)


@pytest.fixture
def signed(collectivite, territory):
    return make_contrat(collectivite, territory["dep37"], n=1)


READ = {"siege_agent": 200, "dd_agent": 200, "porteur_manager": 200, "porteur_reader": 200}


def test_contrat_pages(persona, contrat, signed):
    name, client = persona
    assert client.get(reverse("cls:contrat_detail", args=[contrat.public_id])).status_code == READ.get(name, 404)
    # the comité reads signed contracts only
    expected = 200 if name in (*READ, "expert") else 404
    assert client.get(reverse("cls:contrat_detail", args=[signed.public_id])).status_code == expected
    lists = 200 if name in (*READ, "expert", "other_porteur") else 403
    assert client.get(reverse("cls:contrat_list")).status_code == lists
    assert client.get(reverse("cls:fiche_list")).status_code == lists


def test_fiche_edit_pages(persona, contrat):
    name, client = persona
    fiche = contrat.fiches.get()
    expected = {"siege_agent": 200, "dd_agent": 200, "porteur_manager": 200, "porteur_reader": 403}.get(name, 404)
    assert client.get(reverse("cls:fiche_create", args=[contrat.public_id])).status_code == expected
    assert client.get(reverse("cls:fiche_edit", args=[contrat.public_id, fiche.public_id])).status_code == expected


def test_contrat_document_download(persona, contrat, porteur_manager):
    from django.core.files.base import ContentFile

    document = ContratDocument(
        contrat=contrat,
        etape=contrat.etape,
        type="note_cadrage",
        original_name="note.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=porteur_manager,
    )
    document.file.save("x", ContentFile(pdf_bytes()), save=True)
    name, client = persona
    response = client.get(reverse("cls:contrat_document", args=[document.public_id]))
    status = response.status_code
    response.close()
    assert status == READ.get(name, 404)


def test_territoire_endpoints(persona, territory):
    name, client = persona
    expected = 200 if name in ("porteur_manager", "other_porteur") else 403
    assert client.get(reverse("cls:territoire_recherche"), {"q": "lo"}).status_code == expected
    assert client.get(reverse("cls:territoire_apercu")).status_code == expected


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["cls:contrat_list", "cls:fiche_list"])
def test_contract_lists_query_count_constant(client, dd_agent, collectivite, territory, url_name):
    client.force_login(dd_agent)
    for n in range(2):
        make_contrat(collectivite, territory["dep37"], n)
    few = _count(client, reverse(url_name))
    for n in range(2, 20):
        make_contrat(collectivite, territory["dep37"], n)
    assert _count(client, reverse(url_name)) == few
