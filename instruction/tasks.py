from celery import shared_task
from celery.signals import worker_ready


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
    acks_late=True,
)
def send_notification(notification_id: int) -> bool:
    """Send one dossier notification e-mail (idempotent: a notification is sent once)."""
    from instruction.services.notifications import notification_send

    return notification_send(notification_id)


@shared_task(acks_late=True, soft_time_limit=5 * 60, time_limit=6 * 60)
def sweep_notifications() -> int:
    """Beat, every minute (and at worker start): send the notifications the outbox still holds."""
    from instruction.services.notifications import notifications_sweep

    return notifications_sweep()


@worker_ready.connect
def _sweep_when_a_worker_starts(sender=None, **kwargs):
    sweep_notifications.delay()
