"""The access helpers of the indicators space: 404 for anyone outside it, 403 for a forbidden write."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from comptes.perms import refuse, user_region_code
from indicateurs.models import Indicateur
from indicateurs.perms import can_view_indicateurs


def require_space(request) -> None:
    if not can_view_indicateurs(request.user):
        raise Http404("Espace des indicateurs non accessible.")


def get_indicateur_for_user(request, code: str, *, allowed=None) -> Indicateur:
    """Load an indicator of the space; `allowed(user)` is the extra write predicate (403 when false)."""
    require_space(request)
    indicateur = get_object_or_404(Indicateur.objects.actifs().of_region(user_region_code(request.user)), code=code)
    if allowed is not None and not allowed(request.user):
        raise refuse(allowed)
    return indicateur
