"""The commune endpoint's first answer for a code (not cached yet): two queries once its région's shared data is
read, and the same classement rows as the lookup of the public pages, TVS versions included."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from territoires.models import CommuneTvs
from tests.zonage.factories import ArreteFactory, classer, profession
from zonage.models import ArreteZonage
from zonage.services import classements_en_vigueur
from zonage.services.lookup import classements_couvrant
from zonage.services.rules import today

pytestmark = pytest.mark.django_db


def commune_url(code):
    return reverse("api:zonage-commune", args=[code])


def test_a_new_code_of_a_region_already_read_costs_two_queries(client, two_versions, zonage_territory):
    assert client.get(commune_url("37132")).status_code == 200  # reads the région's arrêtés, aids and figures
    with CaptureQueriesContext(connection) as cold:
        response = client.get(commune_url("37072"))  # another commune of the same région, never asked
    assert response.status_code == 200
    assert len(cold) == 2  # the commune with its overlays in force, its classement rows
    assert response.json()["zonages"][0]["aides"]  # the zone's aids come from the shared data


@pytest.fixture
def versioned(two_versions, zonage_territory):
    """An infirmier arrêté on TVS version « V1 », where Chinon belonged to TVS A (today: TVS B), plus one row
    classing Orléans directly."""
    loches, chinon, orleans = (zonage_territory[name] for name in ("loches", "chinon", "orleans"))
    tvs_a, tvs_b = zonage_territory["tvs_a"], zonage_territory["tvs_b"]
    for commune, tvs in ((loches, tvs_a), (chinon, tvs_a), (orleans, tvs_b)):
        CommuneTvs.objects.create(commune=commune, tvs=tvs, version="V1")
    arrete = ArreteFactory(profession=profession("infirmier"), publie=True, reference="ARS-INF-V1", version_tvs="V1")
    classer(arrete, tvs_a, "TSD")
    classer(arrete, tvs_b, "INT")
    classer(arrete, orleans, "TD")
    return arrete


@pytest.mark.parametrize("name", ["loches", "chinon", "orleans"])
def test_covering_rows_are_those_of_the_lookup(versioned, zonage_territory, name):
    commune = zonage_territory[name]
    arretes = list(
        ArreteZonage.objects.en_vigueur(on=today())
        .filter(region_id=commune.departement.region_id)
        .values_list("pk", "version_tvs")
    )
    expected = [(row.pk, row.zone.code) for row in classements_en_vigueur(commune, on=today())]
    with CaptureQueriesContext(connection) as queries:
        found = [(row.pk, row.zone.code) for row in classements_couvrant(commune, arretes)]
    assert found == expected
    assert len(queries) == 1
    infirmier = {code for pk, code in found if pk in set(versioned.classements.values_list("pk", flat=True))}
    assert infirmier == {"loches": {"TSD"}, "chinon": {"TSD"}, "orleans": {"TD", "INT"}}[name]
