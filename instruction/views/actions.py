"""Generic actions on a dossier (every kind): decisions, messages, annotations, référent, co-instruction,
downloads.

Each action has one shape (`_act`): load the dossier with the access helper, ask a predicate of `perms`,
validate a form, call one service, then redirect to the dossier page. A failing form is shown again on the
dossier page (status 400) with its French errors and what was typed.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from comptes.models import Organisation
from comptes.perms import refuse
from instruction import perms, services
from instruction.enums import Etat
from instruction.forms import AnnotationForm, AvisForm, InvitationForm, MessageForm, ReferentForm, TransitionForm
from instruction.models import Participation
from instruction.selectors import get_dossier_for_user, get_piece_for_user, referent_candidates


def add_errors(form, error: ValidationError) -> None:
    """Attach a service error to the form: to its field when it names one, else to the whole form."""
    if hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            form.add_error(field if field in form.fields else None, texts)
    else:
        form.add_error(None, error.messages)


def _invalid(request, dossier, *, name: str, form):
    """Show the dossier page again with the bound form (errors and typed text), status 400.

    Kinds without pages fall back to error messages and a redirect.
    """
    kind = dossier.kind_spec
    if not kind.has_pages:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect(dossier.get_absolute_url())
    from instruction.views.pages import dossier_page

    messages.error(request, "Votre saisie n'a pas été enregistrée : corrigez les erreurs signalées.")
    content = kind.content_model().objects.select_related(*kind.select_related).get(dossier=dossier)
    content.dossier = dossier
    return dossier_page(request, kind, content, forms={name: form}, status=400)


def _act(request, public_id, *, allowed, name: str, form, run):
    """The shape of every action: access, form, one service (`run` returns the success message)."""
    dossier = get_dossier_for_user(request.user, public_id)
    if not allowed(request.user, dossier):
        raise refuse(allowed)
    bound = form(dossier)
    if not bound.is_valid():
        return _invalid(request, dossier, name=name, form=bound)
    try:
        success = run(dossier, bound.cleaned_data)
    except ValidationError as error:
        add_errors(bound, error)
        return _invalid(request, dossier, name=name, form=bound)
    messages.success(request, success)
    return redirect(dossier.get_absolute_url())


@require_POST
def transition(request, public_id):
    def run(dossier, data):
        to_etat = data["to_etat"]
        if not perms.can_transition(request.user, dossier, to_etat):
            raise ValidationError(
                {
                    "to_etat": f"Transition impossible : un dossier « {Etat(dossier.etat).label} » ne peut pas "
                    f"passer à l'état « {Etat(to_etat).label} »."
                }
            )
        services.dossier_transition(
            dossier=dossier,
            to_etat=to_etat,
            by=request.user,
            reason=data["reason"],
            sections=data.get("sections") or [],
            expected_etat=data.get("etat_vu") or None,
        )
        return f"Le dossier est désormais « {Etat(to_etat).label} »."

    return _act(
        request,
        public_id,
        allowed=perms.can_instruct,
        name="transition",
        form=lambda dossier: TransitionForm(request.POST, sections=dossier.kind_spec.section_choices()),
        run=run,
    )


@require_POST
def message(request, public_id):
    """Post a message; when the déposant answers a request for complements, the dossier goes back
    to the délégation (« Envoyer ma réponse ») with a single notification."""

    def run(dossier, data):
        uploads = [data["piece"]] if data.get("piece") else []
        if request.POST.get("repondre") and perms.can_transition(request.user, dossier, Etat.EN_INSTRUCTION):
            services.dossier_answer(dossier=dossier, author=request.user, body=data["body"], uploads=uploads)
            return "Votre réponse a été transmise à la délégation."
        services.message_post(
            dossier=dossier,
            author=request.user,
            from_ars=perms.can_instruct(request.user, dossier),
            body=data["body"],
            uploads=uploads,
        )
        return "Votre message a été envoyé."

    return _act(
        request,
        public_id,
        allowed=perms.can_post_message,
        name="message",
        form=lambda dossier: MessageForm(request.POST, request.FILES),
        run=run,
    )


@require_POST
def annotation(request, public_id):
    def run(dossier, data):
        services.annotation_add(dossier=dossier, author=request.user, body=data["body"])
        return "L'annotation interne a été enregistrée."

    return _act(
        request,
        public_id,
        allowed=perms.can_annotate,
        name="annotation",
        form=lambda dossier: AnnotationForm(request.POST),
        run=run,
    )


@require_POST
def referent(request, public_id):
    def run(dossier, data):
        services.referent_assign(dossier=dossier, referent=data["referent"], by=request.user)
        return "Le référent du dossier a été mis à jour."

    return _act(
        request,
        public_id,
        allowed=perms.can_assign_referent,
        name="referent",
        form=lambda dossier: ReferentForm(request.POST, candidates=referent_candidates(dossier)),
        run=run,
    )


@require_POST
def avis(request, public_id):
    """A co-instructing partner gives (or changes) its organisation's avis."""

    def form(dossier):
        organisations = Organisation.objects.filter(pk__in=perms.avis_organisations(request.user, dossier))
        return AvisForm(request.POST, organisations=organisations)

    def run(dossier, data):
        services.avis_give(dossier=dossier, author=request.user, **data)
        return f"L'avis de {data['organisation'].nom} est enregistré."

    return _act(request, public_id, allowed=perms.can_give_avis, name="avis", form=form, run=run)


@require_POST
def participation_invite(request, public_id):
    """The competent ARS invites a partner to co-instruct the dossier."""

    def run(dossier, data):
        services.participation_invite(dossier=dossier, organisation=data["organisation"], by=request.user)
        return f"{data['organisation'].nom} est invitée à co-instruire le dossier."

    return _act(
        request,
        public_id,
        allowed=perms.can_manage_participations,
        name="invitation",
        form=lambda dossier: InvitationForm(request.POST, candidates=services.invitable_partners(dossier)),
        run=run,
    )


@require_POST
def participation_remove(request, public_id, participation_id):
    """The competent ARS withdraws a partner from the co-instruction."""
    dossier = get_dossier_for_user(request.user, public_id)
    if not perms.can_manage_participations(request.user, dossier):
        raise refuse(perms.can_manage_participations)
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
