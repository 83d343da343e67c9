"""The totals dashboard (ARS agents and comité d'évaluation)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from comptes.perms import get_scope
from config.charts import Bar, stacked_bar_chart
from financements import perms, selectors
from financements.models import Engagement, Enveloppe
from financements.views.common import require

COLOURS = {"verse": "#000091", "engage": "#6a6af4", "disponible": "#cacafb"}


def enveloppes_chart(lignes):
    rows = [
        (
            ligne.libelle,
            [
                Bar("Versé", float(ligne.verse), COLOURS["verse"]),
                Bar("Engagé non versé", float(ligne.reste_a_verser), COLOURS["engage"]),
                Bar("Disponible", float(max(ligne.disponible, 0)), COLOURS["disponible"]),
            ],
        )
        for ligne in lignes
    ]
    return stacked_bar_chart(rows, title="Enveloppes : versé, engagé non versé et disponible (€)", width=720)


@require_GET
def tableau_de_bord(request):
    require(perms.can_view_totaux(request.user), perms.can_view_totaux)
    if get_scope(request.user).is_ars:
        enveloppes = selectors.enveloppes_visible(request.user)
        engagements = selectors.engagements_visible(request.user)
    else:  # comité d'évaluation: the totals of its region, read only
        regions = get_scope(request.user).comite_region_codes
        enveloppes = Enveloppe.objects.filter(region__code__in=regions)
        engagements = Engagement.objects.filter(beneficiaire__departement__region__code__in=regions)
    par_enveloppe = selectors.totaux_par_enveloppe(enveloppes)
    par_programme = selectors.totaux_par_programme(engagements)
    par_departement = selectors.totaux_par_departement(engagements)
    return render(
        request,
        "financements/tableau.html",
        {
            "title": "Financements — tableau de bord",
            "par_enveloppe": par_enveloppe,
            "total_enveloppes": selectors.total(par_enveloppe),
            "par_programme": par_programme,
            "total_programmes": selectors.total(par_programme),
            "par_departement": par_departement,
            "chart": enveloppes_chart(par_enveloppe),
            "can_view_details": perms.can_view_financements(request.user),
            "can_manage": perms.can_manage_enveloppes(request.user),
            "can_engager": perms.can_engager(request.user),
            "breadcrumb_data": {"links": [], "current": "Financements"},
        },
    )
