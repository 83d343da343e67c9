import pytest
from django.core.management import CommandError, call_command

from indicateurs.models import Cible, Indicateur, Valeur
from tests.indicateurs.factories import PerimetreFactory, ValeurFactory

pytestmark = pytest.mark.django_db


def test_demo_refuses_outside_demo_settings(territory):
    with pytest.raises(CommandError, match="démonstration"):
        call_command("demo_indicateurs")
    assert Valeur.objects.count() == 0


def test_demo_creates_fictitious_data_idempotently(territory, settings):
    settings.IS_DEMO = True
    real = ValeurFactory(
        indicateur=Indicateur.objects.get(code="P4_CLS"), perimetre=PerimetreFactory(), periode="2025-S1", valeur=18
    )
    call_command("demo_indicateurs")
    count = Valeur.objects.count()
    assert count > 100
    call_command("demo_indicateurs")
    assert Valeur.objects.count() == count
    assert not Valeur.objects.exclude(pk=real.pk).filter(fictif=False).exists()
    real.refresh_from_db()
    assert real.valeur == 18  # a real value is never overwritten
    assert real.fictif is False
    assert Cible.objects.filter(fictif=True).count() == Indicateur.objects.count()
    assert Valeur.objects.filter(perimetre__code="37", fictif=True).exists()
