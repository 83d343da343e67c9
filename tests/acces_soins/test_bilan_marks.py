"""Every page of a bilan built on demo data says so; the ARS that issues it is named on its cover."""

import pytest

from acces_soins.periods import Perimetre, Semestre
from acces_soins.services.bilans import bilan_produce, bilan_request
from config.pdf import DEMO_MARK
from tests.acces_soins.helpers import normalized, read_file
from tests.comptes.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clean_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def produce(perimetre="region:24"):
    bilan = bilan_request(perimetre=Perimetre.parse(perimetre), semestre=Semestre.parse("2026-S1"), enqueue=False)
    bilan_produce(bilan.pk)
    bilan.refresh_from_db()
    return bilan


def pages_of(bilan) -> list[str]:
    import io

    from pypdf import PdfReader

    return [normalized(page.extract_text()) for page in PdfReader(io.BytesIO(read_file(bilan))).pages]


def test_demo_bilan_is_marked_on_every_page_and_the_mark_is_frozen(territory, settings):
    settings.IS_DEMO = True
    bilan = produce()
    pages = pages_of(bilan)
    assert len(pages) >= 4
    for number, text in enumerate(pages, 1):
        assert DEMO_MARK in text, f"page {number} of {len(pages)} has no demo mark"
    assert bilan.snapshot["donnees_fictives"] is True


def test_bilan_outside_the_demo_has_no_mark_and_names_its_ars(territory, settings):
    settings.IS_DEMO = False
    OrganisationFactory(siege=True)
    pages = pages_of(produce("departement:45"))
    assert not any("fictives" in text for text in pages)
    assert "Agence régionale de santé Centre-Val de Loire" in pages[0]
