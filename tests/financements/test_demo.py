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
    for enveloppe in Enveloppe.objects.select_related("region"):  # each says which région it belongs to
        assert enveloppe.region.code == "24"
        assert enveloppe.libelle.endswith(f"— {enveloppe.region.nom} (fictif)")
        assert f"région {enveloppe.region.nom} (24)" in enveloppe.notes
    cts = Enveloppe.objects.get(libelle=f"Plans d'action des CTS 2026 — {territory['dep37'].region.nom} (fictif)")
    assert cts.montant == 2_345_678  # made up: not Hauts-de-France's real 2,6 M€ for its CTS action plans
    assert not Enveloppe.objects.filter(montant=2_600_000).exists()
    assert cts.departements.count() == 2
    engagements = Engagement.objects.count()
    assert Engagement.objects.filter(beneficiaire__programme="cls_ingenierie").exists()
    assert Paiement.objects.exists()
    assert Cofinancement.objects.exists()
    call_command("demo_financements")
    assert Engagement.objects.count() == engagements


def test_a_demo_loaded_before_is_corrected(settings, territory, siege_agent):
    """An earlier demo: the CTS envelope copied Hauts-de-France's real 2 600 000 € and named no région."""
    from financements.services import enveloppe_create

    settings.IS_DEMO = True
    siege_agent.is_superuser = True
    siege_agent.save()
    region = territory["dep37"].region
    enveloppe_create(
        financeur="ars_fir",
        annee=2026,
        libelle="Plans d'action des CTS 2026 (fictif)",
        montant=2_600_000,
        region=region,
        departements=[territory["dep37"]],
        is_fictif=True,
        by=siege_agent,
    )
    call_command("demo_financements")
    enveloppe = Enveloppe.objects.get()
    assert (enveloppe.libelle, enveloppe.montant) == (f"Plans d'action des CTS 2026 — {region.nom} (fictif)", 2_345_678)
