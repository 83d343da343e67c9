from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from acces_soins.forms import MesureForm
from acces_soins.periods import Semestre
from acces_soins.perms import can_edit_plan, can_view_plan
from acces_soins.selectors import current_plan
from acces_soins.services.plan import mesure_update
from acces_soins.views import require


def _plan_or_404():
    plan = current_plan(settings.REFERENCE_REGION)
    require(plan is not None)
    return plan


def plan_detail(request):
    require(can_view_plan(request.user))
    plan = _plan_or_404()
    return render(
        request,
        "acces_soins/plan/detail.html",
        {
            "title": plan.nom,
            "plan": plan,
            "semestre": Semestre.containing(timezone.localdate()),
            "can_edit": can_edit_plan(request.user),
        },
    )


def mesure_edit(request, pk: int):
    require(can_view_plan(request.user))
    plan = _plan_or_404()
    mesure = next((m for p in plan.priorites.all() for m in p.mesures.all() if m.pk == pk), None)
    require(mesure is not None)
    if not can_edit_plan(request.user):
        raise PermissionDenied
    semestre = Semestre.containing(timezone.localdate())
    form = MesureForm(request.POST or None, instance=mesure, semestre=semestre)
    if request.method == "POST" and form.is_valid():
        mesure_update(
            mesure=mesure,
            statut=form.cleaned_data["statut"],
            pilote=form.cleaned_data["pilote"],
            user=request.user,
            semestre=form.cleaned_data["semestre"],
            commentaire=form.cleaned_data["commentaire"],
        )
        messages.success(request, f"La mesure {mesure.reference} a été mise à jour.")
        return redirect(reverse("acces_soins:plan") + f"#mesure-{mesure.pk}")
    return render(
        request,
        "acces_soins/plan/mesure_form.html",
        {
            "title": f"Modifier la mesure {mesure.reference}",
            "mesure": mesure,
            "form": form,
            "breadcrumb_data": {
                "links": [{"url": reverse("acces_soins:plan"), "title": "Plan d'accès aux soins"}],
                "current": mesure.reference,
            },
        },
    )
