"""Celery tasks of registres: thin wrappers over services."""

import datetime

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def purger_donnees_personnelles(date: str | None = None) -> dict:
    """Beat, every night: erase the personal data of the registers older than the retention period (idempotent)."""
    from django.utils import timezone

    from registres.services.purge import purger

    on = datetime.date.fromisoformat(date) if date else timezone.localdate()
    return purger(on=on)
