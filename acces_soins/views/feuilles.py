"""Territorial roadmaps: territories with their summary, one territory's roadmap (table + timeline),
the regional matrix territories × catalogue solutions, exports, and the feuille de route itself."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from acces_soins.enums import StatutAction, ThemeSolution
from acces_soins.feuilles import selectors
from acces_soins.feuilles.exports import actions_export
from acces_soins.feuilles.forms import FeuilleForm
from acces_soins.feuilles.timeline import timeline_svg
from acces_soins.models import FeuilleDeRoute, TerritoireSante
from acces_soins.perms import can_edit_feuille, can_manage_catalogue, can_view_feuilles
from acces_soins.services.feuilles import feuille_save
from acces_soins.views import require
from comptes.perms import refuse
from config.typography import fr_de

PAGE_SIZE = 25
EXPORT_FORMATS = ("csv", "xlsx")
LIST_TITLE = "Feuilles de route territoriales"


def _list_crumb():
    return {"url": reverse("acces_soins:feuille_list"), "title": LIST_TITLE}


def territoire_for(user, public_id) -> TerritoireSante:
    """The territory if the user may see it, else 404."""
    require(can_view_feuilles(user))
    return get_object_or_404(TerritoireSante.objects.visible_to(user), public_id=public_id)


@require_GET
def feuille_list(request):
    require(can_view_feuilles(request.user))
    today = timezone.localdate()
    territoires = selectors.territoires_of_region(request.user)
    editable = set(TerritoireSante.objects.editable_by(request.user).values_list("pk", flat=True))
    return render(
        request,
        "acces_soins/feuilles/list.html",
        {
            "title": LIST_TITLE,
            "summaries": selectors.territoire_summaries(territoires, on=today),
            "editable": editable,
            "statuts": StatutAction.choices,
            "can_manage_catalogue": can_manage_catalogue(request.user),
            "breadcrumb_data": {"links": [], "current": LIST_TITLE},
        },
    )


@require_GET
def territoire_detail(request, public_id):
    territoire = territoire_for(request.user, public_id)
    today = timezone.localdate()
    feuille = selectors.current_feuille(territoire)
    filterset = selectors.actions_of(feuilles=[feuille] if feuille else [], params=request.GET or None, on=today)
    if request.GET.get("export") in EXPORT_FORMATS:
        return actions_export(
            fmt=request.GET["export"], name=f"feuille-de-route-{territoire.code}", actions=filterset.qs
        )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    actions = list(page.object_list)
    return render(
        request,
        "acces_soins/feuilles/territoire.html",
        {
            "title": f"Feuille de route — {territoire.nom}",
            "territoire": territoire,
            "departements": list(territoire.departements.order_by("code")),
            "feuille": feuille,
            "filter": filterset,
            "page_obj": page,
            "actions": actions,
            "timeline": timeline_svg(actions, on=today, title=f"Calendrier des actions — {territoire.nom}"),
            "today": today,
            "can_edit": can_edit_feuille(request.user, territoire),
            "query": _query_without_page(request),
            "breadcrumb_data": {"links": [_list_crumb()], "current": territoire.nom},
        },
    )


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    return params.urlencode()


@require_GET
def matrice(request):
    require(can_view_feuilles(request.user))
    data = selectors.matrix(request.user, on=timezone.localdate())
    return render(
        request,
        "acces_soins/feuilles/matrice.html",
        {
            "title": "Solutions déployées par territoire",
            "matrix": data,
            "rows": data.rows,
            "themes": ThemeSolution.choices,
            "breadcrumb_data": {"links": [_list_crumb()], "current": "Solutions déployées par territoire"},
        },
    )


@require_GET
def export_region(request, fmt: str):
    require(can_view_feuilles(request.user) and fmt in EXPORT_FORMATS)
    territoires = selectors.territoires_of_region(request.user)
    feuilles = list(selectors.current_feuilles(territoires).values())
    filterset = selectors.actions_of(feuilles=feuilles, params=request.GET or None, on=timezone.localdate())
    return actions_export(fmt=fmt, name="feuilles-de-route", actions=filterset.qs)


def feuille_edit(request, public_id):
    """Create the territory's feuille de route, or edit the current one (period, adoption, status)."""
    territoire = territoire_for(request.user, public_id)
    if not can_edit_feuille(request.user, territoire):
        raise refuse(can_edit_feuille)
    feuille = selectors.current_feuille(territoire) or FeuilleDeRoute(territoire=territoire)
    form = FeuilleForm(request.POST or None, instance=feuille)
    if request.method == "POST" and form.is_valid():
        feuille_save(feuille=form.save(commit=False))
        messages.success(request, f"La feuille de route {fr_de(territoire)} est enregistrée.")
        return redirect("acces_soins:territoire_detail", public_id=territoire.public_id)
    title = f"Feuille de route — {territoire.nom}"
    return render(
        request,
        "acces_soins/feuilles/feuille_form.html",
        {
            "title": title,
            "territoire": territoire,
            "form": form,
            "breadcrumb_data": {
                "links": [
                    _list_crumb(),
                    {
                        "url": reverse("acces_soins:territoire_detail", args=[territoire.public_id]),
                        "title": territoire.nom,
                    },
                ],
                "current": "Période et adoption",
            },
        },
    )
