"""The choropleth map component (templates/includes/carte/) on each page that uses it: the legend names every
colour, the map is a labelled region, the same figures are reachable as a table, and the scripts carry the CSP
nonce."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.cpts.factories import signed_cpts

pytestmark = pytest.mark.django_db


class _Carte(HTMLParser):
    """Reads the component back: legend items (text, link), the map's attributes, the table links, the scripts."""

    def __init__(self):
        super().__init__()
        self.legende, self.tableaux, self.scripts, self.map = [], [], [], None
        self._in = None  # "legende" or "tableaux"
        self._item = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "ul" and "carte-legend" in classes:
            self._in = "legende"
        elif tag == "p" and "carte-tableaux" in classes:
            self._in = "tableaux"
        elif tag == "li" and self._in == "legende":
            self._item = {"text": "", "href": None, "swatch": None}
        elif tag == "span" and self._item is not None and "carte-swatch" in classes:
            self._item["swatch"] = attrs.get("aria-hidden")
        elif tag == "a" and self._in == "legende" and self._item is not None:
            self._item["href"] = attrs["href"]
        elif tag == "a" and self._in == "tableaux":
            self.tableaux.append(attrs["href"])
        elif tag == "div" and "js-choropleth-map" in classes:
            self.map = attrs
        elif tag == "script":
            self.scripts.append(attrs)

    def handle_endtag(self, tag):
        if tag == "li" and self._item is not None:
            self._item["text"] = " ".join(self._item["text"].split())
            self.legende.append(self._item)
            self._item = None
        elif tag in ("ul", "p") and self._in:
            self._in = None

    def handle_data(self, data):
        if self._item is not None:
            self._item["text"] += data


def _read(client, url) -> _Carte:
    response = client.get(url)
    assert response.status_code == 200
    carte = _Carte()
    carte.feed(response.content.decode())
    assert carte.map is not None
    assert carte.map["role"] == "region"
    assert carte.map["aria-label"]
    assert carte.map["data-status-id"] == "carte-statut"
    assert all(item["swatch"] == "true" for item in carte.legende)  # colours are decoration; the text says it
    nonce = response.wsgi_request.csp_nonce
    sources = [script["src"] for script in carte.scripts if script.get("nonce") == nonce and script.get("src")]
    assert any(src.endswith("vendor/leaflet/leaflet.js") for src in sources)
    assert any(src.endswith("js/choropleth-map.js") for src in sources)
    return carte


def test_the_national_map_has_its_classes_legend_and_the_comparison_table(client, national_agent):
    client.force_login(national_agent)
    carte = _read(client, reverse("national:carte") + "?indicateur=msp")
    assert [item["text"] for item in carte.legende] == [
        "jusqu’à 20 % de la valeur la plus haute",
        "de 20 à 40 %",
        "de 40 à 60 %",
        "de 60 à 80 %",
        "de 80 à 100 % (la valeur la plus haute)",
        "non renseigné",
    ]
    assert carte.tableaux == [reverse("national:index")]
    assert carte.map["data-geojson-url"] == reverse("national:carte_geojson") + "?indicateur=msp"
    assert carte.map["data-details"] == '["valeur:MSP en fonctionnement"]'


def test_the_cpts_map_names_each_cpts_and_links_the_three_registers(client, territory, siege_agent, cpts_porteur):
    organisation = cpts_porteur.memberships.get().organisation
    cpts = signed_cpts(
        porteur=organisation, departement=territory["dep37"], by=siege_agent, communes=[territory["loches"]]
    )
    client.force_login(siege_agent)
    carte = _read(client, reverse("cpts:carte"))
    assert carte.legende[0] == {
        "text": f"{cpts.nom} ({cpts.get_etape_display().lower()})",
        "href": reverse("cpts:detail", args=[cpts.public_id]),
        "swatch": "true",
    }
    assert carte.legende[-1]["text"] == "MSP et centres de santé (points)"
    assert carte.tableaux == [reverse("cpts:index"), reverse("cpts:msp_list"), reverse("cpts:centre_list")]


def test_a_register_map_has_the_status_legend_and_the_register_list(client, dd_agent):
    client.force_login(dd_agent)
    carte = _read(client, reverse("registres:carte", args=["sites-telemedecine"]) + "?statut=actif")
    assert [item["text"] for item in carte.legende] == ["En cours", "En projet", "Suspendu", "Terminé"]
    assert carte.tableaux == [reverse("registres:list", args=["sites-telemedecine"])]
    assert carte.map["data-geojson-url"].endswith("/carte.geojson?statut=actif")
