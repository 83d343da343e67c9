"""Celery tasks of portraits: thin wrappers over services."""

from celery import shared_task
from celery.signals import worker_ready

from config.production import TASK_OPTIONS


@shared_task(**TASK_OPTIONS)
def produce_portrait(self, portrait_id: int) -> str:
    """Produce one portrait PDF. Safe to deliver several times: only one attempt produces the PDF."""
    from config.production import run_task
    from portraits.services.pdf import PRODUCTION, portrait_build

    return run_task(self, PRODUCTION, portrait_id, portrait_build)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def resume_portraits(all_unfinished: bool = False) -> list[int]:
    """Beat, every five minutes, and every worker at start: queue again the portraits whose production stopped."""
    from config.production import resume
    from portraits.services.pdf import PRODUCTION

    return resume(PRODUCTION, produce_portrait, all_unfinished=all_unfinished)


@worker_ready.connect
def _resume_when_a_worker_starts(sender=None, **kwargs):
    resume_portraits.delay(all_unfinished=True)
