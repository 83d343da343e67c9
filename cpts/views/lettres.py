"""Porteur side: file a CPTS lettre d'intention, follow it, answer the délégation; ARS instruction list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comptes.models import Organisation
from cpts import perms
from cpts.forms import LettreForm, NouvelleLettreForm
from cpts.selectors import co_instruction_list, get_lettre_for_user, instruction_list, lettres_of_user_organisations
from cpts.services import lettres as services
from cpts.views.common import paginate
from instruction.enums import CategoriePiece, Etat
from instruction.filters import VUES
from instruction.selectors import dossier_panels
from instruction.services import piece_delete


def _breadcrumb(current):
    return {"links": [{"url": reverse("cpts:lettre_list"), "title": "Lettres d'intention CPTS"}], "current": current}


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


def _apply_errors(form, error: ValidationError) -> None:
    for field, texts in error.message_dict.items():
        form.add_error(field if field in form.fields else None, texts)


@require_http_methods(["GET", "POST"])
def lettre_edit(request, public_id):
    lettre = get_lettre_for_user(request.user, public_id, for_edit=True)
    dossier = lettre.dossier
    form = LettreForm(request.POST or None, request.FILES or None, instance=lettre, departement=lettre.cpts.departement)
    if request.method == "POST":
        form.is_valid()
        try:
            services.lettre_update_draft(
                lettre=lettre, data=form.valid_data(), uploads=form.valid_uploads(), by=request.user
            )
        except ValidationError as error:
            _apply_errors(form, error)
        piece = dossier.pieces.filter(public_id=request.POST.get("supprimer_piece") or None).first()
        if piece:
            piece_delete(piece=piece, by=request.user)
            messages.success(request, f"La pièce « {piece.original_name} » a été retirée.")
        if not form.errors and request.POST.get("action") == "deposer":
            try:
                services.lettre_submit(lettre=lettre, by=request.user)
            except ValidationError as error:
                _apply_errors(form, error)
                messages.error(request, "Votre brouillon est enregistré, mais il est incomplet : voyez les erreurs.")
            else:
                messages.success(request, "Votre lettre d'intention est déposée. L'accusé de dépôt est disponible.")
                return redirect("cpts:lettre_detail", dossier.public_id)
        elif not form.errors:
            messages.success(request, "Brouillon enregistré.")
            return redirect("cpts:lettre_edit", dossier.public_id)
        else:
            messages.error(request, "Les informations valides sont enregistrées ; corrigez les erreurs.")
    lettre.refresh_from_db(fields=["population"])
    return render(
        request,
        "cpts/lettre_form.html",
        {
            "title": "Lettre d'intention de CPTS — brouillon",
            "form": form,
            "lettre": lettre,
            "dossier": dossier,
            "pieces": dossier.pieces.filter(categorie__in=[CategoriePiece.PRINCIPALE, CategoriePiece.ANNEXE]),
            "breadcrumb_data": _breadcrumb("Brouillon"),
        },
    )


@require_GET
def lettre_detail(request, public_id):
    lettre = get_lettre_for_user(request.user, public_id)
    dossier = lettre.dossier
    if dossier.etat == Etat.BROUILLON and perms.can_file_lettre(request.user):
        return redirect("cpts:lettre_edit", dossier.public_id)
    return lettre_page(request, lettre)


def render_dossier_page(request, dossier, *, forms, status):
    """Dossier kind hook: the page again with the bound forms of a failing shared POST view."""
    return lettre_page(request, get_lettre_for_user(request.user, dossier.public_id), forms=forms, status=status)


def lettre_page(request, lettre, *, forms=None, status=200):
    dossier = lettre.dossier
    context = dossier_panels(request.user, dossier, forms=forms)
    context.update(
        {
            "title": f"Lettre d'intention {dossier.reference or '(brouillon)'}",
            "lettre": lettre,
            "cpts": lettre.cpts,
            "territoire": services.territoire_label(lettre),
            "can_answer": dossier.etat == Etat.COMPLEMENT_DEMANDE and context["can_post_message"],
            "breadcrumb_data": _breadcrumb(dossier.reference or "Brouillon"),
        }
    )
    if context["can_instruct"]:
        context["breadcrumb_data"] = {
            "links": [{"url": reverse("cpts:instruction_list"), "title": "Instruction des lettres CPTS"}],
            "current": dossier.reference,
        }
    elif context["co_instruction"] is not None:
        context["breadcrumb_data"] = {
            "links": [{"url": reverse("cpts:co_instruction_list"), "title": "Dossiers en co-instruction"}],
            "current": dossier.reference,
        }
    return render(request, "cpts/lettre_detail.html", context, status=status)


@require_GET
def instruction_index(request):
    if not perms.can_instruct_cpts(request.user):
        raise PermissionDenied
    filterset = instruction_list(user=request.user, params=request.GET or None)
    return dossier_list_page(request, filterset, title="Instruction des lettres d'intention CPTS", vues=VUES)


@require_GET
def co_instruction_index(request):
    """The lettres a partner (Assurance maladie, URPS…) is invited to co-instruct."""
    if not perms.can_co_instruct_cpts(request.user):
        raise PermissionDenied
    filterset = co_instruction_list(user=request.user, params=request.GET or None)
    vues = [(code, label) for code, label in VUES if code != "suivis"]
    return dossier_list_page(request, filterset, title="Dossiers en co-instruction", vues=vues)


def dossier_list_page(request, filterset, *, title: str, vues):
    """The shared dossier list (tabs, filters, pagination) of `instruction/dossier_list.html`."""
    page, page_query = paginate(request, filterset.qs)
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
