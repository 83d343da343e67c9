"""htmx endpoints of the filing form: territory autocomplete and live population/warnings."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from cls import perms
from cls.services.lettres import today
from cls.services.territoire import apercu
from comptes.perms import refuse
from territoires.models import EPCI, Commune
from territoires.text import normalize


def _ids(request, name):
    return [int(value) for value in request.GET.getlist(name) if value.isdigit()]


@require_GET
def territoire_recherche(request):
    if not perms.can_file_lettre(request.user):
        raise refuse(perms.can_file_lettre)
    query = request.GET.get("q", "").strip()
    epcis, communes, totals = [], [], {"epcis": 0, "communes": 0}
    if len(query) >= 2:
        terms = normalize(query).split()
        epci_qs = EPCI.objects.all()
        for term in terms:
            epci_qs = epci_qs.filter(search_text__contains=term)
        epci_qs = epci_qs.exclude(pk__in=_ids(request, "epcis"))
        commune_qs = Commune.objects.search(query).exclude(pk__in=_ids(request, "communes"))
        epcis, totals["epcis"] = _first(epci_qs, EPCI_LIMIT)
        communes, totals["communes"] = _first(commune_qs.select_related("departement"), COMMUNE_LIMIT)
    return render(
        request,
        "cls/includes/_territoire_resultats.html",
        {"epcis": epcis, "communes": communes, "query": query, "totals": totals},
    )


EPCI_LIMIT, COMMUNE_LIMIT = 8, 12


def _first(queryset, limit: int) -> tuple[list, int]:
    """The first `limit` rows and how many matched in all (counted only past the limit): never a silent cut."""
    rows = list(queryset[: limit + 1])
    return rows[:limit], (queryset.count() if len(rows) > limit else len(rows))


@require_GET
def territoire_apercu(request):
    if not perms.can_file_lettre(request.user):
        raise refuse(perms.can_file_lettre)
    return render(
        request,
        "cls/includes/_apercu.html",
        {"apercu": apercu(epcis=_ids(request, "epcis"), communes=_ids(request, "communes"), on=today())},
    )
