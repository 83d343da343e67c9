"""Generic actions on a dossier (every kind): decisions, messages, annotations, référent, downloads.

Each view checks access with the loaders of `selectors` and a predicate of `perms`, calls one
service and redirects to the kind's dossier page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from instruction import perms, services
from instruction.enums import Etat
from instruction.forms import AnnotationForm, MessageForm, ReferentForm, TransitionForm
from instruction.selectors import get_dossier_for_user, get_piece_for_user, referent_candidates


def _errors_to_messages(request, error) -> None:
    texts = error.messages if isinstance(error, ValidationError) else [str(error)]
    for text in texts:
        messages.error(request, text)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for text in errors:
            messages.error(request, text)


@require_POST
def transition(request, public_id):
    dossier = get_dossier_for_user(request.user, public_id)
    if not perms.can_instruct(request.user, dossier):
        raise PermissionDenied
    form = TransitionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(dossier.get_absolute_url())
    to_etat = form.cleaned_data["to_etat"]
    if not perms.can_transition(request.user, dossier, to_etat):
        messages.error(
            request,
            f"Transition impossible : un dossier « {Etat(dossier.etat).label} » ne peut pas passer "
            f"à l'état « {Etat(to_etat).label} ».",
        )
        return redirect(dossier.get_absolute_url())
    try:
        services.dossier_transition(
            dossier=dossier, to_etat=to_etat, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, f"Le dossier est désormais « {Etat(to_etat).label} ».")
    return redirect(dossier.get_absolute_url())


@require_POST
def message(request, public_id):
    """Post a message; when the déposant answers a request for complements, the dossier goes back
    to the délégation (« Envoyer ma réponse »)."""
    dossier = get_dossier_for_user(request.user, public_id)
    if not perms.can_post_message(request.user, dossier):
        raise PermissionDenied
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(dossier.get_absolute_url())
    from_ars = perms.can_instruct(request.user, dossier)
    uploads = [form.cleaned_data["piece"]] if form.cleaned_data.get("piece") else []
    try:
        services.message_post(
            dossier=dossier, author=request.user, from_ars=from_ars, body=form.cleaned_data["body"], uploads=uploads
        )
        if request.POST.get("repondre") and perms.can_transition(request.user, dossier, Etat.EN_INSTRUCTION):
            services.dossier_transition(
                dossier=dossier, to_etat=Etat.EN_INSTRUCTION, by=request.user, reason="Réponse de la collectivité"
            )
            messages.success(request, "Votre réponse a été transmise à la délégation.")
        else:
            messages.success(request, "Votre message a été envoyé.")
    except ValidationError as error:
        _errors_to_messages(request, error)
    return redirect(dossier.get_absolute_url())


@require_POST
def annotation(request, public_id):
    dossier = get_dossier_for_user(request.user, public_id)
    if not perms.can_annotate(request.user, dossier):
        raise PermissionDenied
    form = AnnotationForm(request.POST)
    if form.is_valid():
        services.annotation_add(dossier=dossier, author=request.user, body=form.cleaned_data["body"])
        messages.success(request, "L'annotation interne a été enregistrée.")
    else:
        _form_errors(request, form)
    return redirect(dossier.get_absolute_url())


@require_POST
def referent(request, public_id):
    dossier = get_dossier_for_user(request.user, public_id)
    if not perms.can_assign_referent(request.user, dossier):
        raise PermissionDenied
    form = ReferentForm(request.POST, candidates=referent_candidates(dossier))
    if form.is_valid():
        try:
            services.referent_assign(dossier=dossier, referent=form.cleaned_data["referent"], by=request.user)
        except ValidationError as error:
            _errors_to_messages(request, error)
        else:
            messages.success(request, "Le référent du dossier a été mis à jour.")
    else:
        _form_errors(request, form)
    return redirect(dossier.get_absolute_url())


@require_GET
def piece_download(request, public_id):
    piece = get_piece_for_user(request.user, public_id)
    return FileResponse(
        piece.file.open("rb"), as_attachment=True, filename=piece.original_name, content_type=piece.content_type
    )
