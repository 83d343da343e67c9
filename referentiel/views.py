"""The register's page (every value with its region, dates and source) and the adoption of a value."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from referentiel import perms, services
from referentiel.filters import ParametreFilterSet
from referentiel.forms import AdoptionForm
from referentiel.models import Parametre

PAGE_SIZE = 50
SOURCE_FIELDS = ("source_titre", "source_auteur", "source_nature", "source_date", "source_url")
CRUMB = {"url": "/referentiel/", "title": "Référentiel"}


def _name_regions(rows) -> None:
    """Give each row its region's name (`region_nom`), in one query for the whole page."""
    from territoires.models import Region

    names = dict(Region.objects.values_list("code", "nom"))
    for row in rows:
        row.region_nom = names.get(row.region_code, row.region_code) if row.region_code else "Nationale"


@require_GET
def parametre_list(request):
    if not perms.can_view_referentiel(request.user):
        raise PermissionDenied("Le référentiel est réservé aux agents de l'ARS et au comité d'évaluation.")
    filterset = ParametreFilterSet(request.GET or None, queryset=Parametre.objects.with_list_data())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    _name_regions(page)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "referentiel/parametre_list.html",
        {
            "title": "Référentiel des règles et valeurs",
            "filter": filterset,
            "page_obj": page,
            "page_query": query.urlencode(),
            "adopting_regions": perms.adopting_region_codes(request.user),
            "breadcrumb_data": {"current": "Référentiel"},
        },
    )


@require_http_methods(["GET", "POST"])
def parametre_adopt(request, pk: int):
    region_codes = perms.adopting_region_codes(request.user)
    if not perms.can_view_referentiel(request.user):
        raise PermissionDenied("Le référentiel est réservé aux agents de l'ARS et au comité d'évaluation.")
    if not region_codes:
        raise PermissionDenied("Seul un gestionnaire du siège adopte une valeur pour sa région.")
    reference = get_object_or_404(Parametre.objects.select_related("source"), pk=pk)
    _name_regions([reference])
    initial = {"valeur": reference.valeur, "operateur": reference.operateur, "region_code": region_codes[0]}
    form = AdoptionForm(request.POST or None, initial=initial, region_codes=region_codes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = services.parametre_adopter(
                reference=reference,
                region_code=data["region_code"],
                valeur=data["valeur"],
                operateur=data["operateur"],
                valide_du=data["valide_du"],
                source={key[len("source_") :]: data[key] for key in SOURCE_FIELDS},
                source_precision=data["source_precision"],
                note=data["note"],
            )
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(request, f"Valeur adoptée pour la région : {row.libelle} {row.valeur_affichee}.")
            return redirect(f"/referentiel/?domaine={row.domaine}&region={row.region_code}")
    return render(
        request,
        "referentiel/parametre_adopt.html",
        {
            "title": "Adopter une valeur pour la région",
            "form": form,
            "reference": reference,
            "breadcrumb_data": {"links": [CRUMB], "current": "Adopter une valeur"},
        },
        status=400 if form.errors else 200,
    )
