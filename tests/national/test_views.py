"""The national view: who may open it, what it computes (same definitions as each app's own figure), the
exports and the PDF synthesis, and that the ministry writes nothing."""

import io
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cls.services.coverage import cls_coverage, cls_coverage_by_region
from cpts.services.suivi import cpts_coverage, cpts_coverage_by_region, msp_en_fonctionnement_by_region
from national import services
from national.models import SyntheseNationale
from tests.conftest import PERSONAS
from tests.cpts.factories import make_msp, signed_cpts
from tests.financements.factories import make_beneficiaire, make_engagement, make_enveloppe

pytestmark = pytest.mark.django_db

PAGES = [
    ("national:index", {}),
    ("national:zonage", {}),
    ("national:carte", {}),
    ("national:carte_geojson", {}),
    ("national:export", {"tableau": "comparaison", "fmt": "csv"}),
    ("national:export", {"tableau": "zonage", "fmt": "xlsx"}),
]


@pytest.fixture
def world(bretagne, siege_agent, cpts_porteur, territory):
    """A signed CPTS in Indre-et-Loire (Loches), an MSP in operation in Bretagne (Rennes), an FIR commitment in
    Centre-Val de Loire."""
    organisation = cpts_porteur.memberships.get().organisation
    signed_cpts(porteur=organisation, departement=territory["dep37"], by=siege_agent, communes=[territory["loches"]])
    make_msp(departement=bretagne["dep35"], commune=bretagne["rennes"], statut="en_fonctionnement")
    enveloppe = make_enveloppe(by=siege_agent, montant="100000", departements=[territory["dep37"]])
    make_engagement(enveloppe, make_beneficiaire(territory["dep37"]), by=siege_agent, montant="25000")
    return bretagne


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_only_the_ministry_opens_the_national_pages(client, request, name, kwargs, national_agent):
    url = reverse(name, kwargs=kwargs)
    assert client.get(url).status_code == 302  # anonymous: the login page
    client.force_login(national_agent)
    assert client.get(url).status_code == 200
    for persona in PERSONAS:
        client.force_login(request.getfixturevalue(persona))
        assert client.get(url).status_code == 403, persona


def test_only_the_ministry_requests_and_reads_the_synthesis(client, request, national_agent):
    job = SyntheseNationale.objects.create(jour=timezone.localdate())
    urls = [
        reverse("national:synthese", args=[job.public_id]),
        reverse("national:synthese_download", args=[job.public_id]),
    ]
    for persona in PERSONAS:
        client.force_login(request.getfixturevalue(persona))
        assert client.post(reverse("national:synthese_request")).status_code == 403, persona
        assert [client.get(url).status_code for url in urls] == [403, 403], persona
    client.force_login(national_agent)
    assert client.get(urls[0]).status_code == 200
    assert client.get(urls[1]).status_code == 404  # not produced yet
    assert client.get(reverse("national:synthese", args=[uuid.uuid4()])).status_code == 404
    assert client.get(reverse("national:export", kwargs={"tableau": "comparaison", "fmt": "pdf"})).status_code == 404


def test_by_region_figures_have_the_definitions_of_each_apps_own_figure(world):
    on = timezone.localdate()
    cls = cls_coverage_by_region(on=on)
    cpts = cpts_coverage_by_region(on=on)
    for region in services.regions_figurees():
        assert cls[region.code] == cls_coverage(region=region, on=on)
        assert cpts[region.code] == pytest.approx(cpts_coverage(region=region, on=on))
    assert cpts["24"][0] == 6_300  # Loches
    assert cpts["53"] == (0, 0.0)
    assert msp_en_fonctionnement_by_region(on=on) == {"53": 1}


def test_the_comparison_page_shows_every_region_with_the_same_columns(client, national_agent, world):
    client.force_login(national_agent)
    html = client.get(reverse("national:index")).content.decode()
    assert "Centre-Val de Loire (24)" in html
    assert "Bretagne (53)" in html
    lignes = {ligne.code: ligne for ligne in services.comparaison(on=timezone.localdate())}
    assert lignes["53"].msp == 1
    assert lignes["24"].msp == 0
    assert lignes["24"].missions["cpts"] == 1
    assert lignes["24"].missions["missions"] > 0
    assert lignes["53"].missions == {}
    assert lignes["24"].fir == {"ouvert": Decimal("100000"), "engage": Decimal("25000")}
    assert lignes["24"].fir_part == 0.25
    assert lignes["53"].fir == {}


