"""The public looks for a commune on the zonage map: the map centres on it, its popup links to the
commune page, and the table below gives the same data (issue 15 §6 and §8)."""

import pytest
from playwright.sync_api import expect

from territoires.models import Contour
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import keep_screenshot
from tests.zonage.conftest import ensure_reference_data, two_versions, zonage_territory  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def square(x, y):
    return {"type": "Polygon", "coordinates": [[[x, y], [x + 0.05, y], [x + 0.05, y + 0.05], [x, y + 0.05], [x, y]]]}


@pytest.fixture
def mapped_zonage(request):
    ensure_reference_data()
    versions = request.getfixturevalue("two_versions")
    Contour.objects.create(level="commune", code="37132", source="test", geometry=square(0.99, 47.12))
    Contour.objects.create(level="commune", code="37072", source="test", geometry=square(0.24, 47.16))
    Contour.objects.create(level="commune", code="45234", source="test", geometry=square(1.90, 47.90))
    return versions


def test_public_finds_a_commune_on_the_map(page, mapped_zonage):
    page.goto("/zonage/carte/")
    expect(page.locator("#carte")).to_have_attribute("data-feature-count", "3")
    expect(page.get_by_role("group", name="Légende")).to_contain_text("Zone d'intervention prioritaire")
    # The table is folded: the page is no longer an endless table.
    expect(page.get_by_role("button", name="Les mêmes données en tableau (3\u00a0communes)")).to_have_attribute(
        "aria-expanded", "false"
    )
    assert_accessible(page, context="on the zonage map")

    page.get_by_label("Rechercher une commune sur la carte").fill("loches")
    page.get_by_role("search").get_by_role("button", name="Rechercher").click()
    expect(page.locator("#carte-recherche")).to_contain_text("1\u00a0commune trouvée pour « loches »")
    expect(page.locator("#carte")).to_have_attribute("data-focused", "1")
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Loches")
    expect(popup).to_contain_text("Zone d'intervention prioritaire")
    table = page.get_by_role("table")
    expect(table).to_be_visible()  # opened by the search
    expect(table).to_contain_text("Loches")
    expect(table).not_to_contain_text("Chinon")
    assert_accessible(page, context="on the map after a commune search")
    keep_screenshot(page, "carte-recherche-commune")

    popup.get_by_role("link", name="Voir le zonage de la commune").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zonage de Loches")
