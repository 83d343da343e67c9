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


@pytest.mark.django_db
def test_demo_files_projets_de_sante_online(territory, settings):
    from cpts.models import Cpts, ProjetSanteCpts
    from instruction.enums import Etat
    from tests.territoires.factories import DepartementFactory

    settings.IS_DEMO = True
    call_command("demo_comptes")
    for code in ("18", "28", "36", "41"):
        DepartementFactory(code=code, nom=f"Département {code}")
    call_command("demo_cpts")
    projets = ProjetSanteCpts.objects.select_related("dossier", "cpts")
    assert sorted(projet.dossier.etat for projet in projets) == [Etat.DEPOSEE, Etat.EN_INSTRUCTION]
    assert all(projet.cpts.is_fictif and projet.cpts.etape == "projet_depose" for projet in projets)
    assert not Cpts.objects.filter(is_fictif=False).exists()
    call_command("demo_cpts")
    assert ProjetSanteCpts.objects.count() == 2


@pytest.mark.django_db
def test_demo_does_not_reproduce_the_real_baselines(territory, settings):
    """The CVL plan counts 65 MSP and 53 centres de santé dont 7 pluri-professionnels (1 July 2017): the fictitious
    registers must not land on those figures; every structure is flagged fictitious."""
    import datetime

    from cpts.models import CentreSante, EquipeSoinsPrimaires, Msp
    from cpts.services import centres_de_sante_counts, msp_en_fonctionnement
    from tests.territoires.factories import DepartementFactory

    settings.IS_DEMO = True
    call_command("demo_comptes")
    for code in ("18", "28", "36", "41"):
        DepartementFactory(code=code, nom=f"Département {code}")
    call_command("demo_cpts")
    region = territory["dep37"].region
    assert Msp.objects.count() != 65
    assert msp_en_fonctionnement(region=region, on=datetime.date(2017, 7, 1)) != 65
    counts = centres_de_sante_counts(region=region, on=datetime.date(2017, 7, 1))
    assert (counts["total"], counts["pluriprofessionnels"]) != (53, 7)
    for model in (Msp, CentreSante, EquipeSoinsPrimaires):
        assert model.objects.exists()
        assert not model.objects.filter(is_fictif=False).exists()
