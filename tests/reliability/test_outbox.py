"""The outbox and the resumption, without processes: what `test_faults.py` proves on the real stack, case by case."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from acces_soins.enums import StatutBilan
from acces_soins.models import BilanSemestriel
from acces_soins.periods import Perimetre, Semestre
from acces_soins.services.bilans import bilan_claim, bilan_request, bilans_to_resume
from config.celery import app, send_after_commit
from instruction.enums import StatutNotification
from instruction.models import Notification
from instruction.services.notifications import notification_send, notifications_sweep
from instruction.tasks import send_notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(monkeypatch):
    """Not eager, and every publication fails like a stopped Redis."""

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_notification, "apply_async", refuse)
    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    yield
    app.conf.task_always_eager = eager


@pytest.fixture
def filed(draft_of, dd_agent, broker_down, django_capture_on_commit_callbacks, settings):
    from instruction.services import dossier_submit

    settings.OUTBOX_SWEEP_DELAY = 0
    user, lettre = draft_of("cls")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dossier_submit(dossier=lettre.dossier, by=user)  # the enqueue fails after commit: no exception
    return lettre.dossier


def test_a_filing_while_the_broker_is_down_leaves_its_notification_in_the_outbox(filed):
    assert list(Notification.objects.filter(dossier=filed).values_list("statut", flat=True)) == [
        StatutNotification.A_ENVOYER
    ]
    assert mail.outbox == []


def test_the_sweep_sends_it_once_and_a_late_task_sends_nothing(filed):
    assert notifications_sweep() == 1
    assert [message.subject for message in mail.outbox] == [f"[Santé Territoires] Dossier {filed.reference} déposé"]
    notification = Notification.objects.get(dossier=filed)
    assert notification.statut == StatutNotification.ENVOYEE
    assert notifications_sweep() == 0
    assert notification_send(notification.pk) is False
    assert len(mail.outbox) == 1


def test_the_sweep_waits_for_the_normal_path_first(filed, settings):
    settings.OUTBOX_SWEEP_DELAY = 60
    assert notifications_sweep() == 0  # the task may still be on its way
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=2))
    assert notifications_sweep() == 1


def test_a_claim_whose_worker_died_is_given_back_after_the_lease(filed, settings):
    settings.OUTBOX_CLAIM_LEASE = 600
    notification = Notification.objects.get(dossier=filed)
    Notification.objects.filter(pk=notification.pk).update(
        statut=StatutNotification.EN_COURS, claimed_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    assert notifications_sweep() == 0  # a live claim is left alone
    Notification.objects.filter(pk=notification.pk).update(claimed_at=timezone.now() - datetime.timedelta(minutes=11))
    assert notifications_sweep() == 1
    assert len(mail.outbox) == 1


def test_send_after_commit_never_fails_the_caller(broker_down, django_capture_on_commit_callbacks, caplog):
    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit(send_notification, 123)
    assert "Broker unreachable" in caplog.text


def test_the_outbox_sweep_and_the_bilan_resumption_are_scheduled():
    """The beat rows the migrations write (applied again: a transactional test may have flushed them)."""
    from importlib import import_module

    from django.apps import apps
    from django_celery_beat.models import PeriodicTask

    import_module("instruction.migrations.0006_beat_schedule_outbox_sweep").create_schedule(apps, None)
    import_module("acces_soins.migrations.0010_beat_schedule_bilans_resume").create_schedule(apps, None)
    sweep = PeriodicTask.objects.get(task="instruction.tasks.sweep_notifications")
    assert (sweep.interval.every, sweep.interval.period, sweep.enabled) == (1, "minutes", True)
    resume = PeriodicTask.objects.get(task="acces_soins.tasks.resume_bilans")
    assert (resume.interval.every, resume.interval.period) == (5, "minutes")


def test_bilans_to_resume(territory):
    from tests.acces_soins.factories import ensure_plan_seed

    ensure_plan_seed()
    region, semestre = Perimetre.parse("region:24"), Semestre.parse("2026-S1")
    fresh = bilan_request(perimetre=region, semestre=semestre, enqueue=False)
    assert bilans_to_resume() == []  # its message is on its way
    assert bilans_to_resume(all_unfinished=True) == [fresh.pk]
    BilanSemestriel.objects.filter(pk=fresh.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=6))
    assert bilans_to_resume() == [fresh.pk]  # lost message
    assert bilan_claim(fresh.pk) == 1
    assert bilans_to_resume() == []  # a live attempt holds it
    BilanSemestriel.objects.filter(pk=fresh.pk).update(lease_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert bilans_to_resume() == [fresh.pk]  # its worker died
    BilanSemestriel.objects.filter(pk=fresh.pk).update(statut=StatutBilan.ECHEC, erreur="Échec de test.")
    assert bilans_to_resume(all_unfinished=True) == []
