"""Contracts: list, page (lifecycle panels) and document downloads."""

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from cls import perms
from cls.filters import ContratFilterSet
from cls.lifecycle import FINAL_ETAPES, stage
from cls.models import ContratDocument, ContratLocalSante
from cls.selectors import get_contrat_page_for_user
from cls.services.contrats import gate_status
from cls.services.regles import regles_du_contrat
from cls.views.contrat_actions import ACTIONS, build_form
from comptes.perms import refuse
from financements.perms import can_engager
from financements.selectors import with_beneficiaire_totals


@require_GET
def contrat_list(request):
    if not perms.can_view_contrats(request.user):
        raise refuse(perms.can_view_contrats)
    queryset = ContratLocalSante.objects.visible_to(request.user).with_list_data()
    filterset = ContratFilterSet(request.GET or None, queryset=queryset)
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "cls/contrat_list.html",
        {
            "title": "Contrats locaux de santé",
            "filter": filterset,
            "page_obj": page,
            "breadcrumb_data": {"links": [], "current": "Contrats locaux de santé"},
        },
    )


@require_GET
def contrat_detail(request, public_id):
    contrat = get_contrat_page_for_user(request.user, public_id)
    prefetch_related_objects([contrat], "departements", "documents")  # documents: the list and the checklist
    can_manage = perms.can_manage_contrat(request.user, contrat)
    can_contribute = perms.can_contribute_contrat(request.user, contrat)
    spec = stage(contrat.etape)
    forms = {action: build_form(action, contrat) for action in ACTIONS}
    if spec:
        forms["etape"].fields["to_etape"].choices = [
            (code, label) for code, label in forms["etape"].fields["to_etape"].choices if code in spec.next
        ]
    financements = with_beneficiaire_totals(contrat.financements.select_related("beneficiaire"))
    fiches = list(contrat.fiches.with_retard().with_list_data().prefetch_related(None))
    for fiche in fiches:
        fiche.contrat = contrat  # the page's contract, its départements already read
    return render(
        request,
        "cls/contrat_detail.html",
        {
            "title": contrat.nom,
            "contrat": contrat,
            "etapes": contrat.etapes.select_related("by"),
            "stage": spec,
            "gate": gate_status(contrat),
            "is_open": contrat.etape not in FINAL_ETAPES,
            "can_manage": can_manage,
            "can_contribute": can_contribute,
            "forms": forms,
            "documents": contrat.documents.all(),
            "signataires": contrat.signataires.select_related("organisation"),
            "successor": contrat.visible_successor,
            "regles": regles_du_contrat(contrat),
            "axes": contrat.axes.all(),
            "avenants": contrat.avenants.select_related("document"),
            "revues": contrat.revues.all(),
            "financements": financements,
            "can_engager": can_engager(request.user, contrat.departement_id),
            "fiches": fiches,
            "breadcrumb_data": {
                "links": [{"url": reverse("cls:contrat_list"), "title": "Contrats locaux de santé"}],
                "current": contrat.nom,
            },
        },
    )


@require_GET
def contrat_document(request, public_id):
    document = get_object_or_404(ContratDocument.objects.select_related("contrat"), public_id=public_id)
    if not ContratLocalSante.objects.visible_to(request.user).filter(pk=document.contrat_id).exists():
        raise Http404("Document introuvable.")
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
