"""A porteur's filed CPTS lettre → the partner (Assurance maladie) gives its avis → the délégation sees it
and validates the lettre. axe-core on every page of the journey."""

import re

import pytest
from playwright.sync_api import expect

from instruction.enums import Etat
from instruction.models import Avis
from tests.browser.conftest import assert_accessible
from tests.browser.test_cpts_journey import _login
from tests.cpts.conftest import ensure_reference_data
from tests.cpts.factories import complete_lettre

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_avis_then_delegation_validates(page, tmp_path, settings, cpts_porteur, partner_agent, dd_agent):
    ensure_reference_data()
    settings.MEDIA_ROOT = tmp_path / "media"
    organisation = cpts_porteur.memberships.get().organisation
    lettre = complete_lettre(organisation=organisation, user=cpts_porteur, nom="CPTS du Lochois")
    reference = lettre.dossier.reference

    # 1. The partner finds the lettre from its home page and gives its avis.
    _login(page, "cpam@test.fr")
    expect(page.get_by_role("heading", name="Avis à rendre")).to_be_visible()
    assert_accessible(page, context="on the partner home page")
    page.get_by_role("link", name="Dossiers en co-instruction").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossiers en co-instruction")
    assert_accessible(page, context="on the co-instruction list")
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", name="Co-instruction et avis des partenaires")).to_be_visible()
    expect(page.get_by_role("button", name="Enregistrer la décision")).to_have_count(0)
    assert_accessible(page, context="on the lettre seen by the partner")
    page.get_by_label("Favorable avec réserves", exact=True).check(force=True)
    page.get_by_role("button", name="Enregistrer l'avis").click()
    # The error summary at the top links to the field; the error also stands under the field.
    expect(page.locator("#resume-erreurs")).to_contain_text("La motivation est obligatoire")
    expect(page.locator("#id_avis_motivation-desc-error")).to_contain_text("La motivation est obligatoire")
    assert_accessible(page, context="on the avis form with an error")
    page.get_by_label("Favorable avec réserves", exact=True).check(force=True)
    page.get_by_label("Motivation").fill("Préciser l'articulation avec le service d'accès aux soins.")
    page.get_by_role("button", name="Enregistrer l'avis").click()
    expect(page.get_by_text("est enregistré")).to_be_visible()
    page.get_by_label(re.compile("Annotation interne")).fill("Vu avec le service médical.")
    page.get_by_role("button", name="Ajouter l'annotation").click()
    expect(page.get_by_text("Vu avec le service médical.")).to_be_visible()
    assert Avis.objects.get().sens == "reserves"

    # 2. The délégation sees the avis and validates the lettre.
    _login(page, "dd37@test.ars.fr")
    page.goto("/cpts/instruction/")
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_text("Avis favorable avec réserves")).to_be_visible()
    expect(page.get_by_text("Vu avec le service médical.")).to_be_visible()
    assert_accessible(page, context="on the lettre with the partner's avis")
    page.get_by_label("Décision").select_option(label="Mettre en instruction")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Le dossier est désormais « En instruction »")).to_be_visible()
    page.get_by_label("Décision").select_option(label="Accepter")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Le dossier est désormais « Acceptée »")).to_be_visible()
    lettre.dossier.refresh_from_db()
    assert lettre.dossier.etat == Etat.ACCEPTEE
