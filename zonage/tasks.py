"""Celery tasks of zonage: thin wrappers over services."""

from celery import shared_task
from celery.signals import worker_ready

from config.production import TASK_OPTIONS


@shared_task(**TASK_OPTIONS)
def produce_consultation(self, job_id: int) -> str:
    """Produce the consultation file of an arrêté project. Safe to deliver several times."""
    from config.production import run_task
    from zonage.services.consultation import PRODUCTION, consultation_build

    return run_task(self, PRODUCTION, job_id, consultation_build)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def resume_consultations(all_unfinished: bool = False) -> list[int]:
    """Beat, every five minutes, and every worker at start: queue again the consultation files whose production
    stopped (a worker killed mid-file, a message lost)."""
    from config.production import resume
    from zonage.services.consultation import PRODUCTION

    return resume(PRODUCTION, produce_consultation, all_unfinished=all_unfinished)


@worker_ready.connect
def _resume_when_a_worker_starts(sender=None, **kwargs):
    resume_consultations.delay(all_unfinished=True)
