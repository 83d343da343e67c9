from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from acces_soins.enums import StatutBilan
from acces_soins.forms import BilanRequestForm
from acces_soins.models import BilanSemestriel
from acces_soins.perms import can_request_bilan, can_view_bilans
from acces_soins.rendering import bilan_context
from acces_soins.selectors import bilan_list as select_bilans
from acces_soins.services.bilans import bilan_request
from acces_soins.views import require
from comptes.perms import refuse

PAGE_SIZE = 20
BREADCRUMB_LIST = {"url": "/bilans/", "title": "Bilans semestriels"}


def get_bilan_for_user(request, public_id) -> BilanSemestriel:
    return get_object_or_404(
        BilanSemestriel.objects.visible_to(request.user).select_related("requested_by"), public_id=public_id
    )


def bilan_list(request):
    require(can_view_bilans(request.user))
    filterset = select_bilans(user=request.user, params=request.GET or None)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    can_request = can_request_bilan(request.user)
    return render(
        request,
        "acces_soins/bilans/list.html",
        {
            "title": "Bilans semestriels",
            "filter": filterset,
            "page_obj": page,
            "can_request": can_request,
            "request_form": (
                BilanRequestForm(user=request.user, choices=filterset.filters["perimetre"].extra["choices"])
                if can_request
                else None
            ),
        },
    )


@require_POST
def bilan_request_view(request):
    require(can_view_bilans(request.user))
    if not can_request_bilan(request.user):
        raise refuse(can_request_bilan)
    form = BilanRequestForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            bilan = bilan_request(
                perimetre=form.cleaned_data["perimetre"],
                semestre=form.cleaned_data["semestre"],
                requested_by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("acces_soins:bilan_list")
        messages.success(request, f"Le bilan {bilan.semestre} ({bilan.perimetre_libelle}) est demandé.")
        return redirect("acces_soins:bilan_detail", public_id=bilan.public_id)
    errors = " ".join(str(error) for field_errors in form.errors.values() for error in field_errors)
    messages.error(request, f"La demande n'a pas été enregistrée : {errors}")
    return redirect("acces_soins:bilan_list")


def bilan_detail(request, public_id):
    bilan = get_bilan_for_user(request, public_id)
    versions = (
        BilanSemestriel.objects.visible_to(request.user)
        .with_list_data()
        .for_perimetre(bilan.perimetre_obj)
        .filter(semestre=bilan.semestre)
        .order_by("-version")
    )
    return render(
        request,
        "acces_soins/bilans/detail.html",
        {
            "title": str(bilan),
            "bilan": bilan,
            "versions": versions,
            "can_request": can_request_bilan(request.user, bilan.perimetre_obj),
            "breadcrumb_data": {"links": [BREADCRUMB_LIST], "current": f"{bilan.semestre} — v{bilan.version}"},
        },
    )


def bilan_status(request, public_id):
    """The status fragment polled by htmx until the bilan is ready or failed."""
    bilan = get_bilan_for_user(request, public_id)
    return render(request, "acces_soins/includes/_bilan_status.html", {"bilan": bilan})


def bilan_download(request, public_id):
    bilan = get_bilan_for_user(request, public_id)
    if bilan.statut != StatutBilan.PRET or not bilan.fichier:
        raise Http404
    return FileResponse(
        bilan.fichier.open("rb"), as_attachment=True, filename=bilan.download_name, content_type="application/pdf"
    )


def bilan_snapshot(request, public_id):
    bilan = get_bilan_for_user(request, public_id)
    if bilan.snapshot is None or bilan.statut != StatutBilan.PRET:
        raise Http404
    return render(
        request,
        "acces_soins/bilans/snapshot.html",
        {
            **bilan_context(bilan.snapshot, cartes=False),  # the maps stay in the PDF: megabytes of SVG at scale
            "title": f"Instantané — {bilan}",
            "bilan": bilan,
            "breadcrumb_data": {
                "links": [
                    BREADCRUMB_LIST,
                    {
                        "url": reverse("acces_soins:bilan_detail", args=[bilan.public_id]),
                        "title": f"{bilan.semestre} — v{bilan.version}",
                    },
                ],
                "current": "Instantané",
            },
        },
    )
