"""The audit log: who logged in, who failed, who exported or downloaded what (model EvenementAudit).

Logins and failures come from Django's authentication signals (and axes' lockout signal); exports and
downloads from `AuditDownloadMiddleware`, which records every successful response sent as an attachment — a
new export or download view is logged without a line of code.
"""

import re

from comptes.enums import TypeEvenement

EXPORT_TYPES = ("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None if request is not None else None


def record(*, type: str, request=None, user=None, email: str = "", detail: str = "") -> None:
    from comptes.models import EvenementAudit

    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    EvenementAudit.objects.create(
        type=type,
        user=user,
        email=(email or getattr(user, "email", "") or "")[:254],
        ip=client_ip(request),
        chemin=(request.get_full_path() if request is not None else "")[:500],
        detail=detail[:500],
    )


def on_logged_in(sender, request, user, **kwargs):
    record(type=TypeEvenement.CONNEXION, request=request, user=user)


def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(type=TypeEvenement.DECONNEXION, request=request, user=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    record(type=TypeEvenement.ECHEC, request=request, email=str(credentials.get("username", "")))


def on_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    record(type=TypeEvenement.BLOCAGE, request=request, email=username or "", detail=f"IP {ip_address or '?'}")


def attachment_name(response) -> str | None:
    """The file name of a response sent as an attachment, or None."""
    disposition = response.get("Content-Disposition", "")
    if not disposition.startswith("attachment"):
        return None
    match = re.search(r"filename\*?=(?:UTF-8'')?\"?([^\";]+)", disposition)
    return match.group(1) if match else "fichier"


class AuditDownloadMiddleware:
    """Record every successful attachment (export CSV/XLSX, document, PDF) with its user and address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        name = attachment_name(response) if response.status_code == 200 else None
        if name:
            content_type = response.get("Content-Type", "")
            kind = TypeEvenement.EXPORT if content_type.startswith(EXPORT_TYPES) else TypeEvenement.TELECHARGEMENT
            record(type=kind, request=request, user=request.user, detail=name)
        return response
