"""Login required by default, except for the API (which answers in JSON)."""

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
