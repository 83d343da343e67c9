"""The regional map of CPTS territories and MSP sites (reuses static/js/choropleth-map.js)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from comptes.perms import refuse
from cpts import perms
from cpts.enums import Etape
from cpts.models import CentreSante, Cpts, Msp
from cpts.services.carte import PALETTE, carte_geojson


@require_GET
def carte(request):
    if not perms.can_view_registre(request.user):
        raise refuse(perms.can_view_registre)
    cpts_list = Cpts.objects.visible_to(request.user).exclude(etape=Etape.ABANDONNEE).order_by("nom", "pk")
    legend = [{"cpts": cpts, "swatch": index % len(PALETTE)} for index, cpts in enumerate(cpts_list)]
    return render(
        request,
        "cpts/carte.html",
        {
            "title": "Carte des CPTS et des MSP",
            "legend": legend,
            "data_url": reverse("cpts:carte_donnees"),
            "breadcrumb_data": {"links": [], "current": "Carte des CPTS et des MSP"},
        },
    )


@require_GET
def carte_donnees(request):
    if not perms.can_view_registre(request.user):
        raise refuse(perms.can_view_registre)
    data = carte_geojson(
        cpts_queryset=Cpts.objects.visible_to(request.user),
        msp_queryset=Msp.objects.visible_to(request.user),
        centre_queryset=CentreSante.objects.visible_to(request.user),
    )
    return JsonResponse(data)
