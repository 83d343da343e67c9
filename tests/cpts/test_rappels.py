"""Reminder e-mails for mission deadlines, on hand-computed dates.

The `signed` CPTS has its ACI on 10/01/2023: accès aux soins and crises must start by 10/07/2023 and be
deployed by 10/07/2024, parcours and prévention start by 10/01/2024 and deploy by 10/01/2025; the
optional qualité mission has no deadline. Steps seeded: 30 and 7 days.
"""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from config.typography import fr_date
from cpts.models import MissionCpts, RappelMission
from cpts.services.rappels import palier_for, paliers, rappels_envoyer
from referentiel.models import Parametre, Source

pytestmark = pytest.mark.django_db

D = datetime.date


def _run(on):
    return [(r.mission.mission.code, r.echeance, r.palier) for r in rappels_envoyer(on=on)]


def test_steps_are_register_rows_a_region_may_add_to():
    """30 and 7 days are national rows (a choice of the portal, « à confirmer »); a region adds its own step."""
    assert paliers(D(2026, 1, 1), region="24") == [30, 7]
    assert all(row.a_confirmer for row in Parametre.objects.filter(domaine="cpts", code="rappel_jours"))
    source = Source.objects.create(
        code="test-ars-24", titre="Décision ARS test", nature="document_ars", region_code="24"
    )
    Parametre.objects.create(
        domaine="cpts",
        code="rappel_jours",
        cle="3",
        libelle="Rappel n° 3",
        valeur=Decimal("15"),
        region_code="24",
        valide_du=D(2026, 1, 1),
        source=source,
    )
    assert paliers(D(2025, 12, 31), region="24") == [30, 7]
    assert paliers(D(2026, 1, 1), region="24") == [30, 15, 7]
    assert paliers(D(2026, 1, 1), region="53") == [30, 7]  # another region never gets it


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2023, 6, 9), None),  # 31 days before
        (D(2023, 6, 10), "J-30"),  # 30 days before
        (D(2023, 7, 2), "J-30"),  # 8 days before: still the 30-day step
        (D(2023, 7, 3), "J-7"),
        (D(2023, 7, 10), "J-7"),  # the deadline day itself is not overdue
        (D(2023, 7, 11), "retard"),
    ],
)
def test_step_reached(on, expected):
    assert palier_for(D(2023, 7, 10), on, [30, 7]) == expected


def test_reminders_on_hand_computed_dates(signed, mailoutbox):
    assert _run(D(2023, 6, 9)) == []
    assert sorted(_run(D(2023, 6, 10))) == [("acces_soins", "demarrage", "J-30"), ("crises", "demarrage", "J-30")]
    assert _run(D(2023, 6, 11)) == []
    assert sorted(_run(D(2023, 7, 3))) == [("acces_soins", "demarrage", "J-7"), ("crises", "demarrage", "J-7")]
    assert _run(D(2023, 7, 10)) == []
    assert sorted(_run(D(2023, 7, 11))) == [
        ("acces_soins", "demarrage", "retard"),
        ("crises", "demarrage", "retard"),
    ]
    assert _run(D(2023, 7, 12)) == []  # overdue: once
    assert sorted(_run(D(2023, 12, 11))) == [("parcours", "demarrage", "J-30"), ("prevention", "demarrage", "J-30")]
    assert len(mailoutbox) == 8
    assert RappelMission.objects.count() == 8


def test_running_twice_sends_nothing_more(signed, mailoutbox):
    assert len(_run(D(2023, 6, 10))) == 2
    assert _run(D(2023, 6, 10)) == []
    assert len(mailoutbox) == 2


def test_catch_up_sends_only_the_most_urgent_step(signed, mailoutbox):
    """The task did not run for a month: on 05/07/2023 only the 7-day reminder goes out."""
    assert sorted(_run(D(2023, 7, 5))) == [("acces_soins", "demarrage", "J-7"), ("crises", "demarrage", "J-7")]
    assert _run(D(2023, 7, 6)) == []


