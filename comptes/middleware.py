from django.utils.functional import SimpleLazyObject

from comptes.perms import get_scope


class ScopeMiddleware:
    """Resolve the current user's organisations once per request, lazily (`request.scope`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope = SimpleLazyObject(lambda: get_scope(request.user))
        return self.get_response(request)
