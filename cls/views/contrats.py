"""Contracts: list and page (the lifecycle beyond « cadrage » is still to come)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from cls import perms
from cls.models import ContratLocalSante
from cls.selectors import get_contrat_for_user


@require_GET
def contrat_list(request):
    if not perms.can_view_contrats(request.user):
        raise PermissionDenied
    queryset = ContratLocalSante.objects.visible_to(request.user).select_related("porteur", "departement", "referent")
    page = Paginator(queryset, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "cls/contrat_list.html",
        {
            "title": "Contrats locaux de santé",
            "page_obj": page,
            "breadcrumb_data": {"links": [], "current": "Contrats locaux de santé"},
        },
    )


@require_GET
def contrat_detail(request, public_id):
    contrat = get_contrat_for_user(request.user, public_id)
    return render(
        request,
        "cls/contrat_detail.html",
        {
            "title": contrat.nom,
            "contrat": contrat,
            "etapes": contrat.etapes.select_related("by"),
            "breadcrumb_data": {
                "links": [{"url": reverse("cls:contrat_list"), "title": "Contrats locaux de santé"}],
                "current": contrat.nom,
            },
        },
    )
