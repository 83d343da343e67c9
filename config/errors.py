"""Error pages in the DSFR shell (400, 403, 404, 500, CSRF failure), JSON under /api/.

Wired in `config/urls.py` (handler400/403/404/500) and `CSRF_FAILURE_VIEW`. In the demo (DEBUG),
`config.middleware.ErrorPagesInDebugMiddleware` serves the same 404 page instead of Django's
technical one, so that what a demo user sees is what production shows; a 500 keeps Django's
debug page there, because that is what a developer running the demo needs.

A 403 says why (the message of the PermissionDenied, usually the French rule of the failed `can_*`
predicate, see `comptes.perms.refuse`) and who can grant access (`comptes.selectors.access_contacts`).
"""

import logging

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
JSON_DETAIL = {
    400: "Requête illisible.",
    403: "Vous n'avez pas la permission d'effectuer cette action.",
    404: "Ressource introuvable.",
    500: "Erreur interne du serveur.",
}


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _mark(response):
    """Tell ErrorPagesInDebugMiddleware that this response is already our error page."""
    response.portal_error_page = True
    return response


@requires_csrf_token
def permission_denied(request, exception=None, *, reason: str = ""):
    reason = reason or (str(exception) if exception is not None else "")
    if _is_api(request):
        return _mark(JsonResponse({"detail": reason or JSON_DETAIL[403]}, status=403))
    from comptes.selectors import access_contacts

    context = {"title": "Accès refusé", "reason": reason, **access_contacts(request.user)}
    return _mark(render(request, "403.html", context, status=403))


@requires_csrf_token
def page_not_found(request, exception=None):
    if _is_api(request):
        return _mark(JsonResponse({"detail": JSON_DETAIL[404]}, status=404))
    return _mark(render(request, "404.html", {"title": "Page non trouvée"}, status=404))


def _minimal_page(request, *, status: int, title: str):
    """No database query and no context processor: the error may come from the database itself."""
    if _is_api(request):
        return _mark(JsonResponse({"detail": JSON_DETAIL[status]}, status=status))
    from config.context_processors import site

    context = {**site(request), "request": request, "title": title, "minimal": True}
    return _mark(HttpResponse(render_to_string(f"{status}.html", context), status=status))


@requires_csrf_token
def bad_request(request, exception=None):
    """An unreadable request (too many fields or files, a broken multipart body)."""
    return _minimal_page(request, status=400, title="Demande illisible")


@requires_csrf_token
def server_error(request):
    return _minimal_page(request, status=500, title="Erreur inattendue")


def csrf_failure(request, reason=""):
    """A form posted after its session expired, or from another site: a DSFR 403 that says what to do."""
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    return permission_denied(
        request,
        reason="Le formulaire a expiré ou n'a pas été envoyé depuis ce portail. Revenez à la page précédente, "
        "rechargez-la puis envoyez de nouveau le formulaire.",
    )
