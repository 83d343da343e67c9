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
from territoires.cartes import Carte, Legende, Tableau


@require_GET
def carte(request):
    if not perms.can_view_registre(request.user):
        raise refuse(perms.can_view_registre)
    cpts_list = Cpts.objects.visible_to(request.user).exclude(etape=Etape.ABANDONNEE).order_by("nom", "pk")
    legende = [
        Legende(
            label=cpts.nom,
            swatch=f"cpts-swatch--{index % len(PALETTE)}",
            url=reverse("cpts:detail", args=[cpts.public_id]),
            note=cpts.get_etape_display().lower(),
        )
        for index, cpts in enumerate(cpts_list)
    ]
    legende.append(Legende(label="MSP et centres de santé (points)", swatch="cpts-swatch--msp"))
    carte = Carte(
        aria_label="Carte des territoires de CPTS et des sites de MSP ; les registres donnent les mêmes informations",
        geojson_url=reverse("cpts:carte_donnees"),
        legende=legende,
        tableaux=[
            Tableau(label="registre des CPTS", url=reverse("cpts:index")),
            Tableau(label="registre des MSP", url=reverse("cpts:msp_list")),
            Tableau(label="registre des centres de santé", url=reverse("cpts:centre_list")),
        ],
        details=["commune:Commune", "etape:Étape ou type", "population:Population de la CPTS"],
    )
    return render(
        request,
        "cpts/carte.html",
        {
            "title": "Carte des CPTS et des MSP",
            "carte": carte,
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
