"""The portrait's query budget: the same number of queries for every perimeter kind whatever its size (aggregates in
SQL, one query per block), and a page under 200 kB. Counted with everything the request runs (session, user, the
reader's scope)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cls.models import ContratLocalSante
from cpts.models import Cpts
from territoires.models import CommuneVoisine, Contour, PopulationCommune
from tests.cpts.factories import make_msp
from tests.registres.factories import maitre, mouvement
from tests.territoires.factories import CommuneFactory

pytestmark = pytest.mark.django_db
URL = reverse("portraits:portrait")
# Public reading (no session): perimeter, communes (with neighbours and contours), populations, zonage (2: arrêtés;
# classements, zones and versioned TVS in one union), structures, CPTS, CLS, référentiel rule of the « territoire de
# proximité ».
PUBLIC = 9
# An ARS agent adds user and its scope (3 for the siège), the indicators, the registers and the funding; the CPTS
# missions come with the CPTS (a union), the CLS fiches with the CLS (subqueries), the header's regional identity with
# the scope (no query of their own).
SIEGE = 15
MAX_BYTES = 200_000
SQUARE = {"type": "Polygon", "coordinates": [[[0.99, 47.1], [1.0, 47.1], [1.0, 47.11], [0.99, 47.1]]]}


def grow(t, siege_agent, n=40):
    """n more communes in the Loches EPCI and TVS, with two population vintages, a contour, a neighbour, an MSP and
    register entries; all of them in the CLS and the signed CPTS."""
    contrat = t["contrat"]
    cpts = Cpts.objects.get(nom="CPTS Sud Touraine")
    previous = t["loches"]
    for index in range(n):
        commune = CommuneFactory(
            departement=t["dep37"], epci=t["epci37"], tvs=t["tvs_a"], code_insee=f"37{500 + index}", population=900
        )
        PopulationCommune.objects.bulk_create(
            [PopulationCommune(commune=commune, millesime=m, population=880, source="INSEE") for m in ("2015", "2021")]
        )
        Contour.objects.create(level="commune", code=commune.code_insee, geometry=SQUARE, source="test")
        CommuneVoisine.objects.create(commune=commune, voisine=previous)
        CommuneVoisine.objects.create(commune=previous, voisine=commune)
        contrat.perimetre.add(commune)
        cpts.communes.add(commune)
        if index % 10 == 0:
            make_msp(departement=t["dep37"], commune=commune, nom=f"MSP {index}")
            maitre(by=siege_agent, commune=commune, nom=f"Dr {index}")
            mouvement(by=siege_agent, commune=commune, date=t["contrat"].date_signature)
        previous = commune


def perimetres(t) -> list[dict]:
    return [
        {"commune": "37132"},
        {"epci": "200071587"},
        {"tvs": t["tvs_a"].code},
        {"departement": "37"},
        {"communes": "37132,37072"},
        {"cls": str(ContratLocalSante.objects.get(nom="CLS du Lochois").public_id)},
        {"cpts": str(Cpts.objects.get(nom="CPTS Sud Touraine").public_id)},
    ]


def measure(client, query) -> tuple[int, int]:
    client.get(URL, query)  # warm the caches (content types, référentiel)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, query)
    assert response.status_code == 200, query
    return len(queries), len(response.content)


@pytest.mark.parametrize(("persona", "budget"), [("anonymous", PUBLIC), ("siege_agent", SIEGE)])
def test_same_queries_at_two_sizes_for_every_kind(client, request, portrait_data, siege_agent, persona, budget):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    small = {str(query): measure(client, query) for query in perimetres(portrait_data)}
    grow(portrait_data, siege_agent)
    large = {str(query): measure(client, query) for query in perimetres(portrait_data)}
    for key, (count, size) in large.items():
        assert count <= budget, (key, count)
        assert count == small[key][0], (key, small[key][0], count)
        assert size < MAX_BYTES, (key, size)
