"""The zonage map: commune search, legend, collapsible paginated table, optional tiles; no silent cap on
search results (issue 15 §6)."""

import pytest
from django.urls import reverse

from tests.territoires.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def carte(client, **params) -> str:
    response = client.get(reverse("zonage:carte"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_search_centres_the_map_on_the_commune_and_filters_the_table(client, two_versions):
    _, v2 = two_versions
    html = carte(client, arrete=str(v2.public_id), commune="loches")  # accent- and case-insensitive
    assert 'data-focus="37132"' in html
    assert "1\u00a0commune trouvée pour « loches »" in html
    assert 'aria-expanded="true"' in html  # the table opens on a search
    table = html[html.index('id="tableau"') :]
    assert "Loches" in table
    assert "Chinon" not in table
    assert "Effacer la recherche" in html


def test_search_by_postal_code_and_no_match(client, two_versions):
    _, v2 = two_versions
    assert 'data-focus="45234"' in carte(client, arrete=str(v2.public_id), commune="45100")
    html = carte(client, arrete=str(v2.public_id), departement="37", commune="Orléans")
    assert "Aucune commune d&#x27;Indre-et-Loire ne correspond à « Orléans »" in html
    assert 'data-focus=""' in html


def test_popup_links_to_the_commune_page_and_legend_counts_communes(client, two_versions):
    _, v2 = two_versions
    html = carte(client, arrete=str(v2.public_id))
    assert f'data-link-template="{reverse("zonage:commune", args=["00000"])}"' in html
    assert 'data-link-field="code"' in html
    legend = html[html.index('aria-labelledby="legende-titre"') : html.index('id="tableau"')]
    assert "Zone d&#x27;intervention prioritaire" in legend
    assert "3\u00a0communes" in legend  # Loches, Chinon, Orléans: all ZIP in v2
    assert 'aria-expanded="false"' in html  # the table is folded by default


def test_table_is_paginated_by_50_and_opens_on_later_pages(client, two_versions, territory):
    _, v2 = two_versions
    CommuneFactory.create_batch(60, departement=territory["dep37"])
    first = carte(client, arrete=str(v2.public_id))
    assert first.count("<tr>") == 51  # header + 50 rows
    assert "page 1 sur 2" in first
    second = carte(client, arrete=str(v2.public_id), page="2")
    assert 1 < second.count("<tr>") < 51
    assert "page 2 sur 2" in second
    assert 'aria-expanded="true"' in second
    assert "fr-pagination" in second


def test_background_tiles_are_off_by_default_and_opt_in(client, two_versions, settings):
    _, v2 = two_versions
    html = carte(client, arrete=str(v2.public_id))
    assert "data-tiles-url" not in html
    assert "fond-de-carte" not in html
    settings.MAP_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    html = carte(client, arrete=str(v2.public_id))
    assert 'data-tiles-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    assert 'data-tiles-toggle="fond-de-carte"' in html
    assert 'id="fond-de-carte"' in html  # a DSFR toggle, unchecked: the user opts in


def test_csp_allows_the_tile_server_only_when_configured(monkeypatch):
    import importlib

    import config.settings.base as base

    monkeypatch.setenv("MAP_TILES_URL", "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")
    reloaded = importlib.reload(base)
    try:
        assert "https://*.tile.openstreetmap.org" in reloaded.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
    finally:
        monkeypatch.delenv("MAP_TILES_URL")
        importlib.reload(base)
    assert not any("openstreetmap" in src for src in base.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"])


def test_commune_lookup_says_when_it_shows_only_the_first_results(client, territory):
    for number in range(25):
        CommuneFactory(code_insee=f"37{200 + number}", nom=f"Saint-Test-{number}", departement=territory["dep37"])
    html = client.get(reverse("zonage:ma_commune"), {"q": "saint test"}).content.decode()
    assert "20 premiers résultats sur 25" in html
    assert "affinez votre recherche" in html
    assert html.count("Saint-Test-") == 20
    few = client.get(reverse("zonage:ma_commune"), {"q": "saint test 1"}).content.decode()
    assert "premiers résultats" not in few


def test_cls_territory_autocomplete_says_when_it_cuts(client, porteur_manager, territory):
    for number in range(15):
        CommuneFactory(code_insee=f"37{300 + number}", nom=f"Ville-Essai-{number}", departement=territory["dep37"])
    client.force_login(porteur_manager)
    html = client.get(reverse("cls:territoire_recherche"), {"q": "ville essai"}).content.decode()
    assert "12 premières communes sur 15" in html
    assert "Affinez votre recherche" in html
