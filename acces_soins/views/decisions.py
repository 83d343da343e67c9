"""The decisions of the comité de pilotage followed to closure: the list, a decision's page (its follow-up log, the
owner's status form, the siège's owner / due date / links form) and the next session's agenda."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from acces_soins import selectors
from acces_soins.forms import DecisionForm, SuiviDecisionForm
from acces_soins.models import Decision
from acces_soins.perms import can_edit_plan, can_follow_decision, can_view_plan
from acces_soins.services.decisions import decision_modifier, decision_suivre
from acces_soins.views import require
from comptes.perms import refuse, user_region_code

PAGE_SIZE = 25
BREADCRUMB = [
    {"url": "/plan/", "title": "Plan d'accès aux soins"},
    {"url": "/plan/comites/", "title": "Comité de pilotage"},
]


def _can_list(user) -> bool:
    return can_view_plan(user) or Decision.objects.of_owner(user).exists()


def decision_list(request):
    require(getattr(request.user, "is_authenticated", False) and _can_list(request.user))
    filterset = selectors.decision_list(user=request.user, params=request.GET or None)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for decision in page:
        decision.retard = decision.jours_de_retard(today)
    return render(
        request,
        "acces_soins/decisions/list.html",
        {
            "title": "Décisions du comité de pilotage",
            "filter": filterset,
            "page_obj": page,
            "breadcrumb_data": {"links": BREADCRUMB, "current": "Décisions"},
        },
    )


def decision_detail(request, public_id):
    """A decision, its follow-up log and the owner's status form; with « ?modifier » (the siège), the owner, due
    date and links form instead of the log (each page within its query budget)."""
    data = request.POST if request.method == "POST" else None
    which = request.POST.get("formulaire", "suivi") if data is not None else None
    editing = which == "decision" or (data is None and "modifier" in request.GET)
    decision = selectors.decision_detail(user=request.user, public_id=public_id, with_suivis=not editing)
    require(decision is not None)
    can_follow, can_edit = can_follow_decision(request.user, decision), can_edit_plan(request.user)
    editing = editing and can_edit
    suivi_form = SuiviDecisionForm(data if which == "suivi" else None, initial={"statut": decision.statut})
    edit_form = DecisionForm(
        data if which == "decision" else None, instance=decision, region_code=decision.comite.plan.region_code
    )
    if data is not None:
        if (which == "suivi" and not can_follow) or (which == "decision" and not can_edit) or which is None:
            raise refuse(can_follow_decision if which == "suivi" else can_edit_plan)
        form = suivi_form if which == "suivi" else edit_form
        if form.is_valid():
            try:
                _save(which, decision, form, request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Le suivi de la décision est enregistré.")
                return redirect("acces_soins:decision_detail", public_id=decision.public_id)
    return render(
        request,
        "acces_soins/decisions/detail.html",
        {
            "title": f"Décision {decision.reference}",
            "decision": decision,
            "retard": decision.jours_de_retard(timezone.localdate()),
            "suivis": [] if editing else list(decision.suivis.all()),
            "suivi_form": suivi_form if can_follow and not editing else None,
            "edit_form": edit_form if editing else None,
            "can_edit": can_edit,
            "editing": editing,
            "breadcrumb_data": {"links": BREADCRUMB, "current": decision.reference},
        },
        status=400 if (suivi_form.errors or edit_form.errors) else 200,
    )


def _save(which: str, decision, form, user) -> None:
    data = form.cleaned_data
    if which == "suivi":
        decision_suivre(
            decision=decision,
            by=user,
            statut=data["statut"],
            commentaire=data["commentaire"],
            motif_abandon=data["motif_abandon"],
        )
        return
    decision_modifier(
        decision=decision,
        by=user,
        responsable_personne=data["responsable_personne"],
        responsable_organisation=data["responsable_organisation"],
        echeance=data["echeance"],
        mesures=data["mesures"],
        fiches=data["fiches"],
        indicateurs=data["indicateurs"],
    )


def ordre_du_jour(request):
    """The next session's agenda, generated: open decisions first (overdue first), each with its history."""
    require(can_view_plan(request.user))
    agenda = selectors.ordre_du_jour(region_code=user_region_code(request.user), on=timezone.localdate())
    return render(
        request,
        "acces_soins/decisions/ordre_du_jour.html",
        {
            "title": "Ordre du jour de la prochaine séance",
            "agenda": agenda,
            "can_edit": can_edit_plan(request.user),
            "breadcrumb_data": {"links": BREADCRUMB, "current": "Ordre du jour proposé"},
            "create_url": reverse("acces_soins:comite_create"),
        },
    )
