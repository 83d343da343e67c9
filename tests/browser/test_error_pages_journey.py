"""The 404, 403 and 500 pages in a browser: DSFR shell, a way back, a contact, no accessibility fault."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import keep_screenshot, login
from tests.cls.test_access_contrats import make_contrat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_404_offers_a_way_back(page, territory, settings):
    settings.CONTACT_EMAIL = "portail@ars.example.fr"
    response = page.goto("/cette-page/nexiste-pas/")
    assert response.status == 404
    expect(page).to_have_title("Page non trouvée — Santé Territoires")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page non trouvée")
    expect(page.get_by_role("link", name="Contactez-nous")).to_have_attribute("href", "mailto:portail@ars.example.fr")
    assert_accessible(page, context="on the 404 page")
    keep_screenshot(page, "erreur-404")
    page.get_by_role("link", name="Page d'accueil").click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_a_403_says_why_and_who_to_ask(page, porteur_reader, porteur_manager, collectivite, territory):
    contrat = make_contrat(collectivite, territory["dep37"])
    login(page, "lecture@test.fr")
    response = page.goto(f"/cls/contrats/{contrat.public_id}/fiches/nouvelle/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    expect(page.get_by_text("membre « saisie » ou « gestionnaire » de la collectivité porteuse")).to_be_visible()
    expect(page.get_by_text("rôle « lecture » pour CC Loches Sud Touraine")).to_be_visible()
    gestionnaire = page.get_by_role("link", name="collectivite@test.fr")
    expect(gestionnaire).to_have_attribute("href", "mailto:collectivite@test.fr")
    assert_accessible(page, context="on the 403 page")
    keep_screenshot(page, "erreur-403")


def test_a_500_is_a_calm_dsfr_page(page, territory, settings):
    settings.ROOT_URLCONF = "tests.config.urls_crash"
    response = page.goto("/essai-erreur-500/")
    assert response.status == 500
    expect(page).to_have_title("Erreur inattendue — Santé Territoires")
    expect(page.get_by_role("heading", level=1)).to_have_text("Erreur inattendue")
    expect(page.get_by_text("Erreur volontaire")).to_have_count(0)
    assert_accessible(page, context="on the 500 page")
    keep_screenshot(page, "erreur-500")
    page.get_by_role("link", name="Page d'accueil").click()
    expect(page).to_have_url(re.compile(r"/$"))
