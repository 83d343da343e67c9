"""Domain-free views: health check and the legal pages every public site carries."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from drf_spectacular.utils import extend_schema
from kombu import Connection
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny

logger = logging.getLogger(__name__)

# The accessibility statement's facts: the last review of the statement and the audit tool's version
# (pinned in package.json). Update both with the statement.
ACCESSIBILITY_REVIEW = "4 décembre 2026"
AXE_VERSION = "4.14.1"


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "down" for the probe
        logger.exception("Health check: database unreachable")
        return "error"
    return "ok"


def _broker_status() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # noqa: BLE001
        logger.exception("Health check: broker unreachable")
        return "error"
    return "ok"


@login_not_required
@require_GET
@never_cache
def healthz(request):
    checks = {"database": _database_status(), "broker": _broker_status()}
    healthy = all(value in ("ok", "eager") for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)


@login_not_required
@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
def api_not_found(request, *args, **kwargs):
    """Any other address under /api/v1/: a JSON 404, like every answer of the API (never an HTML page)."""
    raise NotFound("Adresse inconnue de l'API.")


class PublicPageView(TemplateView):
    """A static page readable without logging in (legal notice, accessibility…)."""

    @classmethod
    def as_view(cls, **initkwargs):
        return login_not_required(super().as_view(**initkwargs))

    def get_context_data(self, **kwargs):
        from comptes.context_processors import request_identite

        # The agency that edits the page: the visitor's région (`?region=<code>`), else the user's, else neutral.
        if self.request.GET.get("region", "").isalnum():
            self.request.identite_region_code = self.request.GET["region"][:3]
        identite = request_identite(self.request)
        neutral = "l'agence régionale de santé de votre région"
        return {
            **super().get_context_data(**kwargs),
            "identite": identite,
            "ars_nom": identite.nom if identite.is_regional else neutral,
            "ars_nom_court": identite.nom_court if identite.is_regional else neutral,
            "CONTACT_EMAIL": identite.contact,
            "HEBERGEUR": settings.HEBERGEUR,
            "MAP_TILES_URL": settings.MAP_TILES_URL,
            "declaration_date": ACCESSIBILITY_REVIEW,
            "axe_version": AXE_VERSION,
        }
