import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_demo_refused_outside_demo(settings):
    settings.IS_DEMO = False
    with pytest.raises(CommandError, match="IS_DEMO"):
        call_command("demo_cpts")


@pytest.mark.django_db
def test_demo_lettre_is_co_instructed_with_an_avis(territory, settings, tmp_path):
    """The demo lettre is filed in dép. 37: the fictitious CPAM and URPS are invited, the CPAM gave its avis."""
    from cpts.demo import _demo_lettre
    from instruction.enums import Etat
    from instruction.models import Dossier

    settings.IS_DEMO = True
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo_comptes")
    _demo_lettre()
    dossier = Dossier.objects.get()
    assert dossier.etat == Etat.EN_INSTRUCTION
    assert set(dossier.participations.values_list("organisation__nom", flat=True)) == {
        "CPAM d'Indre-et-Loire (fictive)",
        "URPS médecins libéraux Centre-Val de Loire (fictive)",
    }
    assert list(dossier.avis.values_list("organisation__nom", "sens")) == [
        ("CPAM d'Indre-et-Loire (fictive)", "reserves")
    ]
