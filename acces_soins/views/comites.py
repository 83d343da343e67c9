from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from acces_soins.forms import ComiteForm
from acces_soins.models import ComiteDePilotage, DocumentComite
from acces_soins.perms import can_edit_plan, can_view_plan
from acces_soins.selectors import (
    comites_visible_to,
    current_plan_only,
    mesures_of,
    ordre_du_jour,
    ordre_du_jour_texte,
)
from acces_soins.services.plan import comite_document_add, comite_save
from acces_soins.views import require
from comptes.perms import refuse, user_region_code
from config.typography import fr_date

BREADCRUMB_PLAN = {"url": "/plan/", "title": "Plan d'accès aux soins"}


def get_comite_for_user(request, public_id, *, for_edit: bool = False) -> ComiteDePilotage:
    comite = get_object_or_404(comites_visible_to(request.user).with_detail(), public_id=public_id)
    if for_edit and not can_edit_plan(request.user):
        raise refuse(can_edit_plan)
    return comite


def comite_list(request):
    require(can_view_plan(request.user))
    comites = comites_visible_to(request.user).prefetch_related("decisions").order_by("-date")
    return render(
        request,
        "acces_soins/comites/list.html",
        {
            "title": "Comité de pilotage",
            "comites": comites,
            "can_edit": can_edit_plan(request.user),
            "breadcrumb_data": {"links": [BREADCRUMB_PLAN], "current": "Comité de pilotage"},
        },
    )


def comite_detail(request, public_id):
    comite = get_comite_for_user(request, public_id)
    return render(
        request,
        "acces_soins/comites/detail.html",
        {
            "title": str(comite),
            "comite": comite,
            "can_edit": can_edit_plan(request.user),
            "breadcrumb_data": {
                "links": [BREADCRUMB_PLAN, {"url": reverse("acces_soins:comite_list"), "title": "Comité de pilotage"}],
                "current": f"Séance du {fr_date(comite.date)}",
            },
        },
    )


def comite_edit(request, public_id=None):
    require(can_view_plan(request.user))
    if public_id:
        comite = get_comite_for_user(request, public_id, for_edit=True)
    elif not can_edit_plan(request.user):
        raise refuse(can_edit_plan)
    plan = current_plan_only(user_region_code(request.user))
    if not public_id:
        require(plan is not None)
        comite = ComiteDePilotage(plan=plan)
    mesures = mesures_of(plan)
    initial = {}
    if comite.pk is None:  # a new session's agenda starts with the open decisions (generated)
        agenda = ordre_du_jour(region_code=user_region_code(request.user), on=timezone.localdate())
        initial["ordre_du_jour"] = ordre_du_jour_texte(agenda)
    form = ComiteForm(request.POST or None, request.FILES or None, instance=comite, mesures=mesures, initial=initial)
    if request.method == "POST" and form.is_valid():
        comite = comite_save(comite=form.instance, user=request.user, decisions=form.cleaned_data["decisions"])
        if form.cleaned_data["document"]:
            comite_document_add(comite=comite, fichier=form.cleaned_data["document"], user=request.user)
        messages.success(request, "La séance du comité de pilotage a été enregistrée.")
        return redirect("acces_soins:comite_detail", public_id=comite.public_id)
    title = "Modifier la séance" if comite.pk else "Nouvelle séance du comité de pilotage"
    return render(
        request,
        "acces_soins/comites/form.html",
        {
            "title": title,
            "form": form,
            "comite": comite,
            "breadcrumb_data": {
                "links": [BREADCRUMB_PLAN, {"url": reverse("acces_soins:comite_list"), "title": "Comité de pilotage"}],
                "current": title,
            },
        },
    )


def document_download(request, public_id):
    require(can_view_plan(request.user))
    document = get_object_or_404(
        DocumentComite.objects.filter(comite__in=comites_visible_to(request.user)), public_id=public_id
    )
    return FileResponse(document.fichier.open("rb"), as_attachment=True, filename=document.nom_original)
