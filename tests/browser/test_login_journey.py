import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.comptes.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_collectivite_logs_in_sees_its_home_and_logs_out(page, porteur_manager):
    page.goto("/")
    assert_accessible(page, context="on the public home page")

    page.get_by_role("link", name="Se connecter").first.click()
    expect(page).to_have_title(re.compile("Connexion"))
    assert_accessible(page, context="on the login page")

    page.get_by_label("Adresse e-mail", exact=True).fill("collectivite@test.fr")
    page.get_by_label("Mot de passe").fill("mauvais mot de passe")
    page.get_by_role("button", name="Se connecter").click()
    # The error stands in the summary at the top (which takes the focus) and in the form.
    expect(page.locator("#resume-erreurs")).to_be_focused()
    expect(page.locator("#resume-erreurs")).to_contain_text("Adresse e-mail ou mot de passe incorrect.")
    expect(page.locator("#content form").get_by_text("Adresse e-mail ou mot de passe incorrect.")).to_be_visible()
    expect(page.get_by_label("Adresse e-mail", exact=True)).to_have_value("collectivite@test.fr")

    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")
    expect(page.get_by_text("Espace collectivité")).to_be_visible()
    expect(page.get_by_role("heading", name="Mes lettres d'intention")).to_be_visible()
    assert_accessible(page, context="on the collectivité home page")

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_text("Vous êtes déconnecté·e.")).to_be_visible()
    expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()


def test_commune_search_updates_results_as_you_type(page, dd_agent, client, live_server):
    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse e-mail", exact=True).fill("dd37@test.ars.fr")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto("/territoires/communes/")
    page.get_by_label("Nom, code INSEE ou code postal").fill("orleans")
    expect(page.locator("#resultats tbody tr")).to_have_count(1)
    expect(page.locator("#resultats")).to_contain_text("Orléans")
    assert_accessible(page, context="on the commune search")
