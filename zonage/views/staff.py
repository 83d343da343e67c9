"""Pages for ARS agents: arrêté list, creation, detail with rule checks, import/export, workflow."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from comptes.perms import get_scope, refuse
from config.typography import fr_quantity
from referentiel.enums import Domaine
from referentiel.services import parametres_aux_dates
from territoires.models import Region
from territoires.selectors import latest_imports
from zonage import perms, selectors, services
from zonage.enums import ArreteStatut, Granularite
from zonage.filters import ArreteFilterSet
from zonage.forms import AnnexeImportForm, ArreteForm, CommentaireForm, DocumentForm, TransitionForm
from zonage.models import ArreteZonage, Scenario, ZoneCategorie
from zonage.services.annexe import AnnexeInvalide, annexe_export_csv, annexe_export_xlsx, annexe_import
from zonage.services.rules import arrete_figures, today
from zonage.services.workflow import EDITABLE, TRANSITIONS, crsa_echeance

PAGE_SIZE = 50
LIST_CRUMB = {"url": "/zonage/arretes/", "title": "Arrêtés de zonage"}


def get_arrete_for_user(
    request, public_id: UUID, *, for_edit: bool = False, annotations: dict | None = None
) -> ArreteZonage:
    """404 for anyone who may not see arrêtés; 403 for an agent who may not change this one. `annotations`: what a
    page reads with the arrêté, in the same query."""
    arrete = get_object_or_404(
        ArreteZonage.objects.visible_to(request.user)
        .select_related("profession", "region", "precedent")
        .annotate(**(annotations or {})),
        public_id=public_id,
    )
    if for_edit and not perms.can_manage_arretes(request.user, arrete):
        raise refuse(perms.can_manage_arretes)
    return arrete


def arrete_list(request):
    if not perms.can_view_arretes(request.user):
        raise Http404
    filterset = ArreteFilterSet(
        request.GET or None, queryset=ArreteZonage.objects.visible_to(request.user).with_list_data()
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "zonage/arrete_list.html",
        {
            "title": "Arrêtés de zonage",
            "filter": filterset,
            "page_obj": page,
            "can_manage": perms.can_manage_arretes(request.user),
            "can_simulate": perms.can_view_scenarios(request.user),
            # The revision alerts of the user's own région(s), never the reference région's for everyone.
            "revisions": [
                alerte
                for code in sorted(get_scope(request.user).ars_region_codes)
                for alerte in services.revisions_en_retard(region_code=code)
            ],
        },
    )


def arrete_create(request):
    if not perms.can_view_arretes(request.user):
        raise Http404
    if not perms.can_manage_arretes(request.user):
        raise refuse(perms.can_manage_arretes)
    form = ArreteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        region = Region.objects.filter(code__in=get_scope(request.user).siege_region_codes).order_by("code").first()
        try:
            arrete = services.arrete_create(by=request.user, region=region, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Le projet d'arrêté est créé. Importez maintenant son annexe.")
            return redirect("zonage:arrete_detail", arrete.public_id)
    return render(
        request,
        "zonage/arrete_form.html",
        {"title": "Nouvel arrêté de zonage", "form": form, "arrete": None, "breadcrumb_data": _crumbs("Nouveau")},
    )


def arrete_edit(request, public_id: UUID):
    arrete = get_arrete_for_user(request, public_id, for_edit=True)
    if arrete.statut not in EDITABLE:
        statut = arrete.get_statut_display().lower()
        raise PermissionDenied(
            "Un arrêté ne se modifie qu'en projet, en concertation ou en saisine de la CRSA ; "
            f"celui-ci est « {statut} »."
        )
    form = ArreteForm(request.POST or None, instance=arrete)
    if request.method == "POST" and form.is_valid():
        try:
            arrete = services.arrete_update(arrete=form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "L'arrêté est mis à jour.")
            return redirect("zonage:arrete_detail", arrete.public_id)
    return render(
        request,
        "zonage/arrete_form.html",
        {
            "title": f"Modifier {arrete.reference}",
            "form": form,
            "arrete": arrete,
            "breadcrumb_data": _crumbs("Modifier"),
        },
    )


def _crumbs(current: str) -> dict:
    return {"links": [LIST_CRUMB], "current": current}


def _detail_annotations() -> dict:
    """Read with the arrêté (one query): the simulator scenario it comes from (at most one) and the latest import of
    the geography (the page's source line)."""
    latest = latest_imports()
    return {
        "scenario_nom": Subquery(Scenario.objects.filter(arrete=OuterRef("pk")).values("nom")[:1]),
        **{f"import_{name}": Subquery(latest.values(name)[:1]) for name in ("pk", "source", "finished_at")},
    }


def arrete_detail(request, public_id: UUID, *, import_form=None, import_errors=None, document_form=None, status=200):
    arrete = get_arrete_for_user(request, public_id, annotations=_detail_annotations())
    on = arrete.date_effet or today()
    # The zones are read once: the checks and the diff use the same prefetched `arrete.profession.zones`.
    zones_with_aids = ZoneCategorie.objects.prefetch_related(selectors.aides_en_vigueur(on))
    prefetch_related_objects([arrete.profession], Prefetch("zones", queryset=zones_with_aids))
    zones = list(arrete.profession.zones.all())
    # The référentiel rows of the arrêté's date (the aids' amounts, the register's checks) and of today (the revision
    # alert), in one query.
    jour = today()
    regles_aux_dates = parametres_aux_dates(Domaine.ZONAGE, region=arrete.region, dates={on, jour})
    regles = services.montants_des_aides(
        [aide for zone in zones for aide in zone.aides.all()], region=arrete.region, on=on, regles=regles_aux_dates[on]
    )
    versions = list(
        ArreteZonage.objects.filter(profession=arrete.profession, region=arrete.region)
        .exclude(pk=arrete.pk)
        .order_by("-date_effet", "-created_at")
    )
    compared = arrete.precedent
    if request.GET.get("comparer"):
        compared = next((v for v in versions if str(v.public_id) == request.GET["comparer"]), None)
        if compared is None:
            raise Http404
    # The compared version's rows are read with the arrêté's own (one query, the region's communes once).
    rows, shares, by_dep, compared_rows = arrete_figures(arrete, compared=compared)
    diff = services.arrete_diff(compared, arrete, new_rows=rows, old_rows=compared_rows) if compared else None
    can_manage = perms.can_manage_arretes(request.user, arrete)
    context = {
        "title": arrete.reference,
        "arrete": arrete,
        "zones": zones,
        "share_rows": _share_table(zones, shares),
        "dep_rows": [{"code": dep, "cells": _share_table(zones, dep_shares)} for dep, dep_shares in by_dep.items()],
        "shares": shares,
        "zip_zac": {"population": shares.zip_zac.population, "share": shares.zip_zac.share * 100},
        "checks": services.arrete_checks(arrete, rows=rows, shares=shares, regles=regles),
        "crsa_echeance": crsa_echeance(arrete),
        "revision": services.revision_alerte(arrete, on=jour, regles=regles_aux_dates[jour]),
        "diff": diff,
        "diff_summary": _diff_summary(diff),
        "diff_page": _diff_page(request, diff),
        "compared": compared,
        "versions": versions,
        "rows_page": Paginator(rows, 100).get_page(request.GET.get("page")),
        "transitions": arrete.transitions.select_related("par"),
        "imports": arrete.imports.select_related("par"),
        "commentaires": arrete.commentaires.select_related("auteur"),
        "documents": arrete.documents.select_related("depose_par"),
        "consultations": arrete.consultations.order_by("-created_at", "-pk")[:3],
        "can_request_consultation": can_manage
        and arrete.statut in EDITABLE
        and arrete.profession.granularite == Granularite.TVS,
        "scenario_source": {"nom": arrete.scenario_nom} if arrete.scenario_nom is not None else None,
        "can_manage_documents": perms.can_manage_documents(request.user, arrete),
        "document_form": document_form or DocumentForm(),
        "can_manage": can_manage,
        "can_import": can_manage and arrete.statut == ArreteStatut.PROJET,
        "can_edit": can_manage and arrete.statut in EDITABLE,
        "can_comment": perms.can_comment_arrete(request.user),
        "next_statuts": [(s, ArreteStatut(s).label) for s in TRANSITIONS.get(arrete.statut, ())],
        "import_form": import_form or AnnexeImportForm(),
        "import_errors": import_errors or [],
        "comment_form": CommentaireForm(),
        "breadcrumb_data": _crumbs(arrete.reference),
        "source": {"source": arrete.import_source, "finished_at": arrete.import_finished_at}
        if arrete.import_pk is not None
        else None,
    }
    return render(request, "zonage/arrete_detail.html", context, status=status)


DIFF_PAGE_SIZE = 100  # territories that changed zone, per page: a region's revision moves hundreds


def _diff_summary(diff) -> list[dict]:
    """The territories that changed zone, counted by move (« ZIP → ZAC »), with the population moved."""
    if diff is None:
        return []
    moves: dict[tuple, dict] = {}
    for change in diff.changes:
        move = moves.setdefault(
            (change["avant"] or "", change["apres"] or ""),
            {"avant": change["avant"], "apres": change["apres"], "territoires": 0, "population": 0},
        )
        move["territoires"] += 1
        move["population"] += change["population"] or 0
    return sorted(moves.values(), key=lambda move: -move["population"])


def _diff_page(request, diff):
    """One page of the territories that changed zone (`?evolution=`), with the links to the others: the page's own
    `page` parameter paginates the annex."""
    if diff is None:
        return None
    page = Paginator(diff.changes, DIFF_PAGE_SIZE).get_page(request.GET.get("evolution"))

    def link(number):
        query = request.GET.copy()
        query["evolution"] = number
        return f"?{query.urlencode()}#evolution"

    page.previous_url = link(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = link(page.next_page_number()) if page.has_next() else ""
    return page


def _share_table(zones, shares) -> list[dict]:
    return [
        {"zone": zone, "population": shares[zone.code].population, "share": shares[zone.code].share * 100}
        if zone.code in shares
        else {"zone": zone, "population": 0, "share": 0.0}
        for zone in zones
    ]


@require_POST
def arrete_import(request, public_id: UUID):
    arrete = get_arrete_for_user(request, public_id, for_edit=True)
    form = AnnexeImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return arrete_detail(request, public_id, import_form=form, status=400)
    fichier = form.cleaned_data["fichier"]
    try:
        count = annexe_import(arrete=arrete, data=fichier.read(), filename=fichier.name, by=request.user)
    except AnnexeInvalide as error:
        messages.error(
            request, f"Aucune ligne n'a été importée : le fichier contient {fr_quantity(len(error.errors), 'erreur')}."
        )
        return arrete_detail(request, public_id, import_form=form, import_errors=error.errors, status=400)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"Annexe importée : {fr_quantity(count, 'territoire classé', 'territoires classés')}."
        )
    return redirect("zonage:arrete_detail", arrete.public_id)


def arrete_export(request, public_id: UUID, fmt: str):
    arrete = get_arrete_for_user(request, public_id)
    slug = slugify(arrete.reference) or "arrete"
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(annexe_export_xlsx(arrete), content_type=content_type)
    else:
        response = HttpResponse(annexe_export_csv(arrete), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="annexe-{slug}.{fmt}"'
    return response


@require_POST
def arrete_transition(request, public_id: UUID):
    arrete = get_arrete_for_user(request, public_id, for_edit=True)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez un statut.")
    else:
        try:
            services.arrete_transition(
                arrete=arrete, vers=form.cleaned_data["vers"], by=request.user, motif=form.cleaned_data["motif"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Statut : {arrete.get_statut_display()}.")
    return redirect("zonage:arrete_detail", arrete.public_id)


@require_POST
def arrete_comment(request, public_id: UUID):
    arrete = get_arrete_for_user(request, public_id)
    if not perms.can_comment_arrete(request.user):
        raise refuse(perms.can_comment_arrete)
    form = CommentaireForm(request.POST)
    if form.is_valid():
        services.arrete_comment(arrete=arrete, by=request.user, texte=form.cleaned_data["texte"])
        messages.success(request, "Commentaire enregistré.")
    else:
        messages.error(request, "Le commentaire est vide ou trop long.")
    return redirect(reverse("zonage:arrete_detail", args=[arrete.public_id]) + "#commentaires")
