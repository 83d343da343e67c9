"""The zonage simulator (siège): scenarios, the table of TVS with live counters (htmx), comparison, proposal."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from comptes.perms import get_scope
from territoires.services import contours_communes, region_communes
from zonage import perms
from zonage.carte import carte_svg, carte_zones
from zonage.forms_scenarios import (
    ClassementForm,
    CompareForm,
    ProposerForm,
    ScenarioCopyForm,
    ScenarioCreateForm,
    ScenarioEditForm,
)
from zonage.models import Scenario, ScenarioClassement
from zonage.services.proposition import scenario_optimise, scenario_propose
from zonage.services.scenarios import (
    scenario_classement_update,
    scenario_compteurs,
    scenario_copy,
    scenario_create,
    scenario_update,
    scenarios_compare,
)

PAGE_SIZE = 25
LIST_CRUMB = {"url": "/zonage/scenarios/", "title": "Simulateur de zonage"}


def get_scenario_for_user(request, public_id: UUID, *, for_edit: bool = False) -> Scenario:
    """404 for anyone who may not see the scenario (other régions included); 403 for a siège reader changing it."""
    scenario = get_object_or_404(
        Scenario.objects.visible_to(request.user).select_related("profession", "region", "base", "arrete"),
        public_id=public_id,
    )
    if for_edit and not perms.can_manage_scenarios(request.user, scenario):
        raise PermissionDenied
    return scenario


def _require_view(request) -> None:
    if not perms.can_view_scenarios(request.user):
        raise Http404


@transaction.non_atomic_requests  # a read: no savepoint around it
def scenario_list(request, *, create_form=None, status=200):
    _require_view(request)
    scenarios = Scenario.objects.visible_to(request.user).with_list_data()
    page = Paginator(scenarios, PAGE_SIZE).get_page(request.GET.get("page"))
    can_manage = perms.can_manage_scenarios(request.user)
    if can_manage and create_form is None:
        create_form = ScenarioCreateForm(region_ids=get_scope(request.user).region_ids)
    return render(
        request,
        "zonage/scenarios/list.html",
        {
            "title": "Simulateur de zonage",
            "page_obj": page,
            "can_manage": can_manage,
            "create_form": create_form,
            "breadcrumb_data": {"links": [], "current": "Simulateur de zonage"},
        },
        status=status,
    )


@require_POST
def scenario_create_view(request):
    _require_view(request)
    if not perms.can_manage_scenarios(request.user):
        raise PermissionDenied
    form = ScenarioCreateForm(request.POST, region_ids=get_scope(request.user).region_ids)
    if form.is_valid():
        create = scenario_optimise if request.POST.get("mode") == "optimiser" else scenario_create
        try:
            scenario = create(
                base=form.cleaned_data["base"],
                nom=form.cleaned_data["nom"],
                methodologie=form.cleaned_data["methodologie"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Le scénario « {scenario.nom} » est créé.")
            return redirect("zonage:scenario_detail", scenario.public_id)
    return scenario_list(request, create_form=form, status=400)


TVS_PAGE_SIZE = 50  # rows of the TVS table per page: a region holds hundreds of TVS


def _tvs_page(request, lignes):
    """The page of the TVS table asked for; `?tvs=<id>` (a TVS picked on the map, or just saved without
    JavaScript) opens the page that holds it, unless a page is asked (the pagination keeps `tvs` in its links)."""
    number = request.GET.get("page")
    wanted = request.GET.get("tvs", "")
    if number is None and wanted.isdigit():
        index = next((index for index, ligne in enumerate(lignes) if ligne.tvs_id == int(wanted)), None)
        if index is not None:
            number = index // TVS_PAGE_SIZE + 1
    return Paginator(lignes, TVS_PAGE_SIZE).get_page(number)


def _detail_context(request, scenario: Scenario) -> dict:
    compteurs = scenario_compteurs(scenario)
    return {
        "scenario": scenario,
        "compteurs": compteurs,
        "zones": list(scenario.profession.zones.all()),
        "can_edit": perms.can_manage_scenarios(request.user, scenario) and not scenario.is_proposed,
        "can_manage": perms.can_manage_scenarios(request.user, scenario),
    }


@transaction.non_atomic_requests  # a read: no savepoint around it
def scenario_detail(request, public_id: UUID, *, edit_form=None, copy_form=None, status=200):
    scenario = get_scenario_for_user(request, public_id)
    context = _detail_context(request, scenario)
    context.update(
        {
            "tvs_page": _tvs_page(request, context["compteurs"].lignes),
            "title": f"Scénario « {scenario.nom} »",
            "edit_form": edit_form
            or ScenarioEditForm(initial={"nom": scenario.nom, "description": scenario.description}),
            "copy_form": copy_form or ScenarioCopyForm(initial={"nom": f"{scenario.nom} (copie)"}),
            "breadcrumb_data": {"links": [LIST_CRUMB], "current": scenario.nom},
        }
    )
    return render(request, "zonage/scenarios/detail.html", context, status=status)


@require_POST
def scenario_tvs(request, public_id: UUID, tvs_id: int):
    """One TVS moved to another zone, or its justification: the row and the counters come back (htmx)."""
    scenario = get_scenario_for_user(request, public_id, for_edit=True)
    form = ClassementForm(request.POST)
    form.is_valid()
    zone = form.cleaned_data.get("zone") or None
    justification = form.cleaned_data.get("justification") if "justification" in request.POST else None
    try:
        scenario_classement_update(
            scenario=scenario, tvs_id=tvs_id, zone_code=zone, justification=justification, by=request.user
        )
    except ScenarioClassement.DoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(" ".join(error.messages), status=400)
        messages.error(request, " ".join(error.messages))
        return redirect("zonage:scenario_detail", scenario.public_id)
    if not request.htmx:
        messages.success(request, "Le classement est enregistré.")
        return redirect(reverse("zonage:scenario_detail", args=[scenario.public_id]) + f"?tvs={tvs_id}#tvs-{tvs_id}")
    context = _detail_context(request, scenario)
    context["ligne"] = next(ligne for ligne in context["compteurs"].lignes if ligne.tvs_id == tvs_id)
    response = render(request, "zonage/scenarios/includes/_ligne_maj.html", context)
    response["HX-Trigger"] = "scenario-modifie"
    return response


@transaction.non_atomic_requests  # a read: no savepoint around it
def scenario_compteurs_view(request, public_id: UUID):
    scenario = get_scenario_for_user(request, public_id)
    return render(request, "zonage/scenarios/includes/_compteurs.html", _detail_context(request, scenario))


@require_POST
def scenario_edit(request, public_id: UUID):
    scenario = get_scenario_for_user(request, public_id, for_edit=True)
    form = ScenarioEditForm(request.POST)
    if form.is_valid():
        try:
            scenario_update(scenario=scenario, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Le scénario est mis à jour.")
            return redirect("zonage:scenario_detail", scenario.public_id)
    return scenario_detail(request, public_id, edit_form=form, status=400)


@require_POST
def scenario_copy_view(request, public_id: UUID):
    scenario = get_scenario_for_user(request, public_id, for_edit=True)
    form = ScenarioCopyForm(request.POST)
    if form.is_valid():
        try:
            copy = scenario_copy(source=scenario, nom=form.cleaned_data["nom"], by=request.user)
        except ValidationError as error:
            form.add_error("nom", error)
        else:
            messages.success(request, f"Le scénario « {copy.nom} » est créé.")
            return redirect("zonage:scenario_detail", copy.public_id)
    return scenario_detail(request, public_id, copy_form=form, status=400)


def scenario_propose_view(request, public_id: UUID):
    scenario = get_scenario_for_user(request, public_id, for_edit=True)
    if scenario.is_proposed:
        messages.info(request, "Ce scénario est déjà devenu un projet d'arrêté.")
        return redirect("zonage:arrete_detail", scenario.arrete.public_id)
    form = ProposerForm(request.POST or None, initial={"titre": f"Zonage {scenario.profession.libelle.lower()}"})
    if request.method == "POST" and form.is_valid():
        try:
            arrete = scenario_propose(scenario=scenario, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Le projet d'arrêté {arrete.reference} est créé ; son dossier de consultation est en production. "
                "Il suit maintenant la procédure : concertation des URPS, saisine de la CRSA, publication.",
            )
            return redirect("zonage:arrete_detail", arrete.public_id)
    context = _detail_context(request, scenario)
    context.update(
        {
            "title": f"Proposer le scénario « {scenario.nom} »",
            "form": form,
            "breadcrumb_data": {
                "links": [
                    LIST_CRUMB,
                    {"url": reverse("zonage:scenario_detail", args=[scenario.public_id]), "title": scenario.nom},
                ],
                "current": "Proposer",
            },
        }
    )
    return render(request, "zonage/scenarios/proposer.html", context, status=400 if form.errors else 200)


def _zones_par_commune(scenario: Scenario) -> tuple[dict[str, str], dict[str, dict]]:
    communes = region_communes(
        scenario.region_id, tvs_version=scenario.version_tvs, millesime_population=scenario.millesime_population
    )
    zones = dict(scenario.classements.values_list("tvs_id", "zone__code"))
    by_code = {row.code_insee: row for row in communes.communes.values() if row.tvs_id in zones}
    return {code: zones[row.tvs_id] for code, row in by_code.items()}, by_code


@transaction.non_atomic_requests  # a read: no savepoint around it
def scenario_carte_geojson(request, public_id: UUID):
    """The communes coloured by the scenario's zone of their TVS (the simulator's map; the table is its twin)."""
    scenario = get_scenario_for_user(request, public_id)
    zones_par_commune, rows = _zones_par_commune(scenario)
    zones = {zone.code: zone for zone in scenario.profession.zones.all()}
    tvs = dict(scenario.classements.values_list("tvs_id", "tvs__nom"))
    contours = contours_communes(zones_par_commune)
    features = [
        {
            "type": "Feature",
            "geometry": contours[code],
            "properties": {
                "code": code,
                "tvs_id": rows[code].tvs_id,
                "tvs": tvs.get(rows[code].tvs_id, ""),
                "zone": zones[zone].libelle if zone in zones else zone,
                "couleur": zones[zone].couleur if zone in zones else "#cccccc",
                "population": rows[code].population,
            },
        }
        for code, zone in zones_par_commune.items()
        if code in contours
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@transaction.non_atomic_requests  # a read: no savepoint around it
def scenario_carte_svg(request, public_id: UUID):
    """A static map of the scenario (comparison page), as an SVG image."""
    scenario = get_scenario_for_user(request, public_id)
    zones_par_commune, rows = _zones_par_commune(scenario)
    tvs = dict(scenario.classements.values_list("tvs_id", "tvs__nom"))
    noms = {code: f"{code} ({tvs.get(row.tvs_id, '')})" for code, row in rows.items()}
    zones = [{"code": z.code, "libelle": z.libelle, "couleur": z.couleur} for z in scenario.profession.zones.all()]
    carte = carte_zones(zones_par_commune, noms=noms, width=360)
    svg = carte_svg(carte, zones, title=f"Scénario « {scenario.nom} »")
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@transaction.non_atomic_requests  # a read: no savepoint around it
def scenario_compare(request):
    _require_view(request)
    queryset = Scenario.objects.visible_to(request.user).select_related("profession", "region", "base")
    form = CompareForm(request.GET or None, queryset=queryset)
    comparaison = None
    if form.is_valid():
        scenarios = sorted(form.cleaned_data["s"], key=lambda item: request.GET.getlist("s").index(str(item.public_id)))
        comparaison = scenarios_compare(scenarios)
    return render(
        request,
        "zonage/scenarios/compare.html",
        {
            "title": "Comparer des scénarios",
            "form": form,
            "comparaison": comparaison,
            "colonnes": list(zip(comparaison.scenarios, comparaison.compteurs, strict=True)) if comparaison else [],
            "breadcrumb_data": {"links": [LIST_CRUMB], "current": "Comparer"},
        },
        status=400 if form.errors else 200,
    )
