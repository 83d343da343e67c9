"""The accusé de dépôt carries the bloc-marque, the regional ARS name and, on demo data, the demo mark."""

import io

import pytest
from pypdf import PdfReader

from config.pdf import DEMO_MARK
from instruction.enums import CategoriePiece
from instruction.services import dossier_submit

pytestmark = pytest.mark.django_db


def receipt_pages(dossier) -> list[str]:
    receipt = dossier.pieces.get(categorie=CategoriePiece.ACCUSE)
    with receipt.file.open("rb") as handle:
        return [page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages]


def test_receipt_names_the_regional_ars_from_the_organisation_data(filed, territory):
    first = receipt_pages(filed)[0]
    # The dossier is instructed in Indre-et-Loire, whose région is named in the référentiel.
    assert "Agence régionale de santé Centre-Val de Loire" in " ".join(first.split())
    assert "RÉPUBLIQUE" in first.upper()
    assert DEMO_MARK not in first


def test_receipt_built_on_demo_data_is_marked_on_every_page(draft, porteur_manager, settings):
    settings.IS_DEMO = True
    dossier_submit(dossier=draft, by=porteur_manager)
    draft.refresh_from_db()
    pages = receipt_pages(draft)
    assert pages
    assert all(DEMO_MARK in page for page in pages)
