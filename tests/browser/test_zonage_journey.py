import re

import pytest
from playwright.sync_api import expect

from territoires.models import Contour
from tests.browser.conftest import assert_accessible
from tests.zonage.conftest import ensure_reference_data, two_versions, zonage_territory  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[0.99, 47.12], [1.01, 47.12], [1.01, 47.14], [0.99, 47.14], [0.99, 47.12]]],
}


@pytest.fixture
def published_zonage(request):
    ensure_reference_data()
    return request.getfixturevalue("two_versions")


def test_public_searches_a_commune_by_postal_code_and_sees_its_zone_and_aids(page, published_zonage):
    page.goto("/")
    page.get_by_role("link", name="Rechercher ma commune").click()
    expect(page).to_have_title(re.compile("Ma commune est-elle en zone sous-dense"))
    page.get_by_label("Nom de la commune ou code postal").fill("37600")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("heading", name=re.compile(r"1\scommune trouvée"))).to_be_visible()
    assert_accessible(page, context="on the commune search results")

    page.get_by_role("link", name="Loches").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zonage de Loches")
    expect(page.locator("section").filter(has_text="Médecin généraliste").first).to_contain_text(
        "Zone d'intervention prioritaire"
    )
    expect(page.get_by_text("ARS-CVL-2026-002", exact=False).first).to_be_visible()
    expect(page.get_by_text("Contrat d'aide à l'installation des médecins")).to_be_visible()
    assert_accessible(page, context="on the commune zonage page")


def test_public_map_colours_communes_without_tiles(page, published_zonage):
    Contour.objects.create(level="commune", code="37132", source="test", geometry=SQUARE)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto("/zonage/carte/")
    expect(page.locator("#carte")).to_have_attribute("data-feature-count", "1")
    expect(page.locator("#carte-statut")).to_contain_text("1 commune affichée")
    page.locator("#carte path.leaflet-interactive").first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Loches")
    expect(popup.get_by_role("link", name="Voir le zonage de la commune")).to_be_visible()
    # The table is folded under the map (a DSFR accordion): open it.
    page.get_by_role("button", name=re.compile("Les mêmes données en tableau")).click()
    expect(page.get_by_role("table").first).to_contain_text("Zone d'intervention prioritaire")
    assert_accessible(page, context="on the zonage map")
