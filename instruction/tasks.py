from celery import shared_task


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
