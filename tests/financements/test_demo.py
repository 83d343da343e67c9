import pytest
from django.core.management import CommandError, call_command

from financements.models import Cofinancement, Engagement, Enveloppe, Paiement
from tests.territoires.factories import CommuneFactory, EpciFactory

pytestmark = pytest.mark.django_db


def test_demo_refused_outside_demo(settings):
    settings.IS_DEMO = False
    with pytest.raises(CommandError, match="IS_DEMO"):
        call_command("demo_financements")


def test_demo_is_fictitious_and_idempotent(settings, territory, siege_agent, cpts_porteur):
    from tests.cpts.conftest import ensure_reference_data

    ensure_reference_data()
    settings.IS_DEMO = True
    for n in range(4):
        epci = EpciFactory(nom=f"CC fictive {n}", population=20_000 + n)
        CommuneFactory(
            code_insee=f"4510{n}", nom=f"Commune {n}", departement=territory["dep45"], epci=epci, population=5_000
        )
    siege_agent.is_superuser = True
    siege_agent.save()
    call_command("demo_cls")
    call_command("demo_financements")
    assert Enveloppe.objects.count() == 3
    assert all("(fictif)" in libelle for libelle in Enveloppe.objects.values_list("libelle", flat=True))
    cts = Enveloppe.objects.get(libelle="Plans d'action des CTS 2026 (fictif)")
    assert cts.montant == 2_600_000
    assert cts.departements.count() == 2
    engagements = Engagement.objects.count()
    assert Engagement.objects.filter(beneficiaire__programme="cls_ingenierie").exists()
    assert Paiement.objects.exists()
    assert Cofinancement.objects.exists()
    call_command("demo_financements")
    assert Engagement.objects.count() == engagements
