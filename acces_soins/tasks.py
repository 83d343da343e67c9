"""Celery tasks of acces_soins: thin wrappers over services/bilans.py."""

from celery import shared_task
from celery.signals import worker_ready

from acces_soins.services.bilans import SOFT_TIME_LIMIT, TIME_LIMIT, TRANSIENT_ERRORS

MAX_RETRIES = 5


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
)
def produce_bilan(self, bilan_id: int) -> str:
    """Produce one bilan. Safe to deliver several times: only one attempt produces the PDF."""
    from acces_soins.services.bilans import BilanBusy, bilan_produce

    try:
        bilan = bilan_produce(bilan_id, final_attempt=self.request.retries >= self.max_retries)
    except BilanBusy as busy:
        if self.request.is_eager:
            return ""  # eager mode (demo, tests) has no other worker to wait for
        # Another worker holds a live lease (or held it before dying): look again when it expires.
        raise self.retry(countdown=busy.retry_in, max_retries=None) from None
    return bilan.sha256 if bilan else ""


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def request_scheduled_bilans() -> list[int]:
    """Beat, 1 January and 1 July: request the bilans of the semester just ended."""
    from acces_soins.services.bilans import bilans_request_scheduled

    return [bilan.pk for bilan in bilans_request_scheduled()]


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def resume_bilans(all_unfinished: bool = False) -> list[int]:
    """Beat, every five minutes, and every worker at start: queue again the bilans whose production stopped
    (a worker killed mid-bilan, a message lost). The claim keeps each bilan produced exactly once."""
    from acces_soins.services.bilans import bilans_to_resume

    ids = bilans_to_resume(all_unfinished=all_unfinished)
    for bilan_id in ids:
        produce_bilan.delay(bilan_id)
    return ids


@worker_ready.connect
def _resume_when_a_worker_starts(sender=None, **kwargs):
    resume_bilans.delay(all_unfinished=True)
