"""A délégation agent records the semester progress of a roadmap action and commits funding to it; the regional
matrix and the funding totals show both."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.acces_soins.factories import ActionFactory, FeuilleFactory, JalonFactory, solution, territoire_sante
from tests.browser.conftest import assert_accessible
from tests.comptes.factories import PASSWORD
from tests.financements.factories import make_enveloppe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, email):
    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse e-mail", exact=True).fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")


def test_delegation_records_progress_and_matrix_shows_it(page, dd_agent, siege_agent, territory):
    make_enveloppe(by=siege_agent, libelle="Plans d'action des CTS 2026", programmes=["feuille_de_route"])
    feuille = FeuilleFactory(territoire=territoire_sante("37"))
    guichet = solution(1)
    action = ActionFactory(feuille=feuille, solution=guichet, libelle=guichet.libelle, theme=guichet.theme)
    JalonFactory(action=action, date_prevue=datetime.date(2025, 3, 1), date_realisee=datetime.date(2025, 3, 4))
    ActionFactory(
        feuille=feuille,
        libelle="Navette solidaire",
        date_debut=datetime.date(2023, 1, 1),
        date_fin=datetime.date(2024, 12, 31),
    )

    log_in(page, "dd37@test.ars.fr")
    navigation = page.get_by_role("navigation", name="Menu principal")
    navigation.get_by_role("button", name="Plan et bilans").click()
    navigation.get_by_role("link", name="Feuilles de route territoriales").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feuilles de route territoriales")
    assert_accessible(page, context="on the list of territories")

    page.get_by_role("link", name="Indre-et-Loire", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Indre-et-Loire")
    expect(page.locator("svg.gantt")).to_be_visible()
    expect(page.locator("#feuille-actions")).to_contain_text("En retard")
    assert_accessible(page, context="on the roadmap of a territory")

    # a solution of Hauts-de-France's catalogue, which the territory takes as inspiration
    page.get_by_role("link", name=re.compile("guichet unique")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("guichet unique")
    expect(page.locator("#action-description")).to_contain_text("autre région (ARS Hauts-de-France)")
    page.get_by_label("Avancement (%)").fill("100")
    page.get_by_label("Nouveau statut de l'action").select_option("realisee")
    page.get_by_label("Point d'avancement").fill("Guichet ouvert en septembre, 14 professionnels accompagnés.")
    page.get_by_role("button", name="Enregistrer la note").click()
    expect(page.locator(".fr-alert--success")).to_contain_text(re.compile(r"La note 20\d\d-S[12] est enregistrée"))
    expect(page.get_by_role("table", name=re.compile("Notes d'avancement"))).to_contain_text("14 professionnels")
    assert_accessible(page, context="on the action page after the note")

    page.get_by_role("link", name="Solutions déployées par territoire").first.click()
    cell = page.locator("#matrice td[data-territoire='37']").first
    expect(cell).to_contain_text("Réalisée")
    assert_accessible(page, context="on the regional matrix")

    # The same action is funded from the CTS envelope: the ledger's totals show it by programme.
    page.goto(reverse("acces_soins:action_detail", args=[action.public_id]))
    expect(page.get_by_role("table", name="Moyens financiers de l'action par financeur")).to_contain_text(
        "Aucun financement enregistré."
    )
    page.get_by_role("button", name="Engager un montant sur une enveloppe").click()
    expect(page.get_by_label("Bénéficiaire", exact=True)).to_have_value(re.compile(".+"))
    page.get_by_label("Enveloppe", exact=True).select_option(label="Plans d'action des CTS 2026")
    page.get_by_label("Montant engagé (€)").fill("48000")
    page.get_by_label("Date de la décision").fill("2026-03-02")
    page.get_by_role("button", name="Engager").click()
    expect(page.locator("#engagement-statut")).to_have_text("Engagé")

    page.get_by_role("link", name="Financements").first.click()
    expect(page.get_by_role("table", name="Totaux par programme")).to_contain_text("Action de feuille de route")
    expect(page.get_by_role("table", name="Totaux par programme")).to_contain_text("48\u202f000\u00a0€")
    assert_accessible(page, context="on the funding dashboard after the commitment")
