from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, render

from territoires import selectors
from territoires.models import EPCI, Commune, Departement
from territoires.regions import region_selector, request_region_code

PAGE_SIZE = 50


def index(request):
    selector = region_selector(request)
    departements = selectors.departements_with_figures(region_code=selector["region_code"])
    return render(
        request,
        "territoires/index.html",
        {
            "title": "Référentiel territorial",
            "departements": departements,
            "source": selectors.latest_import(),
            **selector,
        },
    )


def commune_list(request):
    filterset = selectors.commune_list(params=request.GET or None, region_code=request_region_code(request))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "territoires/includes/_commune_results.html" if request.htmx else "territoires/commune_list.html"
    return render(
        request,
        template,
        {"title": "Communes", "filter": filterset, "page_obj": page, "source": selectors.latest_import()},
    )


def commune_detail(request, code_insee: str):
    commune = get_object_or_404(
        Commune.objects.select_related("departement__region", "epci", "tvs"), code_insee=code_insee
    )
    return render(request, "territoires/commune_detail.html", {"title": commune.nom, "commune": commune})


def epci_detail(request, siren: str):
    epci = get_object_or_404(EPCI, siren=siren)
    members = epci.communes.select_related("departement").order_by("nom")
    figures = members.aggregate(population=Sum("population"), count=Count("pk"))
    return render(
        request,
        "territoires/epci_detail.html",
        {"title": epci.nom, "epci": epci, "members": members, "figures": figures},
    )


def departement_detail(request, code: str):
    departement = get_object_or_404(Departement.objects.select_related("region"), code=code)
    figures = departement.communes.aggregate(population=Sum("population"), count=Count("pk"))
    return render(
        request,
        "territoires/departement_detail.html",
        {
            "title": str(departement),
            "departement": departement,
            "figures": figures,
            "epcis": selectors.epcis_of_departement(departement),
        },
    )
