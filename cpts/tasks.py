"""Celery tasks of cpts: thin wrappers over services."""

import datetime

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def send_mission_reminders(date: str | None = None) -> int:
    """Beat, every morning: e-mail the reminders of the mission deadlines due today (idempotent)."""
    from django.utils import timezone

    from cpts.services.rappels import rappels_envoyer

    on = datetime.date.fromisoformat(date) if date else timezone.localdate()
    return len(rappels_envoyer(on=on))
