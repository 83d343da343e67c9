"""The ministry reads the comparison of the régions, the map, and downloads the export (axe-core on each page)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import login
from tests.cpts.factories import make_msp
from tests.territoires.factories import CommuneFactory, DepartementFactory, RegionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_ministry_compares_the_regions_and_downloads_the_export(page, national_agent, territory):
    bretagne = RegionFactory(code="53", nom="Bretagne")
    dep35 = DepartementFactory(code="35", nom="Ille-et-Vilaine", region=bretagne)
    rennes = CommuneFactory(code_insee="35238", nom="Rennes", departement=dep35, population=225_000)
    make_msp(departement=dep35, commune=rennes, statut="en_fonctionnement")

    login(page, "dgos@test.sante.gouv.fr")
    expect(page.locator(".fr-header__service-tagline")).to_contain_text("Portail des agences régionales de santé")
    page.get_by_role("link", name="Vue nationale").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comparaison des régions")
    table = page.get_by_role("table", name="Programmes territoriaux par région")
    expect(table.get_by_role("row", name="Bretagne (53)")).to_contain_text("225\u202f000")
    expect(table.get_by_role("row", name="Centre-Val de Loire (24)")).to_be_visible()
    assert_accessible(page, context="on the comparison of the régions")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le tableau (CSV)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("national-comparaison-")
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    assert "53;Bretagne;225000;" in content

    page.get_by_role("link", name="Zonage et plafonds").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zonage médecins")
    assert_accessible(page, context="on the zonage comparison")
    page.get_by_role("link", name="Carte", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carte des régions")
    assert_accessible(page, context="on the map of the régions")
