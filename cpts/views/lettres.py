"""Porteur side: file a CPTS lettre d'intention, follow it, answer the délégation; ARS instruction list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comptes.models import Organisation
from cpts import perms
from cpts.forms import LettreForm, NouvelleLettreForm
from cpts.selectors import (
    co_instruction_list,
    depot_of,
    get_lettre_for_user,
    instruction_list,
    lettres_of_user_organisations,
)
from cpts.services import lettres as services
from cpts.views import depots
from cpts.views.common import paginate
from instruction.filters import VUES


def _breadcrumb(current):
    return {"links": [{"url": reverse("cpts:lettre_list"), "title": "Lettres d'intention CPTS"}], "current": current}


LETTRE = depots.Depot(
    noun="lettre d'intention",
    filed_message="Votre lettre d'intention est déposée. L'accusé de dépôt est disponible.",
    submit_label="Déposer la lettre d'intention",
    load=get_lettre_for_user,
    form_class=LettreForm,
    update_draft=services.lettre_update_draft,
    submit=services.lettre_submit,
    object_name="lettre",
    edit_url="cpts:lettre_edit",
    detail_url="cpts:lettre_detail",
    form_template="cpts/lettre_form.html",
    detail_template="cpts/lettre_detail.html",
    breadcrumb=lambda lettre, current: _breadcrumb(current),
    can_edit=lambda user, lettre: perms.can_file_lettre(user),
    form_kwargs=lambda lettre: {"departement": lettre.cpts.departement},
    detail_context=lambda lettre: {"territoire": services.territoire_label(lettre)},
)
render_dossier_page = depots.render_page_hook(LETTRE)


@require_GET
def lettre_list(request):
    if not perms.can_list_own_lettres(request.user):
        raise PermissionDenied
    return render(
        request,
        "cpts/lettre_list.html",
        {
            "title": "Mes lettres d'intention de CPTS",
            "dossiers": lettres_of_user_organisations(request.user),
            "can_file": perms.can_file_lettre(request.user),
            "nouvelle_form": NouvelleLettreForm(),
            "breadcrumb_data": {"links": [], "current": "Lettres d'intention CPTS"},
        },
    )


@require_POST
def lettre_create(request):
    organisations = perms.filing_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    form = NouvelleLettreForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Indiquez le nom de la future CPTS.")
        return redirect("cpts:lettre_list")
    organisation = Organisation.objects.get(pk=sorted(organisations)[0])
    try:
        lettre = services.lettre_create(organisation=organisation, nom=form.cleaned_data["nom"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cpts:lettre_list")
    messages.success(request, "Votre brouillon est créé. Il est enregistré à chaque étape.")
    return redirect("cpts:lettre_edit", lettre.dossier.public_id)


@require_http_methods(["GET", "POST"])
def lettre_edit(request, public_id):
    return depots.edit(LETTRE, request, public_id)


@require_GET
def lettre_detail(request, public_id):
    return depots.detail(LETTRE, request, public_id)


@require_GET
def instruction_index(request):
    if not perms.can_instruct_cpts(request.user):
        raise PermissionDenied
    filterset = instruction_list(user=request.user, params=request.GET or None)
    return dossier_list_page(request, filterset, title="Instruction des dépôts CPTS", vues=VUES)


@require_GET
def co_instruction_index(request):
    """The dossiers a partner (Assurance maladie, URPS…) is invited to co-instruct."""
    if not perms.can_co_instruct_cpts(request.user):
        raise PermissionDenied
    filterset = co_instruction_list(user=request.user, params=request.GET or None)
    vues = [(code, label) for code, label in VUES if code != "suivis"]
    return dossier_list_page(request, filterset, title="Dossiers en co-instruction", vues=vues)


def dossier_list_page(request, filterset, *, title: str, vues):
    """The shared dossier list (tabs, filters, pagination) of `instruction/dossier_list.html`."""
    page, page_query = paginate(request, filterset.qs)
    for dossier in page:
        dossier.depot = depot_of(dossier)
    current_vue = request.GET.get("vue", "")
    query = request.GET.copy()
    query.pop("page", None)
    tabs = []
    for code, label in [("", "Tous"), *vues]:
        params = query.copy()
        params["vue"] = code
        tabs.append({"code": code, "label": label, "query": params.urlencode(), "current": code == current_vue})
    return render(
        request,
        "cpts/instruction_list.html",
        {
            "title": title,
            "filter": filterset,
            "page_obj": page,
            "tabs": tabs,
            "page_query": page_query,
            "breadcrumb_data": {"links": [], "current": title},
        },
    )
