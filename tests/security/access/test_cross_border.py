"""Objects crossing a regional border (a CLS or a CPTS whose perimeter reaches a département of another région): they
belong to one région (their path in territoires.regions) and the other région's ARS reads them, without writing.
And each région's spaces (plan, feuilles de route, campaigns, indicators) are its own: the user's région comes from
their membership, never from a reference région."""

import pytest
from django.test import Client
from django.urls import reverse

from cls.models import ContratLocalSante
from comptes.perms import follows_own_region, user_region_code
from cpts.models import Cpts
from territoires import regions
from tests.security.harness import MODEL_BACKEND

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def _fresh(user):
    from comptes.models import User

    return User.objects.get(pk=user.pk)


def test_a_cls_reaching_another_region_is_read_only_there(world):
    contrat = world["contrat_a"]
    siege_b = _fresh(world.users["siege_b"])
    assert not ContratLocalSante.objects.visible_to(siege_b).filter(pk=contrat.pk).exists()
    contrat.departements.add(world["dep35"])
    assert regions.region_code_of(contrat) == "24"  # it still belongs to its pilot département's région
    assert ContratLocalSante.objects.visible_to(siege_b).filter(pk=contrat.pk).exists()
    client = _client(siege_b)
    assert client.get(reverse("cls:contrat_detail", args=[contrat.public_id])).status_code == 200
    response = client.post(reverse("cls:contrat_action", args=[contrat.public_id, "etape"]), {})
    assert response.status_code in (403, 404)
    # The other région's siège never gets it from its own lists by region: it is not one of its objects.
    assert not regions.in_regions(ContratLocalSante.objects.visible_to(siege_b), ["53"]).filter(pk=contrat.pk)


def test_a_cpts_reaching_another_region_is_read_only_there(world):
    cpts = world["cpts_a"]
    siege_b = _fresh(world.users["siege_b"])
    client = _client(siege_b)
    assert client.get(reverse("cpts:detail", args=[cpts.public_id])).status_code == 404
    cpts.communes.add(world["commune35"])
    assert regions.region_code_of(cpts) == "24"
    assert Cpts.objects.visible_to(siege_b).filter(pk=cpts.pk).exists()
    page = client.get(reverse("cpts:detail", args=[cpts.public_id]))
    assert page.status_code == 200
    assert reverse("cpts:edit", args=[cpts.public_id]) not in page.content.decode()
    assert client.get(reverse("cpts:edit", args=[cpts.public_id])).status_code == 403
    assert client.post(reverse("cpts:etape", args=[cpts.public_id]), {}).status_code == 403
    # Its own ARS keeps managing it.
    assert _client(world.users["dd37"]).get(reverse("cpts:edit", args=[cpts.public_id])).status_code == 200


def test_a_cpts_inside_its_region_stays_hidden_from_the_other(world):
    siege_b = _fresh(world.users["siege_b"])
    visible = set(Cpts.objects.visible_to(siege_b).values_list("pk", flat=True))
    assert world["cpts_rb"].pk in visible
    assert world["cpts_a"].pk not in visible


def test_the_users_region_comes_from_their_membership(world):
    expected = {"siege_a": "24", "siege_b": "53", "dd37": "24", "dd45": "24", "comite": "24", "cpts": None}
    assert {key: user_region_code(_fresh(world.users[key])) for key in expected} == expected
    assert not follows_own_region(_fresh(world.users["coll_a_gest"]))


def test_each_siege_opens_the_campaigns_and_feuilles_de_route_of_its_own_region(world):
    client_b = _client(world.users["siege_b"])
    page = client_b.get(reverse("acces_soins:feuille_list"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "RGB-Ille-et-Vilaine" in content
    assert "RGA-" not in content
    campagnes = client_b.get(reverse("acces_soins:campagne_list")).content.decode()
    assert "RGA-" not in campagnes


@pytest.mark.parametrize(
    "path",
    [
        "cls:contrat_detail:contrat_rb",
        "cpts:detail:cpts_rb",
        "acces_soins:territoire_detail:territoire_rb",
        "acces_soins:action_detail:action_rb",
        "acces_soins:campagne_detail:campagne_rb",
        "zonage:scenario_detail:scenario_rb",
    ],
)
def test_region_b_objects_are_hidden_from_region_a(world, path):
    name, key = path.rsplit(":", 1)
    obj = world[key]
    url = reverse(name, args=[getattr(obj, "public_id", None) or obj.pk])
    for persona in ("siege_a", "dd37", "dd45", "comite"):
        assert _client(world.users[persona]).get(url).status_code == 404, persona
