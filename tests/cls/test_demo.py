import pytest
from django.core.management import CommandError, call_command

from cls.models import ContratLocalSante
from tests.territoires.factories import CommuneFactory, EpciFactory

pytestmark = pytest.mark.django_db


def test_demo_refused_outside_demo(settings):
    settings.IS_DEMO = False
    with pytest.raises(CommandError):
        call_command("demo_cls")


def test_demo_is_fictitious_and_idempotent(settings, territory, siege_agent):
    settings.IS_DEMO = True
    for n in range(4):
        epci = EpciFactory(nom=f"CC fictive {n}", population=20_000 + n)
        CommuneFactory(
            code_insee=f"4510{n}", nom=f"Commune {n}", departement=territory["dep45"], epci=epci, population=5_000
        )
    siege_agent.is_superuser = True
    siege_agent.save()
    call_command("demo_cls")
    count = ContratLocalSante.objects.count()
    assert count >= 2
    assert not ContratLocalSante.objects.filter(is_fictif=False).exists()
    assert all("(fictif)" in nom for nom in ContratLocalSante.objects.values_list("nom", flat=True))
    call_command("demo_cls")
    assert ContratLocalSante.objects.count() == count
