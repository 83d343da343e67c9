import re

import pytest
from playwright.sync_api import expect

from registres.models import MouvementMedecin
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import login
from tests.territoires.factories import TvsFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "Mouvement;Date du mouvement;Commune;Profession;Mode d'exercice\n"
GOOD = "installation;05/01/2026;Loches (37132);generaliste;liberal\ndepart;20/02/2026;37072;generaliste;msp\n"
BAD = "installation;12/02/2026;Orléans (45234);generaliste;liberal\n"  # a commune of the Loiret: not dép. 37's


def _upload(page, text: str):
    page.get_by_label("Fichier à importer (CSV ou XLSX)").set_input_files(
        files=[{"name": "mouvements.csv", "mimeType": "text/csv", "buffer": text.encode("utf-8")}]
    )
    page.get_by_label("Source des lignes").fill("Tableau de suivi de la délégation 37")
    page.get_by_role("button", name="Importer", exact=True).click()


def test_delegation_imports_movements_fixes_a_bad_row_and_sees_the_balance(page, dd_agent, territory):
    from tests.indicateurs.conftest import ensure_catalogue
    from tests.zonage.conftest import ensure_reference_data

    ensure_reference_data()  # a transactional test's flush removed the rows of the data migrations
    ensure_catalogue()
    for key in ("loches", "chinon"):
        territory[key].tvs = TvsFactory(nom=f"TVS de {territory[key].nom}")
        territory[key].save()

    login(page, dd_agent.email)
    page.goto("/registres/mouvements-medecins/import/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mouvements de médecins")
    assert_accessible(page, context="on the import form")

    _upload(page, HEADER + GOOD + BAD)
    alert = page.locator("#erreurs-import")
    expect(alert).to_contain_text("aucune ligne n'a été enregistrée")
    expect(alert).to_contain_text(re.compile(r"Ligne \d+ :"))
    assert MouvementMedecin.objects.count() == 0  # all or nothing
    assert_accessible(page, context="on the refused import")

    _upload(page, HEADER + GOOD)
    expect(page.get_by_text(re.compile("2\u00a0lignes importées"))).to_be_visible()
    assert MouvementMedecin.objects.count() == 2

    page.get_by_role("link", name="Entrées et sorties : solde mensuel et alertes").first.click()
    page.locator("#id_debut").fill("2026-01-01")
    page.locator("#id_fin").fill("2026-03-31")
    page.get_by_role("button", name="Afficher").click()
    expect(page.locator("figure svg.chart")).to_be_visible()
    table = page.get_by_role("table", name=re.compile("Entrées, sorties et solde par mois"))
    expect(table.get_by_role("row", name=re.compile("Janvier 2026"))).to_have_text(
        re.compile(r"Janvier 2026\s+1\s+0\s+1")
    )
    expect(table.get_by_role("row", name=re.compile("Total"))).to_have_text(re.compile(r"Total\s+1\s+1\s+0"))
    assert_accessible(page, context="on the balance chart")
