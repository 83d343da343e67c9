"""Browser journeys of issue #19: a visitor reads a commune's portrait, switches to its EPCI and downloads a table;
the siège moves a TVS in the simulator, sees the counters change and saves the scenario. axe-core on every page."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import login
from tests.portraits.conftest import portrait_data  # noqa: F401
from tests.zonage.conftest import ensure_reference_data, two_versions, zonage_territory  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def reference_data(db):
    ensure_reference_data()  # a transactional test's flush removed the rows of the data migrations


def test_visitor_reads_a_commune_then_its_epci_and_downloads_a_table(page, portrait_data):  # noqa: F811
    page.goto("/territoires/portrait/?commune=37132")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Portrait de territoire — Loches (37132)")
    expect(page.get_by_text("Portrait public")).to_be_visible()
    assert_accessible(page, context="on a commune's portrait")

    page.get_by_text("Choisir un autre périmètre").click()
    page.get_by_label("Niveau").select_option("epci")
    page.locator("#id_code").fill("200071587")
    page.get_by_role("button", name="Voir le portrait").click()
    expect(page).to_have_url(re.compile(r"/territoires/portrait/\?epci=200071587$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("CC Loches Sud Touraine")
    expect(page.get_by_text("CLS du Lochois").first).to_be_visible()
    assert_accessible(page, context="on an EPCI's portrait")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").first.click()
    download = download_info.value
    assert re.fullmatch(r"portrait-epci-communes-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Code INSEE;Commune;Département;EPCI;Population municipale")
    assert "37132;Loches;37;" in text
    page.wait_for_load_state("networkidle")


def test_visitor_picks_two_communes_on_the_map_and_gets_their_portrait(page, portrait_data):  # noqa: F811
    from territoires.models import Contour

    for code, lon, lat in (("37132", 0.99, 47.12), ("37072", 0.24, 47.16), ("45234", 1.90, 47.90)):
        ring = [[lon, lat], [lon + 0.05, lat], [lon + 0.05, lat + 0.05], [lon, lat + 0.05], [lon, lat]]
        Contour.objects.create(
            level="commune", code=code, source="test", geometry={"type": "Polygon", "coordinates": [ring]}
        )
    page.goto("/territoires/portrait/")
    page.get_by_label("Département de la carte").select_option("37")  # htmx draws its map in place
    loches = page.get_by_role("button", name="Loches (37132)")
    chinon = page.get_by_role("button", name="Chinon (37072)")
    expect(loches).to_have_attribute("aria-pressed", "false")
    assert page.url.endswith("/territoires/portrait/")  # no reload
    assert_accessible(page, context="on the map to pick communes")

    loches.click()
    chinon.focus()
    page.keyboard.press("Enter")  # the keyboard picks as the mouse does
    expect(loches).to_have_attribute("aria-pressed", "true")
    expect(chinon).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_label("Codes INSEE des communes")).to_have_value("37132, 37072")
    expect(page.locator("#carte-selection")).to_have_text("Communes de ce département dans la liste : Chinon, Loches.")
    chinon.click()  # a second click takes it out of the list
    expect(page.get_by_label("Codes INSEE des communes")).to_have_value("37132")
    chinon.click()
    assert_accessible(page, context="with two communes picked")

    page.get_by_role("button", name="Portrait des communes de la liste").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Portrait de territoire — 2 communes (Loches, Chinon)")
    expect(page.get_by_role("link", name="Lien permanent")).to_have_attribute(
        "href", "/territoires/portrait/?communes=37072%2C37132"
    )
    summary = page.get_by_text("Liste de communes · 2")
    expect(summary).to_contain_text("50\u202f000 habitants")  # Loches 20 000 + Chinon 30 000
    assert_accessible(page, context="on the portrait of the communes picked")
    page.wait_for_load_state("networkidle")


def test_siege_moves_a_tvs_sees_the_counters_and_saves_the_scenario(page, siege_agent, two_versions):  # noqa: F811
    from zonage.models import Scenario
    from zonage.services.scenarios import scenario_create

    scenario = scenario_create(base=two_versions[1], nom="Hypothèse 1", by=siege_agent)
    tvs_a = scenario.classements.get(tvs__code="37A01").tvs_id
    login(page, siege_agent.email)
    page.goto("/zonage/scenarios/")
    page.get_by_role("link", name="Hypothèse 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Scénario « Hypothèse 1 »")
    assert_accessible(page, context="on the simulator")

    counters = page.locator("#compteurs")
    before = counters.inner_text()
    page.locator(f"#zone-{tvs_a}").select_option("HC")
    expect(page.locator(f"#tvs-{tvs_a}")).to_contain_text("modifiée")
    expect(counters).not_to_have_text(before)
    expect(counters).to_contain_text("Population qui change de zone")
    assert scenario.classements.get(tvs_id=tvs_a).zone.code == "HC"
    assert_accessible(page, context="after moving a TVS")

    page.get_by_label("Nom du scénario").fill("Hypothèse 1 — Loches hors zonage")
    page.locator("form[action$='/modifier/']").get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hypothèse 1 — Loches hors zonage")
    assert Scenario.objects.get(pk=scenario.pk).nom == "Hypothèse 1 — Loches hors zonage"
    page.wait_for_load_state("networkidle")  # the map's data: no request left when the database is flushed
