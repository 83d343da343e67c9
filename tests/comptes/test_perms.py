import pytest

from comptes import perms
from comptes.enums import Role
from comptes.models import Membership

pytestmark = pytest.mark.django_db


def test_scope_of_a_delegation_agent(dd_agent, territory):
    scope = perms.get_scope(dd_agent)
    assert scope.persona == "delegation"
    assert scope.departement_ids == {territory["dep37"].pk}
    assert perms.is_ars_agent(dd_agent)
    assert perms.is_ars_agent_for(dd_agent, territory["dep37"].pk)
    assert not perms.is_ars_agent_for(dd_agent, territory["dep45"].pk)
    assert not perms.is_siege_agent(dd_agent)


def test_siege_is_competent_everywhere(siege_agent, territory):
    assert perms.get_scope(siege_agent).persona == "siege"
    assert perms.is_ars_agent_for(siege_agent, territory["dep45"].pk)
    assert perms.is_siege_gestionnaire(siege_agent)


def test_roles_decide_who_may_edit_for_a_collectivite(porteur_manager, porteur_reader, other_porteur, collectivite):
    assert perms.can_edit_for_organisation(porteur_manager, collectivite.pk)
    assert not perms.can_edit_for_organisation(porteur_reader, collectivite.pk)
    assert not perms.can_edit_for_organisation(other_porteur, collectivite.pk)
    assert not perms.is_ars_agent(porteur_manager)


def test_inactive_memberships_give_nothing(dd_agent):
    Membership.objects.filter(user=dd_agent).update(is_active=False)
    dd_agent._scope_cache = None
    assert perms.get_scope(dd_agent).persona == "aucune"
    assert not perms.is_ars_agent(dd_agent)


def test_scope_is_read_once_per_user(dd_agent, django_assert_num_queries):
    with django_assert_num_queries(2):  # memberships + their organisations' départements
        perms.get_scope(dd_agent)
    with django_assert_num_queries(0):
        perms.get_scope(dd_agent)
        perms.is_ars_agent(dd_agent)


def test_comite_and_anonymous(expert, client):
    from django.contrib.auth.models import AnonymousUser

    assert perms.get_scope(expert).persona == "comite"
    assert perms.can_follow_programmes(expert)
    assert perms.role_in(expert, None) is None
    assert perms.get_scope(AnonymousUser()).persona == "aucune"
    assert not perms.can_view_territoires(AnonymousUser())
    assert Role.LECTURE in perms.get_scope(expert).roles.values()