def test_nothing_for_started_or_deployed_missions(signed, mailoutbox):
    acces = MissionCpts.objects.get(cpts=signed, mission__code="acces_soins")
    acces.date_demarrage = D(2023, 5, 2)
    acces.save()
    assert _run(D(2023, 6, 10)) == [("crises", "demarrage", "J-30")]
    # the deployment deadline (10/07/2024) is still reminded while the mission is not deployed …
    assert ("acces_soins", "deploiement", "J-30") in _run(D(2024, 6, 10))
    # … and nothing once it is deployed.
    acces.date_deploiement = D(2024, 6, 12)
    acces.save()
    assert ("acces_soins", "deploiement", "J-7") not in _run(D(2024, 7, 3))


def test_nothing_for_cpts_without_aci(validated, mailoutbox):
    assert _run(D(2026, 1, 1)) == []
    assert mailoutbox == []


def test_recipients_and_content(
    signed, cpts_porteur, cpts_reader, dd_agent, dd45_agent, siege_agent, other_porteur, mailoutbox
):
    _run(D(2023, 6, 10))
    message = next(m for m in mailoutbox if "Accès aux soins" in m.subject)
    assert sorted(message.to) == sorted(["cpts@test.fr", "lecteur-cpts@test.fr", dd_agent.email])
    assert dd45_agent.email not in message.to
    assert siege_agent.email not in message.to
    assert "Échéance dans 30\xa0jours : démarrage de la mission « Accès aux soins" in message.subject
    assert "au plus tard le 10 juillet 2023, soit dans 30\xa0jours" in message.body
    assert reverse("cpts:detail", args=[signed.public_id]) in message.body
    log = RappelMission.objects.get(mission__mission__code="acces_soins")
    assert log.destinataires == sorted(message.to)
    mailoutbox.clear()
    _run(D(2023, 7, 11))
    late = next(m for m in mailoutbox if "Accès aux soins" in m.subject)
    assert late.subject.startswith("Échéance dépassée : démarrage")
    assert "dépassée depuis 1\xa0jour" in late.body


def test_a_failing_send_is_retried_next_run(signed, mailoutbox, monkeypatch):
    from cpts.services import rappels

    def boom(*args, **kwargs):
        raise ConnectionError("SMTP indisponible")

    monkeypatch.setattr(rappels, "send_mail", boom)
    with pytest.raises(ConnectionError):
        rappels_envoyer(on=D(2023, 6, 10))
    assert not RappelMission.objects.exists()
    monkeypatch.undo()
    assert len(_run(D(2023, 6, 10))) == 2


def test_command_dry_run_and_date(signed, mailoutbox):
    out = StringIO()
    call_command("rappels_missions", "--date", "2023-06-10", "--dry-run", stdout=out)
    assert "2\u00a0rappels à envoyer pour le 10/06/2023" in out.getvalue()
    assert "Accès aux soins" in out.getvalue()
    assert mailoutbox == []
    assert not RappelMission.objects.exists()
    out = StringIO()
    call_command("rappels_missions", "--date", "2023-06-10", stdout=out)
    assert "2\u00a0rappels envoyés" in out.getvalue()
    assert len(mailoutbox) == 2


def test_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Date invalide"):
        call_command("rappels_missions", "--date", "10/06/2023")


def test_task_is_thin_and_idempotent(signed, mailoutbox):
    from cpts.tasks import send_mission_reminders

    assert send_mission_reminders.delay("2023-06-10").get() == 2
    assert send_mission_reminders.delay("2023-06-10").get() == 0
    assert len(mailoutbox) == 2


def test_beat_schedule_runs_the_reminders_every_morning():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="cpts.tasks.send_mission_reminders")
    assert task.enabled
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_month) == ("30", "7", "*")
    assert str(task.crontab.timezone) == "Europe/Paris"


def test_porteur_home_shows_the_next_deadlines(client, cpts_porteur, territory, cpts_org, siege_agent):
    from django.utils import timezone

    from cpts.services.regles import add_months
    from tests.cpts.factories import signed_cpts

    today = timezone.localdate()
    signed_cpts(porteur=cpts_org, departement=territory["dep37"], by=siege_agent, date_aci=today, nom="CPTS récente")
    client.force_login(cpts_porteur)
    page = client.get("/").content.decode()
    assert "Prochaines échéances des missions" in page
    assert fr_date(add_months(today, 6)) in page
    assert "CPTS récente" in page
