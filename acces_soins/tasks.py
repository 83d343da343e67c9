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
    """Beat, 1 January and 1 July: request the bilans of the semester just ended, for a région without a campaign
    (a campaign produces its bilans when it is frozen)."""
    from acces_soins.services.bilans import bilans_request_scheduled

    return [bilan.pk for bilan in bilans_request_scheduled()]


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def rappels_campagnes() -> int:
    """Beat, every morning: the reminders of the open campaigns (J-15, J-7, J-1) and the délégations told about
    their late contributors (idempotent)."""
    from django.utils import timezone

    from acces_soins.campagne.rappels import rappels_envoyer

    return len(rappels_envoyer(on=timezone.localdate()))


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def cloturer_campagne(campagne_id: int) -> bool:
    """Beat, the day after a campaign's closing date (one-off schedule): freeze it if the siège has not."""
    from acces_soins.campagne.services import campagne_cloturer_programmee

    return campagne_cloturer_programmee(campagne_id)


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
