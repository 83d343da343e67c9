"""Read paths of the registers: scope + FilterSet + loader, shared by the HTML list, the export, the map and the
API; the access helper of an entry (404 out of scope, 403 for a reader who writes)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404

from registres.filters import filterset_class
from registres.perms import can_edit_registre, can_view_registre


def entree_queryset(registre, user):
    """The entries of a register the user may see, with what the list shows (no N+1)."""
    related = ["departement", "commune"]
    if registre.has_zone:
        related += ["zone", "arrete_zonage"]
    prefetch = list(registre.prefetch_related)
    if registre.perimetre:
        prefetch.append("communes")
    for name in registre.champs:
        field = registre.model._meta.get_field(name)
        if isinstance(field, models.ManyToManyField):
            prefetch.append(name)
        elif isinstance(field, models.ForeignKey):
            related.append(name)
    queryset = registre.model.objects.visible_to(user).select_related(*related, *registre.select_related)
    return queryset.prefetch_related(*prefetch)


def entry_counts(registres, user) -> dict[str, int]:
    """{register code: number of its entries the user may see}, for any number of registers: one query (a UNION
    ALL of one grouped count per register)."""
    counts = [
        registre.model.objects.visible_to(user)
        .order_by()
        .annotate(code=models.Value(registre.code, output_field=models.CharField()))
        .values("code")
        .annotate(nombre=models.Count("pk"))
        .values_list("code", "nombre")
        for registre in registres
    ]
    found = dict(counts[0].union(*counts[1:], all=True)) if counts else {}
    return {registre.code: found.get(registre.code, 0) for registre in registres}


def entree_list(*, registre, user, params):
    """The FilterSet of the register over the user's entries (`.qs` is the filtered queryset)."""
    return filterset_class(registre)(params or None, queryset=entree_queryset(registre, user), user=user)


def require_view(user, registre) -> None:
    """404 for anyone the register is not open to (its existence stays hidden)."""
    if not can_view_registre(user, registre):
        raise Http404


def get_entree_for_user(registre, user, public_id, *, for_edit: bool = False):
    """The entry if the user may see it (404 otherwise); 403 when editing without the right."""
    require_view(user, registre)
    try:
        entree = entree_queryset(registre, user).get(public_id=public_id)
    except (registre.model.DoesNotExist, ValidationError, ValueError) as error:
        raise Http404 from error
    if for_edit and not can_edit_registre(user, registre, entree.departement_id):
        raise PermissionDenied
    return entree
