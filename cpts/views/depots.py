"""What the porteur's online filings of a CPTS share (lettre d'intention, projet de santé): the draft page
(valid fields and uploads saved, filing through the kind's service) and the dossier page built on the
shared instruction panels. Each filing describes itself with a `Depot`."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from instruction.enums import CategoriePiece, Etat
from instruction.selectors import dossier_panels
from instruction.services import piece_delete


@dataclass(frozen=True)
class Depot:
    noun: str  # « lettre d'intention »
    filed_message: str  # success message after filing
    submit_label: str  # « Déposer la lettre d'intention »
    load: Callable  # (user, public_id, *, for_edit=False) -> the kind's object (has .dossier and .cpts)
    form_class: type
    update_draft: Callable  # (*, <obj>=, data, uploads, by)
    submit: Callable  # (*, <obj>=, by)
    object_name: str  # keyword of the services and template variable: « lettre », « projet »
    edit_url: str  # URL names
    detail_url: str
    form_template: str
    detail_template: str
    breadcrumb: Callable  # (obj, current: str) -> breadcrumb_data
    can_edit: Callable  # (user, obj) -> bool: a draft opens on its edit page
    form_kwargs: Callable = field(default=lambda obj: {})
    detail_context: Callable = field(default=lambda obj: {})


def _apply_errors(form, error: ValidationError) -> None:
    for name, texts in error.message_dict.items():
        form.add_error(name if name in form.fields else None, texts)


def edit(depot: Depot, request, public_id):
    """GET/POST of a draft: save what is valid, remove a piece, or file it (« deposer »)."""
    obj = depot.load(request.user, public_id, for_edit=True)
    dossier = obj.dossier
    form = depot.form_class(request.POST or None, request.FILES or None, instance=obj, **depot.form_kwargs(obj))
    if request.method == "POST":
        form.is_valid()
        try:
            depot.update_draft(
                **{depot.object_name: obj}, data=form.valid_data(), uploads=form.valid_uploads(), by=request.user
            )
        except ValidationError as error:
            _apply_errors(form, error)
        piece = dossier.pieces.filter(public_id=request.POST.get("supprimer_piece") or None).first()
        if piece:
            piece_delete(piece=piece, by=request.user)
            messages.success(request, f"La pièce « {piece.original_name} » a été retirée.")
        if not form.errors and request.POST.get("action") == "deposer":
            try:
                depot.submit(**{depot.object_name: obj}, by=request.user)
            except ValidationError as error:
                _apply_errors(form, error)
                messages.error(request, "Votre brouillon est enregistré, mais il est incomplet : voyez les erreurs.")
            else:
                messages.success(request, depot.filed_message)
                return redirect(depot.detail_url, dossier.public_id)
        elif not form.errors:
            messages.success(request, "Brouillon enregistré.")
            return redirect(depot.edit_url, dossier.public_id)
        else:
            messages.error(request, "Les informations valides sont enregistrées ; corrigez les erreurs.")
    obj.refresh_from_db()
    return render(
        request,
        depot.form_template,
        {
            "title": f"{depot.noun.capitalize()} — brouillon",
            "form": form,
            depot.object_name: obj,
            "dossier": dossier,
            "depot_action": depot.edit_url,
            "submit_label": depot.submit_label,
            "upload_fields": [form[name] for name in form.UPLOADS],
            "pieces": dossier.pieces.filter(categorie__in=[CategoriePiece.PRINCIPALE, CategoriePiece.ANNEXE]),
            "breadcrumb_data": depot.breadcrumb(obj, "Brouillon"),
            **depot.detail_context(obj),
        },
    )


def detail(depot: Depot, request, public_id):
    obj = depot.load(request.user, public_id)
    if obj.dossier.etat == Etat.BROUILLON and depot.can_edit(request.user, obj):
        return redirect(depot.edit_url, obj.dossier.public_id)
    return page(depot, request, obj)


def page(depot: Depot, request, obj, *, forms=None, status=200):
    """The dossier page: the kind's content and the shared panels (pieces, messages, decisions…)."""
    dossier = obj.dossier
    context = dossier_panels(request.user, dossier, forms=forms)
    context.update(
        {
            "title": f"{depot.noun.capitalize()} {dossier.reference or '(brouillon)'}",
            depot.object_name: obj,
            "cpts": obj.cpts,
            "can_answer": dossier.etat == Etat.COMPLEMENT_DEMANDE and context["can_post_message"],
            "breadcrumb_data": depot.breadcrumb(obj, dossier.reference or "Brouillon"),
            **depot.detail_context(obj),
        }
    )
    if context["can_instruct"]:
        context["breadcrumb_data"] = {
            "links": [{"url": reverse("cpts:instruction_list"), "title": "Instruction des dépôts CPTS"}],
            "current": dossier.reference,
        }
    elif context["co_instruction"] is not None:
        context["breadcrumb_data"] = {
            "links": [{"url": reverse("cpts:co_instruction_list"), "title": "Dossiers en co-instruction"}],
            "current": dossier.reference,
        }
    return render(request, depot.detail_template, context, status=status)


def render_page_hook(depot: Depot) -> Callable:
    """The dossier kind's `render_page`: the page again with the bound forms of a failing shared POST."""

    def render_page(request, dossier, *, forms, status):
        return page(depot, request, depot.load(request.user, dossier.public_id), forms=forms, status=status)

    return render_page
