"""The region of a page serving every region (territoires.regions): chosen with ?region=, else the user's (their
membership), else a default read from the data for an anonymous visitor."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory, override_settings
from django.urls import reverse

from comptes.enums import OrganisationType
from territoires.regions import default_region_code, request_region_code
from tests.comptes.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.territoires.factories import CommuneFactory, DepartementFactory, RegionFactory

pytestmark = pytest.mark.django_db


def _request(user=None, **params):
    request = RequestFactory().get("/", params)
    request.user = user or AnonymousUser()
    return request


@pytest.fixture
def two_regions():
    centre, bretagne = RegionFactory(code="24"), RegionFactory(code="53", nom="Bretagne")
    DepartementFactory(code="35", nom="Ille-et-Vilaine", region=bretagne)
    return centre, bretagne


def test_a_chosen_region_wins_then_the_users_then_the_default(two_regions):
    siege_b = UserFactory()
    MembershipFactory(
        user=siege_b, organisation=OrganisationFactory(type=OrganisationType.ARS_SIEGE, region=two_regions[1])
    )
    assert request_region_code(_request()) == "24"
    assert request_region_code(_request(region="53")) == "53"
    assert request_region_code(_request(region="99")) == "24"  # an unknown code is ignored
    assert request_region_code(_request(siege_b)) == "53"
    assert request_region_code(_request(siege_b, region="24")) == "24"


@override_settings(REFERENCE_REGION="11")
def test_the_default_is_read_from_the_data_when_the_setting_names_no_region(two_regions):
    assert default_region_code() == "24"  # no siège: the first region imported
    OrganisationFactory(type=OrganisationType.ARS_SIEGE, region=two_regions[1])
    assert default_region_code() == "53"  # the region of the first ARS siège


def test_the_territoires_page_shows_the_chosen_region(client, two_regions):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("territoires:index"), {"region": "53"})
    assert page.status_code == 200
    assert "Ille-et-Vilaine" in page.content.decode()
    assert 'name="region"' in page.content.decode()  # the selector (two regions)


def test_a_commune_of_another_region_has_its_zonage_page(client, two_regions):
    rennes = CommuneFactory(code_insee="35238", nom="Rennes", departement=two_regions[1].departements.get())
    page = client.get(reverse("zonage:commune", args=[rennes.code_insee]))
    assert page.status_code == 200
    assert "Rennes" in page.content.decode()
