"""Typing French decimals in a browser: « 0,5 » is stored as 0.5 and shown as « 0,5 », never 5
(issue 15 §2 and §8). The browser is French (locale fr-FR) and types key by key, as a user does."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from cls.models import FinancementIngenierie, LettreIntention, Thematique
from cls.reference import seed
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import keep_screenshot, login
from tests.cls.test_access_contrats import make_contrat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def reference_data(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    seed(Thematique)


def save_project_step(page):
    page.get_by_role("button", name="Enregistrer le brouillon").first.click()


def test_collectivite_types_half_an_etp_in_its_letter(page, porteur_manager):
    login(page, "collectivite@test.fr")
    page.get_by_role("link", name="Voir ou rédiger une lettre d'intention").click()
    page.get_by_role("button", name="Rédiger une lettre d'intention").click()
    page.locator("label", has_text="Demande d'appui à l'ingénierie").click()  # DSFR styles the label
    etp = page.get_by_label("ETP d'ingénierie souhaités")
    expect(etp).to_have_attribute("type", "text")
    expect(etp).to_have_attribute("inputmode", "decimal")

    # An ambiguous number is refused with a French message, and what was typed stays.
    etp.press_sequentially("1.234,5")
    save_project_step(page)
    expect(page.locator(".fr-error-text", has_text="nombre ambigu")).to_be_visible()  # and in the summary
    expect(page.get_by_label("ETP d'ingénierie souhaités")).to_have_value("1.234,5")
    assert_accessible(page, context="on the letter with a refused number")
    keep_screenshot(page, "saisie-nombre-ambigu")

    # « 0,5 » is half an ETP: stored 0.5, shown « 0,5 ».
    etp = page.get_by_label("ETP d'ingénierie souhaités")
    etp.fill("")
    etp.press_sequentially("0,5")
    save_project_step(page)
    expect(page.get_by_text("nombre ambigu")).to_have_count(0)
    expect(page.get_by_label("ETP d'ingénierie souhaités")).to_have_value("0,5")
    assert LettreIntention.objects.get().etp_souhaites == Decimal("0.5")
    page.reload()
    expect(page.get_by_label("ETP d'ingénierie souhaités")).to_have_value("0,5")
    assert_accessible(page, context="on the letter after saving 0,5 ETP")
    keep_screenshot(page, "saisie-etp-0-5")


def test_delegation_records_a_funding_with_french_amounts(page, dd_agent, collectivite, territory):
    contrat = make_contrat(collectivite, territory["dep37"])
    login(page, "dd37@test.ars.fr")
    page.goto(f"/cls/contrats/{contrat.public_id}/")
    form = page.locator("form", has=page.get_by_role("button", name="Enregistrer le financement"))
    form.get_by_label("Année").press_sequentially("2026")
    form.get_by_label("ETP financés").press_sequentially("0,5")
    form.get_by_label("Montant ARS (€)").press_sequentially("12 500 €")
    form.get_by_label("Co-financement de la collectivité (€)").press_sequentially("1\u202f234,50")
    form.get_by_role("button", name="Enregistrer le financement").click()
    table = page.get_by_role("table", name="Financement de l'ingénierie par année")
    expect(table).to_contain_text("0,5")
    expect(table).to_contain_text("12\u202f500\u00a0€")
    financement = FinancementIngenierie.objects.get()
    assert (financement.etp, financement.montant, financement.cofinancement) == (
        Decimal("0.5"),
        Decimal("12500"),
        Decimal("1234.5"),
    )
    assert_accessible(page, context="on the contract with its funding")
    keep_screenshot(page, "saisie-financement-cls")
