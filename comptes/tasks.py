from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=30,
    time_limit=60,
)
def send_email(*, subject: str, body: str, to: list[str], from_email: str | None = None) -> int:
    """Send one plain-text e-mail, from the région's sender when given (`Identite.expediteur`).
    Idempotent enough: a retried message is at worst sent twice."""
    return EmailMessage(subject=subject, body=body, from_email=from_email or settings.DEFAULT_FROM_EMAIL, to=to).send()
