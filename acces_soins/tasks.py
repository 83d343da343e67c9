"""Celery tasks of acces_soins: thin wrappers over services/bilans.py."""

from celery import shared_task
from celery.signals import worker_ready

from config.production import TASK_OPTIONS


@shared_task(**TASK_OPTIONS)
def produce_bilan(self, bilan_id: int) -> str:
    """Produce one bilan. Safe to deliver several times: only one attempt produces the PDF."""
    from acces_soins.services.bilans import PRODUCTION, bilan_build
    from config.production import run_task

    return run_task(self, PRODUCTION, bilan_id, bilan_build)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def request_scheduled_bilans() -> list[int]:
    """Beat, 1 January and 1 July: request the bilans of the semester just ended."""
    from acces_soins.services.bilans import bilans_request_scheduled

    return [bilan.pk for bilan in bilans_request_scheduled()]


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def resume_bilans(all_unfinished: bool = False) -> list[int]:
    """Beat, every five minutes, and every worker at start: queue again the bilans whose production stopped
    (a worker killed mid-bilan, a message lost). The claim keeps each bilan produced exactly once."""
    from acces_soins.services.bilans import PRODUCTION
    from config.production import resume

    return resume(PRODUCTION, produce_bilan, all_unfinished=all_unfinished)


@worker_ready.connect
def _resume_when_a_worker_starts(sender=None, **kwargs):
    resume_bilans.delay(all_unfinished=True)
