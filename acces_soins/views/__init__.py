"""HTML views of acces_soins: thin, access-checked, one service call per write."""

from django.http import Http404


def require(allowed: bool) -> None:
    """Hide what the user may not see: out of scope answers 404."""
    if not allowed:
        raise Http404
