"""Suggestions for the roadmap forms (config/autocomplete.py): the organisations that may pilot an action, those of
the régions where the requesting user is an ARS agent (`ActionForm.pilote_organisation` keeps the feuille's
région as its queryset: what is posted is checked there)."""

from functools import reduce
from operator import or_

from django.db.models import Q

from comptes.models import Organisation
from comptes.perms import get_scope
from config.autocomplete import Source, register


def _pilotes(request):
    codes = sorted(get_scope(request.user).ars_region_codes)
    if not codes:
        return Organisation.objects.none()
    in_regions = reduce(or_, (Q(pk__in=Organisation.objects.of_region(code).values("pk")) for code in codes))
    return Organisation.objects.filter(in_regions)


register(
    Source(
        "pilotes-action",
        queryset=_pilotes,
        search=lambda queryset, text: queryset.filter(nom__icontains=text.strip()).order_by("nom"),
        label=lambda organisation: organisation.nom,
    )
)
