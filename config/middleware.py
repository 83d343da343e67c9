"""Login required by default, except for the API (which answers in JSON); DSFR 404 pages in the demo."""

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from rest_framework.views import APIView


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, minus DRF views.

    DRF views authenticate themselves and answer anonymous callers with a JSON 401/403,
    never with an HTML redirect to the login page. Their default permission class is
    IsAuthenticated, so they stay closed unless a view opts out explicitly.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "cls", None)
        if view_class is not None and issubclass(view_class, APIView):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class ErrorPagesInDebugMiddleware:
    """Demo only (DEBUG): serve the portal's DSFR 404 page instead of Django's technical 404.

    Django answers a 404 with its debug page whenever DEBUG is on, before any handler404. This
    middleware sits innermost (last in MIDDLEWARE) so that the CSP and the other middleware still
    process the page it returns. It leaves alone JSON answers, our own error pages and anything a
    view built itself with a body of its own content type. A 403 already goes through handler403 in
    DEBUG; a 500 keeps Django's debug page, which is what a developer running the demo needs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not getattr(response, "portal_error_page", False)
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(settings.STATIC_URL)
        ):
            from config.errors import page_not_found

            return page_not_found(request)
        return response
