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
from acces_soins.feuilles.forms import ActionForm, JalonFormSet
from acces_soins.forms import NoteForm
from acces_soins.models import Action
from acces_soins.notes import KINDS
from acces_soins.notes_blocs import NoteBloc, historique_rows
from acces_soins.periods import Semestre
from acces_soins.perms import can_edit_feuille, can_view_feuilles, can_write_note
from acces_soins.services.feuilles import action_beneficiaire, action_save, funding_departement
from acces_soins.views import require
from acces_soins.views.feuilles import LIST_TITLE, territoire_for
from acces_soins.views.notes import NotePage
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


def _load_action(request, public_id):
    require(can_view_feuilles(request.user))
    return selectors.action_detail(public_id, user=request.user, on=timezone.localdate())


def action_detail(request, public_id):
    action = _load_action(request, public_id)
    require(action is not None)
    return render_action(request, action)


def _note_form(action, notes):
    """The semester note form, pre-filled with the current semester's note when it exists (editing it)."""
    semestre = Semestre.containing(timezone.localdate())
    note = next((n for n in notes if n.semestre == str(semestre)), None)
    initial = {"semestre": str(semestre), "statut": action.statut, "avancement": 0}
    if note is not None:
        initial.update(avancement=note.avancement, texte=note.texte, statut=note.statut)
    return NoteForm(kind=KINDS["action"], with_semestre=True, initial=initial)


def render_action(request, action, note_form=None, status: int = 200):
    territoire = action.feuille.territoire
    can_note = can_write_note(request.user, territoire)
    notes = list(action.notes.all())
    bloc = NoteBloc(
        kind=KINDS["action"],
        anchor="notes-action",
        historique=historique_rows(KINDS["action"], notes),
        historique_titre="Notes d'avancement par semestre",
        historique_vide="Aucune note d'avancement.",
        form=(note_form or _note_form(action, notes)) if can_note else None,
        action=reverse("acces_soins:note_save", args=["action", action.public_id]),
    )
    context = {
        "title": f"{action.reference} {action.libelle}",
        "action": action,
        "territoire": territoire,
        "bloc": bloc,
        "jalons": list(action.jalons.all()),
        "can_note": can_note,
        "can_edit": can_edit_feuille(request.user, territoire),
        "financement": _financement(request.user, action),
        "breadcrumb_data": _crumbs(territoire, action.reference),
    }
    return render(request, "acces_soins/feuilles/action.html", context, status=status)


NOTE_PAGE = NotePage(
    load=_load_action,
    can_write=lambda user, action: can_write_note(user, action.feuille.territoire),
    url=lambda action: reverse("acces_soins:action_detail", args=[action.public_id]),
    render=render_action,
)


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
