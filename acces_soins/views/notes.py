"""THE view that writes a semester note outside a campaign (an action's progress, a measure's comment): one form
(`forms.NoteForm`), one service (`notes.note_enregistrer`), one fragment shown by each target page."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from acces_soins.forms import NoteForm
from acces_soins.notes import kind_of, note_enregistrer
from acces_soins.views import require


@dataclass(frozen=True)
class NotePage:
    """A page that shows and writes the notes of its object: how to load it (404 when out of scope), who may write,
    where to go back, and how to show it again with a failing form."""

    load: Callable  # (request, ident) -> object or None
    can_write: Callable  # (user, object) -> bool
    url: Callable  # (object) -> str
    render: Callable  # (request, object, form, status) -> HttpResponse


def _pages() -> dict[str, NotePage]:
    from acces_soins.views import actions, plan

    return {"action": actions.NOTE_PAGE, "mesure": plan.NOTE_PAGE}


@require_POST
def note_save(request, kind: str, ident: str):
    page = _pages().get(kind)
    require(page is not None)
    target = page.load(request, ident)
    require(target is not None)
    if not page.can_write(request.user, target):
        raise PermissionDenied("Vous ne pouvez pas écrire de note sur cette page.")
    note_kind = kind_of(kind)
    form = NoteForm(request.POST, kind=note_kind, with_semestre=True)
    if not form.is_valid():
        return page.render(request, target, form, 400)
    semestre = form.cleaned_data["semestre"]
    note_enregistrer(kind=note_kind, object_id=target.pk, semestre=semestre, user=request.user, **form.note_data())
    messages.success(request, f"La note {semestre} est enregistrée.")
    return redirect(page.url(target) + "#notes")