MEASURED = PAGES


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_national_pages_run_a_constant_number_of_queries_within_the_budget(client, national_agent, world):
    """One query per figure over all régions: ten times more programmes cost no more queries (budget 15)."""
    client.force_login(national_agent)
    urls = [reverse(name, kwargs=kwargs) for name, kwargs in MEASURED]
    client.get(urls[0])  # the session's first read
    before = {url: _count(client, url) for url in urls}
    for index in range(10):
        make_msp(departement=world["dep29"], commune=world["brest"], nom=f"MSP {index}", statut="en_fonctionnement")
    after = {url: _count(client, url) for url in urls}
    print("national query counts:", before)  # noqa: T201 — read by the report
    assert after == before
    assert max(after.values()) <= 15, after


def test_exports_carry_the_rows_of_the_page(client, national_agent, world):
    from openpyxl import load_workbook

    client.force_login(national_agent)
    response = client.get(reverse("national:export", kwargs={"tableau": "comparaison", "fmt": "csv"}))
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Code région;Région;Population")
    assert any(line.startswith("53;Bretagne;365000;") for line in lines)
    assert 'filename="national-comparaison-' in response["Content-Disposition"]
    response = client.get(reverse("national:export", kwargs={"tableau": "comparaison", "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Code région", "Région")
    assert {row[1] for row in rows[1:]} == {"Centre-Val de Loire", "Bretagne"}


def test_the_map_colours_each_region_with_a_contour(client, national_agent, world):
    from territoires.models import Contour

    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    Contour.objects.create(level="region", code="53", geometry=square, source="test")
    client.force_login(national_agent)
    data = client.get(reverse("national:carte_geojson") + "?indicateur=msp").json()
    (feature,) = data["features"]
    assert feature["properties"]["nom"] == "Bretagne"
    assert feature["properties"]["valeur"] == 1
    assert feature["properties"]["couleur"] == "#000091"  # the highest class
    assert client.get(reverse("national:carte_geojson") + "?indicateur=autre").status_code == 404


def test_the_synthesis_pdf_is_produced_by_the_worker_and_reads_back(
    client, national_agent, world, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    client.force_login(national_agent)
    with django_capture_on_commit_callbacks(execute=True):  # the task is queued once the request commits
        response = client.post(reverse("national:synthese_request"))
    job = SyntheseNationale.objects.get()
    assert response["Location"] == reverse("national:synthese", args=[job.public_id])
    job.refresh_from_db()
    assert job.statut == "pret", job.erreur
    assert client.post(reverse("national:synthese_request"))["Location"] == response["Location"]  # once a day
    assert "Télécharger la synthèse" in client.get(response["Location"]).content.decode()
    download = client.get(reverse("national:synthese_download", args=[job.public_id]))
    pages = PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)  # table cells wrap their lines
    assert "Synthèse nationale" in text
    assert "Bretagne" in text
    assert "Centre-Val de Loire" in text
    assert "Direction générale de l'offre de soins" in text or "Direction générale de l’offre de soins" in text


WRITES = ["cpts:create", "financements:enveloppe_create", "zonage:arrete_create"]


def test_the_ministry_has_no_write_access(client, national_agent, world):
    """A sample here; the access matrix (tests/security) walks every URL with the national persona."""
    from referentiel.models import Parametre

    client.force_login(national_agent)
    for name in WRITES:
        assert client.post(reverse(name), {}).status_code in (403, 404), name
    parametre = Parametre.objects.filter(region_code="53").first() or Parametre.objects.first()
    assert client.post(reverse("referentiel:adopt", args=[parametre.pk]), {}).status_code in (403, 404)
    assert client.get("/admin/").status_code == 302  # not staff
