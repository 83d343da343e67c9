"""One action of a feuille de route: its page (sections: pilotage, calendar, indicators, progress notes)
with the délégation's semester note form, and its creation / edition with milestones."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from acces_soins.feuilles import selectors
from acces_soins.feuilles.forms import ActionForm, JalonFormSet, NoteForm
from acces_soins.models import Action
from acces_soins.perms import can_edit_feuille, can_view_feuilles, can_write_note
from acces_soins.services.feuilles import action_beneficiaire, action_save, funding_departement, note_save
from acces_soins.views import require
from acces_soins.views.feuilles import LIST_TITLE, territoire_for
from comptes.perms import refuse
from financements.perms import can_engager, can_view_financements
from financements.selectors import ressources_par_financeur


def _crumbs(territoire, current: str) -> dict:
    return {
        "links": [
            {"url": reverse("acces_soins:feuille_list"), "title": LIST_TITLE},
            {"url": reverse("acces_soins:territoire_detail", args=[territoire.public_id]), "title": territoire.nom},
        ],
        "current": current,
    }


def action_detail(request, public_id):
    require(can_view_feuilles(request.user))
    action = selectors.action_detail(public_id, user=request.user, on=timezone.localdate())
    require(action is not None)
    territoire = action.feuille.territoire
    can_note = can_write_note(request.user, territoire)
    form = NoteForm.for_action(action, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_note:
            raise refuse(can_write_note)
        if form.is_valid():
            note_save(action=action, user=request.user, **form.cleaned_data)
            messages.success(request, f"La note d'avancement {form.cleaned_data['semestre']} est enregistrée.")
            return redirect("acces_soins:action_detail", public_id=action.public_id)
    context = {
        "title": f"{action.reference} {action.libelle}",
        "action": action,
        "territoire": territoire,
        "notes": list(action.notes.all()),
        "jalons": list(action.jalons.all()),
        "form": form,
        "can_note": can_note,
        "can_edit": can_edit_feuille(request.user, territoire),
        "financement": _financement(request.user, action),
        "breadcrumb_data": _crumbs(territoire, action.reference),
    }
    return render(request, "acces_soins/feuilles/action.html", context, status=400 if form.errors else 200)


def _funding_departement_id(action) -> int | None:
    """The département the action's funding is recorded in (its ledger record's, or the first the
    territory covers, by code)."""
    if action.beneficiaire_id:
        return action.beneficiaire.departement_id
    departement = funding_departement(action.feuille.territoire)
    return departement.pk if departement else None


def _financement(user, action) -> dict:
    """The « Financement » section: the action's resources by funder, read from the ledger."""
    return {
        "beneficiaire": action.beneficiaire,
        "ressources": ressources_par_financeur(action.beneficiaire),
        "can_engager": can_engager(user, _funding_departement_id(action)),
        "can_view_details": can_view_financements(user),
    }


@require_POST
def action_engager(request, public_id):
    """Open the ledger's commitment form for this action (its ledger record is created once)."""
    require(can_view_feuilles(request.user))
    action = Action.objects.visible_to(request.user).select_related("beneficiaire").filter(public_id=public_id).first()
    require(action is not None)
    if not can_engager(request.user, _funding_departement_id(action)):
        raise refuse(can_engager)
    beneficiaire = action_beneficiaire(action=action)
    query = urlencode({"beneficiaire": beneficiaire.public_id})
    return redirect(f"{reverse('financements:engagement_create')}?{query}")


def action_edit(request, public_id=None, territoire_id=None):
    """Create an action in the territory's current feuille de route, or edit one, with its milestones."""
    if public_id is not None:
        require(can_view_feuilles(request.user))
        action = (
            Action.objects.visible_to(request.user)
            .select_related("feuille__territoire")
            .filter(public_id=public_id)
            .first()
        )
        require(action is not None)
        territoire = action.feuille.territoire
    else:
        territoire = territoire_for(request.user, territoire_id)
        feuille = selectors.current_feuille(territoire)
        require(feuille is not None)
        action = Action(feuille=feuille)
    if not can_edit_feuille(request.user, territoire):
        raise refuse(can_edit_feuille)
    data = request.POST if request.method == "POST" else None
    form = ActionForm(data, instance=action)
    jalons = JalonFormSet(data, instance=action if action.pk else Action(), prefix="jalons")
    if data is not None and form.is_valid() and jalons.is_valid():
        with transaction.atomic():
            saved = jalons.save(commit=False)
            action = action_save(
                action=form.save(commit=False),
                user=request.user,
                indicateurs=form.cleaned_data["indicateurs"],
                jalons=saved,
                jalons_supprimes=jalons.deleted_objects,
            )
        messages.success(request, f"L'action {action.reference} est enregistrée.")
        return redirect("acces_soins:action_detail", public_id=action.public_id)
    title = f"Modifier l'action {action.reference}" if action.pk else f"Nouvelle action — {territoire.nom}"
    return render(
        request,
        "acces_soins/feuilles/action_form.html",
        {
            "title": title,
            "action": action,
            "territoire": territoire,
            "form": form,
            "jalons": jalons,
            "breadcrumb_data": _crumbs(territoire, title),
        },
    )
