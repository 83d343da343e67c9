"""Portrait PDFs and consultation files share the bilans' lease and resumption (config.production): a pending job
whose message was lost, or a claim whose worker died, is queued again; a live claim is not."""

import datetime

import pytest
from django.utils import timezone

from config.production import RESUME_PENDING_AFTER, StatutProduction, lease
from portraits.models import PortraitPdf
from portraits.services.pdf import PRODUCTION

pytestmark = pytest.mark.django_db


def job(**fields) -> PortraitPdf:
    return PortraitPdf.objects.create(
        niveau="commune", code="37132", libelle="Loches", audience="public", jour=datetime.date(2026, 6, 1), **fields
    )


def test_lease_is_the_setting_and_renewed_by_progress(settings):
    settings.PRODUCTION_LEASE_SECONDS = 42
    assert lease() == datetime.timedelta(seconds=42)
    pending = job()
    attempt = PRODUCTION.claim(pending.pk)
    claimed = PortraitPdf.objects.get(pk=pending.pk)
    assert (claimed.statut, attempt) == (StatutProduction.EN_COURS, 1)
    assert claimed.lease_expires_at - claimed.started_at == datetime.timedelta(seconds=42)
    PortraitPdf.objects.filter(pk=pending.pk).update(lease_expires_at=timezone.now())
    assert PRODUCTION.progress(pending.pk, attempt, 50)
    assert PortraitPdf.objects.get(pk=pending.pk).lease_expires_at > timezone.now() + datetime.timedelta(seconds=40)


def test_which_portraits_are_resumed():
    now = timezone.now()
    fresh = job()
    lost = job()
    PortraitPdf.objects.filter(pk=lost.pk).update(created_at=now - RESUME_PENDING_AFTER - datetime.timedelta(1))
    live = job(statut=StatutProduction.EN_COURS, attempt=1, lease_expires_at=now + datetime.timedelta(minutes=1))
    dead = job(statut=StatutProduction.EN_COURS, attempt=1, lease_expires_at=now - datetime.timedelta(seconds=1))
    job(statut=StatutProduction.PRET)
    assert PRODUCTION.to_resume() == [lost.pk, dead.pk]
    assert PRODUCTION.to_resume(all_unfinished=True) == [fresh.pk, lost.pk, live.pk, dead.pk]


def test_beat_schedules_of_portraits_and_consultations():
    from django_celery_beat.models import PeriodicTask

    tasks = set(PeriodicTask.objects.values_list("task", flat=True))
    assert {"portraits.tasks.resume_portraits", "zonage.tasks.resume_consultations"} <= tasks
