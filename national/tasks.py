"""Celery tasks of the national view: thin wrappers over national.pdf."""

from celery import shared_task
from celery.signals import worker_ready

from config.production import TASK_OPTIONS


@shared_task(**TASK_OPTIONS)
def produce_synthese(self, synthese_id: int) -> str:
    """Produce one national synthesis PDF. Safe to deliver several times: only one attempt produces the PDF."""
    from config.production import run_task
    from national.pdf import PRODUCTION, synthese_build

    return run_task(self, PRODUCTION, synthese_id, synthese_build)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def resume_syntheses(all_unfinished: bool = False) -> list[int]:
    """Every worker at start: queue again the syntheses whose production stopped."""
    from config.production import resume
    from national.pdf import PRODUCTION

    return resume(PRODUCTION, produce_synthese, all_unfinished=all_unfinished)


@worker_ready.connect
def _resume_when_a_worker_starts(sender=None, **kwargs):
    resume_syntheses.delay(all_unfinished=True)
