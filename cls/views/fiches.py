"""Fiches actions: list across every visible CLS (with CSV/XLSX export) and the edit page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cls import perms
from cls.filters import FicheFilterSet
from cls.forms import FicheForm
from cls.models import FicheAction
from cls.selectors import get_contrat_for_user
from cls.services.fiches import EXPORT_HEADERS, export_rows, fiche_save
from comptes.perms import refuse
from config.exports import FORMATS, export_response


def fiche_filterset(request):
    queryset = (
        FicheAction.objects.visible_to(request.user)
        .with_retard()
        .with_list_data()
        .order_by("contrat__departement__code", "contrat__nom", "numero")
    )
    return FicheFilterSet(request.GET or None, queryset=queryset)


@require_GET
def fiche_list(request):
    if not perms.can_view_contrats(request.user):
        raise refuse(perms.can_view_contrats)
    filterset = fiche_filterset(request)
    export = request.GET.get("export")
    if export in FORMATS:
        return export_response(
            fmt=export, name="fiches-actions-cls", header=EXPORT_HEADERS, rows=export_rows(filterset.qs)
        )
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return render(
        request,
        "cls/fiche_list.html",
        {
            "title": "Fiches actions des contrats locaux de santé",
            "filter": filterset,
            "page_obj": page,
            "fiches": page.object_list,
            "query": query.urlencode(),
            "breadcrumb_data": {"links": [], "current": "Fiches actions"},
        },
    )


@require_http_methods(["GET", "POST"])
def fiche_edit(request, public_id, fiche_id=None):
    contrat = get_contrat_for_user(request.user, public_id)
    if not perms.can_contribute_contrat(request.user, contrat):
        raise refuse(perms.can_contribute_contrat)
    fiche = get_object_or_404(contrat.fiches, public_id=fiche_id) if fiche_id else FicheAction(contrat=contrat)
    form = FicheForm(request.POST or None, instance=fiche, contrat=contrat)
    if request.method == "POST" and form.is_valid():
        fiche_save(fiche=form.save(commit=False), budget=form.cleaned_data["budget"], by=request.user)
        form.save_m2m()
        messages.success(request, "La fiche action est enregistrée.")
        return redirect("cls:contrat_detail", contrat.public_id)
    return render(
        request,
        "cls/fiche_form.html",
        {
            "title": f"Fiche action — {contrat.nom}",
            "form": form,
            "contrat": contrat,
            "fiche": fiche,
            "breadcrumb_data": {
                "links": [
                    {"url": reverse("cls:contrat_list"), "title": "Contrats locaux de santé"},
                    {"url": reverse("cls:contrat_detail", args=[contrat.public_id]), "title": contrat.nom},
                ],
                "current": "Fiche action",
            },
        },
    )
