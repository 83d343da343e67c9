"""Error pages in the DSFR shell (403, 404, 500, CSRF failure), JSON under /api/.

Wired in `config/urls.py` (handler403/404/500) and `CSRF_FAILURE_VIEW`. In the demo (DEBUG),
`config.middleware.ErrorPagesInDebugMiddleware` serves the same 404 page instead of Django's
technical one, so that what a demo user sees is what production shows; a 500 keeps Django's
debug page there, because that is what a developer running the demo needs.

A 403 says why (the message of the PermissionDenied, usually the French rule of the failed `can_*`
predicate, see `comptes.perms.refuse`) and who can grant access (`comptes.selectors.access_contacts`).
"""

import logging

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
JSON_DETAIL = {
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


@requires_csrf_token
def server_error(request):
    """No database query and no context processor: the error may come from the database itself."""
    if _is_api(request):
        return _mark(JsonResponse({"detail": JSON_DETAIL[500]}, status=500))
    from config.context_processors import site

    context = {**site(request), "request": request, "title": "Erreur inattendue", "minimal": True}
    return _mark(HttpResponseServerError(render_to_string("500.html", context)))


def csrf_failure(request, reason=""):
    """A form posted after its session expired, or from another site: a DSFR 403 that says what to do."""
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    return permission_denied(
        request,
        reason="Le formulaire a expiré ou n'a pas été envoyé depuis ce portail. Revenez à la page précédente, "
        "rechargez-la puis envoyez de nouveau le formulaire.",
    )
