"""The portrait PDF: requested from the page, produced once by the worker (eager here), read back with pypdf;
an ARS portrait is downloaded by competent ARS agents only, a public one by whoever holds its link."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from portraits.models import PortraitPdf

pytestmark = pytest.mark.django_db
REQUEST = reverse("portraits:pdf_request") + "?epci=200071587"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def produce(client, django_capture_on_commit_callbacks) -> PortraitPdf:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST)
    assert response.status_code == 302
    job = PortraitPdf.objects.get()
    assert response["Location"] == reverse("portraits:pdf", args=[job.public_id])
    return job


def text_of(client, job) -> str:
    response = client.get(reverse("portraits:pdf_download", args=[job.public_id]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert len(reader.pages) >= 2
    return " ".join(page.extract_text() for page in reader.pages)


def test_public_pdf(client, portrait_data, media, django_capture_on_commit_callbacks):
    job = produce(client, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert (job.statut, job.audience) == ("pret", "public")
    text = text_of(client, job)
    assert "Portrait de territoire" in text
    assert "CC Loches Sud Touraine" in text
    assert "Sources" in text
    assert "Financements reçus" not in text
    # Asked again the same day: the same file, no second production.
    client.post(REQUEST)
    assert PortraitPdf.objects.count() == 1


def test_ars_pdf_is_not_public(client, siege_agent, portrait_data, media, django_capture_on_commit_callbacks):
    client.force_login(siege_agent)
    job = produce(client, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.audience == "ars"
    assert "Financements reçus" in text_of(client, job)
    client.logout()
    assert client.get(reverse("portraits:pdf", args=[job.public_id])).status_code == 404
    assert client.get(reverse("portraits:pdf_download", args=[job.public_id])).status_code == 404


def test_the_pdf_names_the_agency_of_the_regions_identity(
    client, portrait_data, media, django_capture_on_commit_callbacks
):
    from comptes.models import IdentiteRegionale

    IdentiteRegionale.objects.create(region=portrait_data["dep37"].region, nom="Agence sanitaire du Centre (essai)")
    job = produce(client, django_capture_on_commit_callbacks)
    text = " ".join(text_of(client, job).split())
    assert "Agence sanitaire du Centre (essai)" in text
    assert "Agence régionale de santé Centre-Val de Loire" not in text  # no longer named after the région
