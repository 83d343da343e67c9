"""Generic actions on a dossier (every kind): decisions, messages, annotations, référent, downloads.

Each view checks access with the loaders of `selectors` and a predicate of `perms`, calls one
service and redirects to the kind's dossier page. A failing form is shown again on the dossier page
(kind hook `render_page`, status 400) with its French errors and what was typed.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from comptes.models import Organisation
from instruction import perms, services
from instruction.enums import Etat
from instruction.forms import AnnotationForm, AvisForm, InvitationForm, MessageForm, ReferentForm, TransitionForm
from instruction.models import Participation
from instruction.selectors import get_dossier_for_user, get_piece_for_user, referent_candidates


def _add_errors(form, error: ValidationError) -> None:
    """Attach a service error to the form: to its field when it names one, else to the whole form."""
    if hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            form.add_error(field if field in form.fields else None, texts)
    else:
        form.add_error(None, error.messages)


def _invalid(request, dossier, *, name: str, form):
    """Show the dossier page again with the bound form (errors and typed text), status 400.

    Kinds without a page hook fall back to error messages and a redirect.
    """
    render_page = dossier.kind_spec.render_page
    if render_page is None:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect(dossier.get_absolute_url())
    messages.error(request, "Votre saisie n'a pas été enregistrée : corrigez les erreurs signalées ci-dessous.")
    return render_page(request, dossier, forms={name: form}, status=400)


@require_POST
def transition(request, public_id):
    dossier = get_dossier_for_user(request.user, public_id)
    if not perms.can_instruct(request.user, dossier):
        raise PermissionDenied
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return _invalid(request, dossier, name="transition", form=form)
    to_etat = form.cleaned_data["to_etat"]
    if not perms.can_transition(request.user, dossier, to_etat):
        form.add_error(
            "to_etat",
            f"Transition impossible : un dossier « {Etat(dossier.etat).label} » ne peut pas passer "
            f"à l'état « {Etat(to_etat).label} ».",
        )
        return _invalid(request, dossier, name="transition", form=form)
    try:
        services.dossier_transition(
            dossier=dossier, to_etat=to_etat, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        _add_errors(form, error)
        return _invalid(request, dossier, name="transition", form=form)
    messages.success(request, f"Le dossier est désormais « {Etat(to_etat).label} ».")
    return redirect(dossier.get_absolute_url())


@require_POST
def message(request, public_id):
    """Post a message; when the déposant answers a request for complements, the dossier goes back
    to the délégation (« Envoyer ma réponse ») with a single notification."""
    dossier = get_dossier_for_user(request.user, public_id)
    if not perms.can_post_message(request.user, dossier):
        raise PermissionDenied
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(request, dossier, name="message", form=form)
    uploads = [form.cleaned_data["piece"]] if form.cleaned_data.get("piece") else []
    answer = request.POST.get("repondre") and perms.can_transition(request.user, dossier, Etat.EN_INSTRUCTION)
    try:
        if answer:
            services.dossier_answer(
                dossier=dossier, author=request.user, body=form.cleaned_data["body"], uploads=uploads
            )
        else:
            services.message_post(
                dossier=dossier,
                author=request.user,
                from_ars=perms.can_instruct(request.user, dossier),
                body=form.cleaned_data["body"],
                uploads=uploads,
            )
    except ValidationError as error:
        _add_errors(form, error)
        return _invalid(request, dossier, name="message", form=form)
    if answer:
        messages.success(request, "Votre réponse a été transmise à la délégation.")
    else:
        messages.success(request, "Votre message a été envoyé.")
    return redirect(dossier.get_absolute_url())


@require_POST
def annotation(request, public_id):
    dossier = get_dossier_for_user(request.user, public_id)
    if not perms.can_annotate(request.user, dossier):
        raise PermissionDenied
    form = AnnotationForm(request.POST)
    if not form.is_valid():
        return _invalid(request, dossier, name="annotation", form=form)
    services.annotation_add(dossier=dossier, author=request.user, body=form.cleaned_data["body"])
    messages.success(request, "L'annotation interne a été enregistrée.")
    return redirect(dossier.get_absolute_url())


@require_POST
def referent(request, public_id):
    dossier = get_dossier_for_user(request.user, public_id)
    if not perms.can_assign_referent(request.user, dossier):
        raise PermissionDenied
    form = ReferentForm(request.POST, candidates=referent_candidates(dossier))
    if not form.is_valid():
        return _invalid(request, dossier, name="referent", form=form)
    try:
        services.referent_assign(dossier=dossier, referent=form.cleaned_data["referent"], by=request.user)
    except ValidationError as error:
        _add_errors(form, error)
        return _invalid(request, dossier, name="referent", form=form)
    messages.success(request, "Le référent du dossier a été mis à jour.")
    return redirect(dossier.get_absolute_url())


@require_POST
def avis(request, public_id):
    """A co-instructing partner gives (or changes) its organisation's avis."""
    dossier = get_dossier_for_user(request.user, public_id)
    if not perms.can_give_avis(request.user, dossier):
        raise PermissionDenied
    organisations = Organisation.objects.filter(pk__in=perms.avis_organisations(request.user, dossier))
    form = AvisForm(request.POST, organisations=organisations)
    if not form.is_valid():
        return _invalid(request, dossier, name="avis", form=form)
    try:
        services.avis_give(dossier=dossier, author=request.user, **form.cleaned_data)
    except ValidationError as error:
        _add_errors(form, error)
        return _invalid(request, dossier, name="avis", form=form)
    messages.success(request, f"L'avis de {form.cleaned_data['organisation'].nom} est enregistré.")
    return redirect(dossier.get_absolute_url())


@require_POST
def participation_invite(request, public_id):
    """The competent ARS invites a partner to co-instruct the dossier."""
    dossier = get_dossier_for_user(request.user, public_id)
    if not perms.can_manage_participations(request.user, dossier):
        raise PermissionDenied
    form = InvitationForm(request.POST, candidates=services.invitable_partners(dossier))
    if not form.is_valid():
        return _invalid(request, dossier, name="invitation", form=form)
    try:
        services.participation_invite(dossier=dossier, organisation=form.cleaned_data["organisation"], by=request.user)
    except ValidationError as error:
        _add_errors(form, error)
        return _invalid(request, dossier, name="invitation", form=form)
    messages.success(request, f"{form.cleaned_data['organisation'].nom} est invitée à co-instruire le dossier.")
    return redirect(dossier.get_absolute_url())


@require_POST
def participation_remove(request, public_id, participation_id):
    """The competent ARS withdraws a partner from the co-instruction."""
    dossier = get_dossier_for_user(request.user, public_id)
    if not perms.can_manage_participations(request.user, dossier):
        raise PermissionDenied
    participation = get_object_or_404(
        Participation.objects.select_related("organisation"), pk=participation_id, dossier=dossier
    )
    try:
        services.participation_remove(participation=participation, by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect(dossier.get_absolute_url())
    messages.success(request, f"{participation.organisation.nom} ne co-instruit plus ce dossier.")
    return redirect(dossier.get_absolute_url())


@require_GET
def piece_download(request, public_id):
    piece = get_piece_for_user(request.user, public_id)
    return FileResponse(
        piece.file.open("rb"), as_attachment=True, filename=piece.original_name, content_type=piece.content_type
    )
