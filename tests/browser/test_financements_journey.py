import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.comptes.factories import PASSWORD
from tests.financements.factories import make_beneficiaire, make_engagement, make_enveloppe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_delegation_commits_is_refused_over_the_envelope_pays_and_sees_the_totals(
    page, dd_agent, siege_agent, territory
):
    enveloppe = make_enveloppe(by=siege_agent, libelle="Plans d'action des CTS 2026", montant="2600000")
    beneficiaire = make_beneficiaire(territory["dep37"], libelle="Plan d'action CTS Indre-et-Loire", programme="autre")
    make_engagement(
        enveloppe, make_beneficiaire(territory["dep45"], libelle="Plan Loiret"), by=siege_agent, montant="2300000"
    )

    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse e-mail", exact=True).fill("dd37@test.ars.fr")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Financements").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Financements")
    assert_accessible(page, context="on the funding dashboard")

    page.get_by_role("link", name="Engager des crédits").first.click()
    assert_accessible(page, context="on the commitment form")
    page.get_by_label("Enveloppe", exact=True).select_option(label="Plans d'action des CTS 2026")
    page.get_by_label("Bénéficiaire", exact=True).select_option(label=str(beneficiaire))
    page.get_by_label("Montant engagé (€)").fill("350000")
    page.get_by_label("Date de la décision").fill("2026-03-02")
    page.get_by_label("Référence de la convention").fill("CONV-37-001")
    page.get_by_role("button", name="Engager").click()
    error = re.compile("déjà engagé 2\u202f300\u202f000,00\u00a0€ ; disponible 300\u202f000,00\u00a0€")
    expect(page.locator("#id_montant-desc-error")).to_contain_text(error)  # under the field…
    expect(page.locator("#resume-erreurs").get_by_role("link", name=re.compile("Montant engagé"))).to_contain_text(
        error
    )  # …and in the summary at the top, as a link to the field
    expect(page.get_by_label("Référence de la convention")).to_have_value("CONV-37-001")
    assert_accessible(page, context="on the refused commitment")

    page.get_by_label("Montant engagé (€)").fill("250000")
    page.get_by_role("button", name="Engager").click()
    expect(page.locator("#engagement-statut")).to_have_text("Engagé")
    page.get_by_label("Date du versement").fill("2026-04-15")
    page.get_by_label("Montant versé (€)").fill("100000")
    page.get_by_role("button", name="Enregistrer le versement").click()
    expect(page.locator("#engagement-statut")).to_have_text("Versé partiellement")
    assert_accessible(page, context="on the commitment page")

    page.get_by_role("link", name="Financements").first.click()
    table = page.get_by_role("table", name="Totaux par enveloppe")
    expect(table).to_contain_text("2\u202f550\u202f000\u00a0€")  # envelope total committed
    expect(table).to_contain_text("100\u202f000\u00a0€")  # paid
    expect(page.get_by_role("table", name="Totaux par département du bénéficiaire")).to_contain_text(
        "250\u202f000\u00a0€"
    )
    assert_accessible(page, context="on the dashboard after the payment")
