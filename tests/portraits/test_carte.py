"""Picking the communes of a free perimeter on the map (portraits/carte.py): the map of one département's communes,
drawn in the portrait page (`?carte=`) or as the htmx fragment of its chooser, the communes of the list pressed."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from territoires.models import Contour
from tests.territoires.factories import CommuneFactory

pytestmark = pytest.mark.django_db

URL = reverse("portraits:portrait")
CARTE = reverse("portraits:carte")


def square(lon: float, lat: float, size: float = 0.05) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def contours(portrait_data):
    """Contours for Loches and Chinon (37) and Orléans (45); Paris (75, another region) has one too."""
    for code, lon, lat in (
        ("37132", 0.99, 47.12),
        ("37072", 0.24, 47.16),
        ("45234", 1.90, 47.90),
        ("75056", 2.3, 48.8),
    ):
        Contour.objects.create(level="commune", code=code, source="test", geometry=square(lon, lat))
    return portrait_data


def pressed(page: str) -> dict[str, str]:
    return dict(re.findall(r'data-commune="(\w+)"[^>]*aria-pressed="(true|false)"', page))


def test_fragment_draws_the_departement_with_the_listed_communes_pressed(client, contours):
    CommuneFactory(code_insee="37999", nom="Sans Contour", departement=contours["dep37"])
    response = client.get(CARTE, {"carte": "37", "communes": "37132, 45234"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page  # a fragment
    assert pressed(page) == {"37132": "true", "37072": "false"}  # Orléans is in 45: not on this map
    assert 'role="button" tabindex="0"' in page
    assert 'aria-label="Loches (37132)"' in page
    assert "Communes de ce département dans la liste :" in page
    assert "Loches." in page
    assert "1\u00a0commune sans contour importé" in page
    assert 'form="portrait-communes"' in page  # submits the codes field of the page


def test_fragment_of_another_departement_and_unknown_ones(client, contours):
    page = client.get(CARTE, {"carte": "45"}).content.decode()
    assert pressed(page) == {"45234": "false"}
    assert "Aucune commune de ce département n'est dans la liste." in page
    assert client.get(CARTE, {"carte": "75"}).status_code == 404  # not in the portal's region
    assert client.get(CARTE, {"carte": "99"}).status_code == 404
    assert client.get(CARTE).status_code == 404


def test_departement_without_contours(client, portrait_data):
    page = client.get(CARTE, {"carte": "37"}).content.decode()
    assert "<svg" not in page
    assert "Aucun contour de commune n'est importé pour" in page


def test_portrait_page_draws_the_map_without_javascript(client, contours):
    """The chooser is a GET form: without htmx the page comes back with the map and the list kept."""
    page = client.get(URL, {"carte": "37", "communes": "37072"}).content.decode()
    assert "Portrait de territoire — Chinon" in page
    assert pressed(page) == {"37132": "false", "37072": "true"}
    assert re.search(r'<textarea[^>]*name="communes"[^>]*>\s*37072</textarea>', page)
    assert 'hx-get="/territoires/portrait/carte/"' in page
    assert re.search(r'<script src="[^"]*portrait-carte\.js" nonce="\w+', page)
    # The permalink stays the list of codes.
    assert f'href="{URL}?communes=37072"' in page


def test_portrait_page_without_a_chosen_departement_draws_no_map(client, contours):
    page = client.get(URL).content.decode()
    assert "Département de la carte" in page
    assert "data-commune" not in page
    # An unknown département is not an error of the page: no map.
    assert "data-commune" not in client.get(URL, {"carte": "99"}).content.decode()


def test_fragment_queries_do_not_grow_with_the_departement(client, contours):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(CARTE, {"carte": "37"}).status_code == 200
        return len(queries)

    small = count()
    for index in range(30):
        commune = CommuneFactory(code_insee=f"37{600 + index}", departement=contours["dep37"])
        Contour.objects.create(level="commune", code=commune.code_insee, source="test", geometry=square(0.5, 47.0))
    assert count() == small <= 4  # the page's region, the département, its communes, their contours


def test_every_persona_reads_the_map(persona, contours):
    name, client = persona
    assert client.get(CARTE, {"carte": "37"}).status_code == 200, name


def test_real_departement_map_stays_under_the_page_budget(client, portrait_data):
    """The Loiret from the real simplified contours (326 communes): the fragment and the page drawing it stay light."""
    import json
    from pathlib import Path

    from territoires.models import Commune

    geojson = Path(__file__).resolve().parents[2] / "data/geo/communes-centre-val-de-loire.simplified.geojson"
    features = [f for f in json.loads(geojson.read_text())["features"] if f["properties"]["code"].startswith("45")]
    known = set(Commune.objects.values_list("code_insee", flat=True))
    for feature in features:
        code = feature["properties"]["code"]
        if code not in known:
            CommuneFactory(code_insee=code, nom=feature["properties"]["nom"], departement=portrait_data["dep45"])
    Contour.objects.bulk_create(
        Contour(level="commune", code=f["properties"]["code"], geometry=f["geometry"], source="test") for f in features
    )
    fragment = client.get(CARTE, {"carte": "45"})
    assert fragment.content.decode().count("data-commune=") == len(features) > 300
    assert len(fragment.content) < 120_000
    page = client.get(URL, {"carte": "45", "communes": "45234"})
    assert len(page.content) < 200_000


def test_a_portrait_links_to_the_map_without_drawing_its_chooser(client, contours):
    """The chooser's list of départements is a query: a portrait links to it instead (its query budget holds)."""
    page = client.get(URL, {"communes": "37132,37072"}).content.decode()
    assert "Département de la carte" not in page
    assert f'href="{URL}?carte=37&amp;communes=37072,37132"' in page
    epci = client.get(URL, {"epci": "200071587"}).content.decode()
    assert f'href="{URL}?carte=37"' in epci
