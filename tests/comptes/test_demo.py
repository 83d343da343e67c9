import pytest
from django.core.management import CommandError, call_command

from comptes.demo import ACCOUNTS, DEMO_PASSWORD
from comptes.models import Membership, Organisation, User
from comptes.perms import get_scope

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_refused_outside_the_demo_settings(territory, settings):
    settings.IS_DEMO = False
    with pytest.raises(CommandError, match="jamais en production"):
        call_command("demo_comptes")
    assert not User.objects.exists()


def test_demo_accounts_are_idempotent_and_give_each_persona(territory, settings, capsys):
    settings.IS_DEMO = True
    call_command("demo_comptes")
    call_command("demo_comptes")
    assert User.objects.count() == len(ACCOUNTS) == 9
    assert Membership.objects.count() == 9
    assert Organisation.objects.filter(type="delegation").count() == 6
    personas = {user.email: get_scope(user).persona for user in User.objects.all()}
    assert personas == {
        "siege@demo.ars.fr": "siege",
        "dd37@demo.ars.fr": "delegation",
        "dd45@demo.ars.fr": "delegation",
        "collectivite@demo.fr": "collectivite",
        "collectivite2@demo.fr": "collectivite",
        "cpts@demo.fr": "porteur",
        "comite@demo.fr": "comite",
        "cpam@demo.fr": "partenaire",
        "urps@demo.fr": "partenaire",
    }
    assert User.objects.get(email="collectivite@demo.fr").check_password(DEMO_PASSWORD)
    assert "collectivite2@demo.fr" in capsys.readouterr().out
