"""Public pages (no login): « Ma commune est-elle en zone sous-dense ? » and the map."""

from collections import Counter

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from config.typography import fr_de
from territoires.models import Commune
from territoires.regions import region_selector, request_region_code
from zonage import selectors, services
from zonage.forms import CommuneSearchForm
from zonage.models import ArreteDocument, Profession
from zonage.services.rules import today

MAP_CRUMB = {"url": "/zonage/carte/", "title": "Carte du zonage"}
SEARCH_CRUMB = {"url": "/zonage/ma-commune/", "title": "Ma commune"}


@login_not_required
@require_GET
def ma_commune(request):
    form = CommuneSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    matches = selectors.search_communes(query)
    results = list(matches[: selectors.SEARCH_LIMIT + 1])
    # Never a silent cut: past the limit, the page says how many matched and asks to refine.
    total = matches.count() if len(results) > selectors.SEARCH_LIMIT else len(results)
    return render(
        request,
        "zonage/ma_commune.html",
        {
            "title": "Ma commune est-elle en zone sous-dense ?",
            "form": form,
            "query": query,
            "results": results[: selectors.SEARCH_LIMIT],
            "total": total,
            "limit": selectors.SEARCH_LIMIT,
        },
    )


@login_not_required
@require_GET
def commune_zonage(request, code_insee: str):
    commune = get_object_or_404(Commune.objects.select_related("departement__region", "tvs"), code_insee=code_insee)
    request.identite_region_code = commune.departement.region.code  # the header names the commune's ARS
    on = today()
    rows = list(services.classements_en_vigueur(commune, on=on))
    seen, current = set(), []
    for row in rows:
        if row.arrete.profession_id not in seen:
            seen.add(row.arrete.profession_id)
            current.append(row)
    missing = [profession for profession in Profession.objects.all() if profession.pk not in seen]
    timeline = [row for row in services.commune_timeline(commune) if row not in current]
    _attach_signed_acts(current + timeline)
    regles = services.montants_des_aides(
        [aide for row in current for aide in row.zone.aides.all()], region=commune.departement.region, on=on
    )
    return render(
        request,
        "zonage/commune.html",
        {
            "title": f"Zonage {fr_de(commune)}",
            "commune": commune,
            "current": current,
            "missing": missing,
            "timeline": timeline,
            "aides_commune": services.aides_commune(commune, on=on, regles=regles),
            "today": on,
            "breadcrumb_data": {"links": [SEARCH_CRUMB], "current": commune.nom},
        },
    )


def _attach_signed_acts(rows) -> None:
    """Give each classement row the public signed acts of its arrêté (one query for all rows)."""
    signed = {}
    documents = ArreteDocument.objects.publics().filter(arrete_id__in={row.arrete_id for row in rows})
    for document in documents.order_by("depose_le", "pk"):
        signed.setdefault(document.arrete_id, []).append(document)
    for row in rows:
        row.actes_signes = signed.get(row.arrete_id, [])


def _map_choice(request):
    """The arrêtés of the page's region (chosen, else the user's, else the default one), the one shown and the
    département."""
    region_code = request_region_code(request)
    arretes = list(selectors.map_arretes(request.user, region_code))
    selected = None
    wanted = request.GET.get("arrete")
    if wanted:
        selected = next((a for a in arretes if str(a.public_id) == wanted), None)
        if selected is None:
            raise Http404
    elif arretes:
        current = [a for a in arretes if a.statut == "publie"]
        selected = (current or arretes)[0]
    departements = list(selectors.region_departements(region_code))
    departement = None
    if request.GET.get("departement"):
        departement = next((d for d in departements if d.code == request.GET["departement"]), None)
        if departement is None:
            raise Http404
    return arretes, selected, departements, departement


TABLE_PAGE_SIZE = 50


@login_not_required
@require_GET
def carte(request):
    arretes, selected, departements, departement = _map_choice(request)
    selector = region_selector(request)
    rows = selectors.map_communes(selected, departement=departement) if selected else []
    search = request.GET.get("commune", "").strip()[:100]
    found = selectors.filter_map_rows(rows, search) if search else []
    table_rows = found if search else rows
    zones = list(selected.profession.zones.prefetch_related(selectors.aides_en_vigueur(today()))) if selected else []
    aides = [aide for zone in zones for aide in zone.aides.all()]
    if aides:
        services.montants_des_aides(aides, region=selector["region_code"], on=today())
    data_url = ""
    if selected:
        data_url = reverse("zonage:carte_donnees") + f"?region={selector['region_code']}&arrete={selected.public_id}"
        if departement:
            data_url += f"&departement={departement.code}"
    counts = Counter(row["zone"] for row in rows)
    return render(
        request,
        "zonage/carte.html",
        {
            "title": "Carte du zonage",
            **selector,
            "arretes": arretes,
            "selected": selected,
            "departements": departements,
            "departement": departement,
            "zones": zones,
            "legend": [(zone, counts.get(zone.code, 0)) for zone in zones],
            "unclassified": counts.get("", 0),
            "search": search,
            "found": found,
            "focus_codes": [row["code"] for row in found],
            "rows_page": Paginator(table_rows, TABLE_PAGE_SIZE).get_page(request.GET.get("page")),
            # The table opens by itself when the user is paging it or searching.
            "table_open": bool(search or request.GET.get("page")),
            "data_url": data_url,
            "tiles_url": settings.MAP_TILES_URL,
            "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
        },
    )


@login_not_required
@require_GET
def carte_donnees(request):
    """GeoJSON of the communes coloured by zone (the map's only data source)."""
    _, selected, _, departement = _map_choice(request)
    if selected is None:
        raise Http404
    rows = selectors.map_communes(selected, departement=departement)
    contours = selectors.commune_contours([row["code"] for row in rows])
    features = [
        {"type": "Feature", "geometry": contours[row["code"]], "properties": row}
        for row in rows
        if row["code"] in contours
    ]
    return JsonResponse(
        {
            "type": "FeatureCollection",
            "features": features,
            "arrete": {"reference": selected.reference, "profession": selected.profession.libelle},
            "sans_contour": len(rows) - len(features),
        }
    )
