import pytest
from django.urls import reverse

from comptes.enums import Role
from comptes.models import Membership

pytestmark = pytest.mark.django_db


def test_membership_changes_are_kept_in_history(porteur_manager):
    membership = Membership.objects.get(user=porteur_manager)
    membership.role = Role.LECTURE
    membership.save()
    assert [record.role for record in membership.history.order_by("history_date")] == [Role.GESTIONNAIRE, Role.LECTURE]


def test_history_is_visible_read_only_in_the_admin(client, porteur_manager, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@test.ars.fr", password="x" * 16)
    client.force_login(admin)
    organisation = Membership.objects.get(user=porteur_manager).organisation
    response = client.get(reverse("admin:comptes_organisation_history", args=[organisation.pk]))
    assert response.status_code == 200
    assert "Revert" not in response.content.decode()
    assert "Rétablir" not in response.content.decode()
    history_id = organisation.history.first().history_id
    url = reverse("admin:comptes_organisation_simple_history", args=[organisation.pk, history_id])
    detail = client.get(url).content.decode()
    assert "CC Loches Sud Touraine" in detail
    assert 'name="_save"' not in detail  # SIMPLE_HISTORY_REVERT_DISABLED: no revert button


def test_passwords_are_not_kept_in_user_history(porteur_manager):
    assert not hasattr(porteur_manager.history.model, "password")
