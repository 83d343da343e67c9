"""Celery tasks of zonage: thin wrappers over services."""

from celery import shared_task

from config.production import TASK_OPTIONS


@shared_task(**TASK_OPTIONS)
def produce_consultation(self, job_id: int) -> str:
    """Produce the consultation file of an arrêté project. Safe to deliver several times."""
    from config.production import run_task
    from zonage.services.consultation import PRODUCTION, consultation_build

    return run_task(self, PRODUCTION, job_id, consultation_build)
