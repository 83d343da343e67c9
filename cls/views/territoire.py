"""htmx endpoints of the filing form: territory autocomplete and live population/warnings."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cls import perms
from cls.services.lettres import today
from cls.services.territoire import apercu
from territoires.models import EPCI, Commune
from territoires.text import normalize


def _ids(request, name):
    return [int(value) for value in request.GET.getlist(name) if value.isdigit()]


@require_GET
def territoire_recherche(request):
    if not perms.can_file_lettre(request.user):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()
    epcis, communes = [], []
    if len(query) >= 2:
        terms = normalize(query).split()
        epci_qs = EPCI.objects.all()
        for term in terms:
            epci_qs = epci_qs.filter(search_text__contains=term)
        epcis = list(epci_qs.exclude(pk__in=_ids(request, "epcis"))[:8])
        communes = list(
            Commune.objects.search(query).exclude(pk__in=_ids(request, "communes")).select_related("departement")[:12]
        )
    return render(
        request, "cls/includes/_territoire_resultats.html", {"epcis": epcis, "communes": communes, "query": query}
    )


@require_GET
def territoire_apercu(request):
    if not perms.can_file_lettre(request.user):
        raise PermissionDenied
    return render(
        request,
        "cls/includes/_apercu.html",
        {"apercu": apercu(epcis=_ids(request, "epcis"), communes=_ids(request, "communes"), on=today())},
    )
