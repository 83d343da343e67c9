"""CLI, beat schedule and demo command."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django_celery_beat.models import PeriodicTask
from freezegun import freeze_time

from acces_soins.enums import OrigineBilan, StatutBilan
from acces_soins.models import BilanSemestriel, ComiteDePilotage
from tests.acces_soins.helpers import normalized, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_cli_writes_the_pdf_through_the_task_code_path(territory, tmp_path, capsys):
    output = tmp_path / "bilan.pdf"
    call_command("bilan_semestriel", "--perimetre", "region:24", "--semestre", "2026-S1", "--sortie", str(output))
    bilan = BilanSemestriel.objects.get()
    assert bilan.statut == StatutBilan.PRET
    assert bilan.origine == OrigineBilan.COMMANDE
    assert bilan.attempt == 1
    text = pdf_text(output.read_bytes())
    assert "page 1 /" in text
    assert "Région Centre-Val de Loire" in normalized(text)
    assert bilan.sha256 in capsys.readouterr().out


@pytest.mark.parametrize(
    ("perimetre", "semestre", "message"),
    [("region:24", "2026-S3", "Semestre invalide"), ("commune:1", "2026-S1", "Périmètre invalide")],
)
def test_cli_refuses_bad_arguments(territory, perimetre, semestre, message):
    with pytest.raises(CommandError, match=message):
        call_command("bilan_semestriel", "--perimetre", perimetre, "--semestre", semestre)


def test_beat_schedule_requests_bilans_on_1_january_and_1_july():
    task = PeriodicTask.objects.get(task="acces_soins.tasks.request_scheduled_bilans")
    assert task.enabled
    assert (task.crontab.day_of_month, task.crontab.month_of_year, task.crontab.hour) == ("1", "1,7", "6")
    assert str(task.crontab.timezone) == "Europe/Paris"


def test_scheduled_task_requests_and_produces_the_bilans(territory, django_capture_on_commit_callbacks):
    from acces_soins.tasks import request_scheduled_bilans

    with django_capture_on_commit_callbacks(execute=True):
        ids = request_scheduled_bilans.apply().get()
    assert len(ids) == 3  # région + 37 + 45
    assert set(BilanSemestriel.objects.values_list("statut", flat=True)) == {StatutBilan.PRET}


def test_demo_command_refuses_outside_demo(settings):
    settings.IS_DEMO = False
    with pytest.raises(CommandError, match="démonstration"):
        call_command("demo_acces_soins")


def test_demo_command_is_idempotent(settings, territory):
    settings.IS_DEMO = True
    call_command("demo_acces_soins")
    call_command("demo_acces_soins")
    assert ComiteDePilotage.objects.count() == 2
    assert "(fictif)" in ComiteDePilotage.objects.first().decisions.first().texte
    ready = BilanSemestriel.objects.filter(statut=StatutBilan.PRET, perimetre_type="region")
    assert ready.count() == 1


def test_demo_campaign_is_open_and_half_filled(
    settings, territory, siege_agent, dd_agent, dd45_agent, collectivite, collectivite2
):
    """The board of the demo campaign shows contributions at every step, and late drafts (idempotent)."""
    from collections import Counter

    from acces_soins.campagne.tableau import retard_jours
    from acces_soins.enums import StatutCampagne
    from acces_soins.models import Campagne
    from tests.acces_soins.campagne_world import make_contrat

    make_contrat(collectivite, territory["dep37"])
    make_contrat(collectivite2, territory["dep45"], nom="CLS du Montargois")
    settings.IS_DEMO = True
    with freeze_time("2026-12-04"):
        call_command("demo_acces_soins")
        call_command("demo_acces_soins")
    campagne = Campagne.objects.get()
    assert (campagne.semestre, campagne.statut, campagne.ouverte_par) == (
        "2026-S1",
        StatutCampagne.OUVERTE,
        siege_agent,
    )
    etats = Counter(campagne.contributions.values_list("etat", flat=True))
    assert {"brouillon", "validee", "consolidee"} <= set(etats)  # a délégation validates as it sends
    drafts = campagne.contributions.filter(etat="brouillon")
    assert all(retard_jours(c, on=datetime.date(2026, 12, 4)) > 0 for c in drafts)


def test_demo_statuses_say_they_are_fictitious(settings, territory):
    """The demo moves some real measures forward: each such status names itself as demo data, with its date;
    the measures the demo leaves alone keep the plan's own source."""
    from acces_soins.demo import DEMO_STATUSES
    from acces_soins.models import DeclinaisonMesure, Mesure

    settings.IS_DEMO = True
    call_command("demo_acces_soins")
    mesures = {m.reference: m for m in Mesure.objects.select_related("priorite", "statut_document")}
    for reference, statut in DEMO_STATUSES.items():
        mesure = mesures[reference]
        assert (mesure.statut, mesure.statut_document) == (statut, None)
        assert mesure.statut_source.startswith("Données fictives de démonstration")
    assert mesures["P1.4"].statut_document.code == "cvl-plan-acces-soins-2017"
    declinaisons = DeclinaisonMesure.objects.all()
    assert declinaisons.exists()
    assert all(d.statut_source.startswith("Données fictives de démonstration") for d in declinaisons)
