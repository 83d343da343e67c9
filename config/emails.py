"""Domain-free helpers of the e-mails the portal sends: absolute links built on `SITE_URL`."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """A link that works in an e-mail client: `SITE_URL` (required in production) followed by the path."""
    return settings.SITE_URL.rstrip("/") + path
