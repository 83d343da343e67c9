from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from acces_soins.forms import DeclinaisonForm, MesureForm, NoteForm
from acces_soins.models import DeclinaisonMesure
from acces_soins.notes import KINDS
from acces_soins.notes_blocs import NoteBloc, historique_rows
from acces_soins.periods import Semestre
from acces_soins.perms import can_edit_declinaison, can_edit_plan, can_view_plan
from acces_soins.selectors import current_plan
from acces_soins.services.plan import declinaison_update, mesure_update
from acces_soins.views import require
from acces_soins.views.notes import NotePage
from comptes.perms import get_scope, refuse, user_region_code
from territoires.models import Departement


def _plan_or_404(user):
    plan = current_plan(user_region_code(user))
    require(plan is not None)
    return plan


def plan_detail(request):
    require(can_view_plan(request.user))
    plan = _plan_or_404(request.user)
    return render(
        request,
        "acces_soins/plan/detail.html",
        {
            "title": plan.nom,
            "plan": plan,
            "semestre": Semestre.containing(timezone.localdate()),
            "can_edit": can_edit_plan(request.user),
            "declinaison_departements": _own_departements(request.user),
        },
    )


def _own_departements(user) -> list[Departement]:
    """The départements whose declinations a délégation fills in from the plan page (the siège uses the
    measure page)."""
    scope = get_scope(user)
    if scope.is_siege or not scope.is_delegation:
        return []
    return list(Departement.objects.filter(pk__in=scope.departement_ids).order_by("code"))


def _mesure_or_404(plan, pk: int):
    mesure = next((m for p in plan.priorites.all() for m in p.mesures.all() if m.pk == pk), None)
    require(mesure is not None)
    return mesure


def _load_mesure(request, ident) -> object:
    require(can_view_plan(request.user))
    plan = _plan_or_404(request.user)
    return _mesure_or_404(plan, int(ident))


def mesure_edit(request, pk: int):
    mesure = _load_mesure(request, pk)
    if not can_edit_plan(request.user):
        raise refuse(can_edit_plan)
    form = MesureForm(request.POST or None, instance=mesure)
    if request.method == "POST" and form.is_valid():
        mesure_update(
            mesure=mesure,
            statut=form.statut_saisi,
            pilote=form.cleaned_data["pilote"],
            user=request.user,
            indicateurs=form.cleaned_data["indicateurs"],
        )
        messages.success(request, f"La mesure {mesure.reference} a été mise à jour.")
        return redirect(reverse("acces_soins:plan") + f"#mesure-{mesure.pk}")
    return render_mesure(request, mesure, form=form)


def render_mesure(request, mesure, note_form=None, status: int = 200, form=None):
    """The measure page: its status form, and its regional comment of each semester (the one note fragment)."""
    semestre = Semestre.containing(timezone.localdate())
    comments = list(mesure.commentaires)
    current = next((note for note in comments if note.semestre == str(semestre)), None)
    bloc = NoteBloc(
        kind=KINDS["mesure"],
        anchor="notes-mesure",
        historique=historique_rows(KINDS["mesure"], comments),
        historique_titre="Commentaires semestriels de la mesure",
        historique_vide="Aucun commentaire semestriel.",
        form=note_form
        or NoteForm(
            kind=KINDS["mesure"],
            with_semestre=True,
            semestre=semestre,
            initial={"texte": getattr(current, "texte", "")},
        ),
        action=reverse("acces_soins:note_save", args=["mesure", mesure.pk]),
        bouton="Enregistrer le commentaire",
    )
    return render(
        request,
        "acces_soins/plan/mesure_form.html",
        {
            "title": f"Modifier la mesure {mesure.reference}",
            "mesure": mesure,
            "form": form or MesureForm(instance=mesure),
            "bloc": bloc,
            "departements": Departement.objects.filter(region__code=user_region_code(request.user)).order_by("code"),
            "breadcrumb_data": {
                "links": [{"url": reverse("acces_soins:plan"), "title": "Plan d'accès aux soins"}],
                "current": mesure.reference,
            },
        },
        status=status,
    )


NOTE_PAGE = NotePage(
    load=_load_mesure,
    can_write=lambda user, mesure: can_edit_plan(user),
    url=lambda mesure: reverse("acces_soins:mesure_edit", args=[mesure.pk]),
    render=render_mesure,
)


def declinaison_edit(request, pk: int, code: str):
    """The declination of a measure in one département: the siège or that département's délégation."""
    require(can_view_plan(request.user))
    plan = _plan_or_404(request.user)
    mesure = _mesure_or_404(plan, pk)
    departement = get_object_or_404(Departement, code=code, region__code=user_region_code(request.user))
    if not can_edit_declinaison(request.user, departement.pk):
        raise refuse(can_edit_declinaison)
    declinaison = DeclinaisonMesure.objects.filter(mesure=mesure, departement=departement).first()
    form = DeclinaisonForm(
        request.POST or None, instance=declinaison or DeclinaisonMesure(mesure=mesure, departement=departement)
    )
    if request.method == "POST" and form.is_valid():
        declinaison_update(
            mesure=mesure,
            departement=departement,
            statut=form.statut_saisi,
            commentaire=form.cleaned_data["commentaire"],
        )
        messages.success(request, f"La déclinaison de la mesure {mesure.reference} en {departement} a été mise à jour.")
        return redirect(reverse("acces_soins:plan") + f"#mesure-{mesure.pk}")
    title = f"Mesure {mesure.reference} — {departement}"
    return render(
        request,
        "acces_soins/plan/declinaison_form.html",
        {
            "title": title,
            "mesure": mesure,
            "departement": departement,
            "form": form,
            "breadcrumb_data": {
                "links": [{"url": reverse("acces_soins:plan"), "title": "Plan d'accès aux soins"}],
                "current": title,
            },
        },
    )


def remontee_nationale(request, fmt: str):
    """The one-page « remontée nationale » (PDF or CSV) of a semester (the last ended by default)."""
    from acces_soins.remontee_nationale import remontee_response

    require(can_view_plan(request.user) and fmt in ("pdf", "csv"))
    try:
        semestre = Semestre.parse(request.GET.get("semestre", ""))
    except ValidationError:
        semestre = Semestre.last_ended_before(timezone.localdate())
    region_code = user_region_code(request.user)
    # the région and its identity row, read with the user's memberships (the document's operator)
    region = get_scope(request.user).regions.get(region_code)
    return remontee_response(fmt=fmt, region_code=region_code, semestre=semestre, region=region)
