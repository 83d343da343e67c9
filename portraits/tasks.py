"""Celery tasks of portraits: thin wrappers over services."""

from celery import shared_task

from config.production import TASK_OPTIONS


@shared_task(**TASK_OPTIONS)
def produce_portrait(self, portrait_id: int) -> str:
    """Produce one portrait PDF (and join it to its lettre d'intention). Safe to deliver several times."""
    from config.production import run_task
    from portraits.services.pdf import PRODUCTION, portrait_build

    return run_task(self, PRODUCTION, portrait_id, portrait_build)
