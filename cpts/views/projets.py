"""The projet de santé filed online by the porteur of a CPTS whose lettre d'intention is validated.

Its draft and dossier pages are those of the instruction machinery (kind declared in apps.py); the draft
opens from the CPTS page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from comptes.perms import refuse
from cpts import perms
from cpts.selectors import get_cpts_for_user
from cpts.services import projets as services


def breadcrumb(projet) -> list[dict]:
    """The porteur reaches its projet de santé from the CPTS page."""
    return [
        {"url": reverse("cpts:index"), "title": "CPTS"},
        {"url": reverse("cpts:detail", args=[projet.cpts.public_id]), "title": projet.cpts.nom},
    ]


@require_POST
def projet_create(request, public_id):
    """« Rédiger le projet de santé » on the CPTS page (porteur members who may write)."""
    cpts = get_cpts_for_user(request.user, public_id)
    if not perms.can_file_projet(request.user, cpts):
        raise refuse(perms.can_file_projet)
    try:
        projet = services.projet_create(cpts=cpts, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cpts:detail", cpts.public_id)
    messages.success(request, "Votre brouillon de projet de santé est créé. Il est enregistré automatiquement.")
    return redirect("cpts:projet_edit", projet.dossier.public_id)
