"""What the matrix cannot say by status codes alone, on the same fixture world: the choices, lists and counts
that must stay within a région, and the two things shared between régions on purpose (the référentiel of
regulatory values and the catalogues of solutions, read only)."""

import pytest
from django.test import Client
from django.urls import reverse

from comptes.enums import Role
from comptes.models import Membership, User
from cpts.models import ContratAnterieurAci
from instruction.enums import Etat
from instruction.models import Dossier, Message
from instruction.services import invitable_partners
from instruction.services.lectures import unread_total
from referentiel.models import Parametre
from tests.comptes.factories import MembershipFactory, UserFactory
from tests.security.harness import MODEL_BACKEND

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def _fresh(user) -> User:
    """The user read again: its scope (cached on the instance) follows the memberships of the database."""
    return User.objects.get(pk=user.pk)


def test_the_register_shows_every_region_but_a_siege_adopts_for_its_own(world):
    siege_a, reference = world.users["siege_a"], world["parametre_rb"]
    client = _client(siege_a)
    assert "Cadre régional 53" in client.get(reverse("referentiel:list"), {"domaine": "cls"}).content.decode()
    url = reverse("referentiel:adopt", args=[reference.pk])
    form = client.get(url).context["form"]
    assert [code for code, _ in form.fields["region_code"].choices] == ["24"]
    data = {"region_code": "53", "valeur": "2000", "operateur": "ge", "valide_du": "2026-01-01"}
    data |= {"source_titre": "Décision", "source_nature": "document_ars"}
    assert client.post(url, data).status_code == 400  # not one of its régions
    assert not Parametre.objects.filter(code="matrice_seuil", region_code="53").exclude(pk=reference.pk).exists()
    assert client.post(url, {**data, "region_code": "24"}).status_code == 302
    assert Parametre.objects.get(code="matrice_seuil", region_code="24", adopte_de=reference)


def test_a_reader_of_another_siege_adopts_only_where_gestionnaire(world):
    user = UserFactory()
    MembershipFactory(user=user, organisation=world["org_siege_a"], role=Role.GESTIONNAIRE)
    MembershipFactory(user=user, organisation=world["org_siege_b"], role=Role.LECTURE)
    form = _client(user).get(reverse("referentiel:adopt", args=[world["parametre_a"].pk])).context["form"]
    assert [code for code, _ in form.fields["region_code"].choices] == ["24"]


def test_other_regions_solutions_are_inspiration_only(world):
    client = _client(world.users["siege_a"])
    response = client.get(reverse("acces_soins:solution_list"))
    assert world["solution_rb"] in list(response.context["inspirations"])
    assert world["solution_rb"] not in list(response.context["solutions"])
    assert client.get(reverse("acces_soins:solution_edit", args=[world["solution_rb"].public_id])).status_code == 404


def test_partners_invitable_on_a_dossier_are_those_of_its_region(world):
    dossier_a, dossier_b = world["cptsl_deposee"], world["cptsl_rb_deposee"]
    dossier_a.participations.all().delete()
    dossier_b.participations.all().delete()
    partners = {world["org_cpam"], world["org_urps"], world["org_cpam_b"]}
    assert set(invitable_partners(dossier_a)) & partners == {world["org_cpam"], world["org_urps"]}
    assert set(invitable_partners(dossier_b)) & partners == {world["org_cpam_b"]}


def test_signatories_of_a_contract_are_organisations_of_its_region(world):
    from cls.views.contrat_actions import build_form

    offered_a = set(build_form("signataire", world["contrat_a"]).fields["organisation"].queryset)
    assert {world["org_coll_a"], world["org_coll_b"], world["org_cpam"]} <= offered_a
    assert not offered_a & {world["org_coll_rb"], world["org_cpam_b"]}
    offered_b = set(build_form("signataire", world["contrat_rb"]).fields["organisation"].queryset)
    assert offered_b == {world["org_coll_rb"], world["org_cpam_b"]}


def test_contracts_before_the_aci_are_scoped_like_the_cpts(world):
    ancien_a, ancien_b = world["contrat_anterieur_a"], world["contrat_anterieur_rb"]

    def visible(persona):  # among the world's two (the seeded ones of the reference région may be there too)
        return set(ContratAnterieurAci.objects.visible_to(_fresh(world.users[persona]))) & {ancien_a, ancien_b}

    assert visible("siege_a") == visible("dd45") == visible("comite") == {ancien_a}
    assert visible("siege_b") == {ancien_b}
    assert visible("cpts") == {ancien_a}  # its own CPTS
    assert visible("coll_a_gest") == visible("cpam") == set()


def test_unread_counts_are_the_messages_of_the_delegations_own_dossiers(world):
    dd37 = _fresh(world.users["dd37"])
    others = Message.objects.filter(dossier__departement=world["dep37"]).exclude(author=dd37)
    expected = others.exclude(dossier__etat=Etat.BROUILLON).count()
    assert expected > 0
    assert unread_total(dd37) == expected
    html = _client(dd37).get(reverse("instruction:messages")).content.decode()
    assert world["cls_en_instruction"].reference in html
    assert world["cls_rb_complement"].reference not in html
    assert unread_total(_fresh(world.users["siege_b"])) == 0  # a siège follows only as référent·e


def test_a_referent_who_left_the_delegation_no_longer_follows_its_dossiers(world):
    dd37 = world.users["dd37"]
    assert world["cls_en_instruction"] in Dossier.objects.followed_by(_fresh(dd37))
    Membership.objects.filter(user=dd37).update(is_active=False)
    assert not Dossier.objects.followed_by(_fresh(dd37)).exists()
    assert unread_total(_fresh(dd37)) == 0
