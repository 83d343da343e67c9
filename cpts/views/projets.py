"""The projet de santé filed online by the porteur of a CPTS whose lettre d'intention is validated."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpts import perms
from cpts.forms import ProjetForm
from cpts.selectors import get_cpts_for_user, get_projet_for_user
from cpts.services import projets as services
from cpts.views import depots


def _breadcrumb(projet, current):
    return {
        "links": [
            {"url": reverse("cpts:index"), "title": "CPTS"},
            {"url": reverse("cpts:detail", args=[projet.cpts.public_id]), "title": projet.cpts.nom},
        ],
        "current": f"Projet de santé — {current}",
    }


PROJET = depots.Depot(
    noun="projet de santé",
    filed_message="Votre projet de santé est déposé. L'accusé de dépôt est disponible.",
    submit_label="Déposer le projet de santé",
    load=get_projet_for_user,
    form_class=ProjetForm,
    update_draft=services.projet_update_draft,
    submit=services.projet_submit,
    object_name="projet",
    edit_url="cpts:projet_edit",
    detail_url="cpts:projet_detail",
    form_template="cpts/projet_form.html",
    detail_template="cpts/projet_detail.html",
    breadcrumb=_breadcrumb,
    can_edit=lambda user, projet: perms.can_file_projet(user, projet.cpts),
)
render_dossier_page = depots.render_page_hook(PROJET)


@require_POST
def projet_create(request, public_id):
    """« Rédiger le projet de santé » on the CPTS page (porteur members who may write)."""
    cpts = get_cpts_for_user(request.user, public_id)
    if not perms.can_file_projet(request.user, cpts):
        raise PermissionDenied
    try:
        projet = services.projet_create(cpts=cpts, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cpts:detail", cpts.public_id)
    messages.success(request, "Votre brouillon de projet de santé est créé. Il est enregistré à chaque étape.")
    return redirect("cpts:projet_edit", projet.dossier.public_id)


@require_http_methods(["GET", "POST"])
def projet_edit(request, public_id):
    return depots.edit(PROJET, request, public_id)


@require_GET
def projet_detail(request, public_id):
    return depots.detail(PROJET, request, public_id)
