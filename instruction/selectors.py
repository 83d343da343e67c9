"""Reads of the instruction machinery: loaders with access checks and the dossier page context."""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from comptes.enums import OrganisationType
from comptes.models import Organisation, User
from comptes.perms import get_scope, refuse
from instruction import perms
from instruction.enums import TRANSITION_LABELS, TRANSITIONS, CategoriePiece, Etat
from instruction.forms import AnnotationForm, AvisForm, InvitationForm, MessageForm, ReferentForm, TransitionForm
from instruction.models import Dossier, Participation, Piece


def get_dossier_for_user(
    user, public_id, *, kind: str | None = None, for_edit: bool = False, related=(), page: bool = False
) -> Dossier:
    """404 when out of scope, 403 when the user may see but not edit. `related`: more relations to read in the
    same query; `page`: with what the dossier page asks first (`DossierQuerySet.with_page_data`)."""
    queryset = Dossier.objects.visible_to(user).with_list_data().select_related("departement__region", *related)
    if kind:
        queryset = queryset.of_kind(kind)
    if page:
        queryset = queryset.with_page_data(user)
    dossier = get_object_or_404(queryset, public_id=public_id)
    if for_edit and not perms.can_edit_dossier(user, dossier):
        raise refuse(perms.can_edit_dossier)
    return dossier


def get_content_for_user(user, public_id, kind, *, for_edit: bool = False, page: bool = False):
    """The kind's content of a dossier (404 out of scope, 403 when it may not be edited), with what its
    pages read, in the dossier's query; `content.dossier` carries the access-checked dossier."""
    related = [kind.content, *(f"{kind.content}__{name}" for name in kind.select_related)]
    dossier = get_dossier_for_user(user, public_id, kind=kind.code, for_edit=for_edit, related=related, page=page)
    content = kind.content_of(dossier)
    content.dossier = dossier
    return content


def lock_filed_dossier(user, public_id, kind) -> Dossier | None:
    """Lock the dossier's row (until the request's transaction ends) and return it if it is already filed."""
    dossier = get_object_or_404(
        Dossier.objects.visible_to(user).of_kind(kind.code).select_for_update(of=("self",)), public_id=public_id
    )
    return None if dossier.etat == Etat.BROUILLON else dossier


def with_content(queryset, kinds):
    """Dossiers with the content of their kind and what lists read of it (one query, any number of kinds)."""
    relations = []
    for kind in kinds:
        if kind.has_pages:
            relations += [kind.content, *(f"{kind.content}__{name}" for name in kind.select_related)]
    return queryset.with_list_data().select_related(*relations)


def list_rows(dossiers) -> list:
    """Each dossier with what the lists show of its content (`subject`, `population`); no query."""
    rows = list(dossiers)
    for dossier in rows:
        kind = dossier.kind_spec
        content = kind.content_of(dossier) if kind.has_pages else None
        dossier.subject = kind.subject(content) if content is not None else ""
        dossier.population = kind.population(content) if content is not None else None
    return rows


def own_dossiers(user, kind):
    """The dossiers of one kind filed (or drafted) by the user's organisations, last modified first."""
    organisations = get_scope(user).organisations_of_type(*kind.deposant_types)
    dossiers = Dossier.objects.of_kind(kind.code).filter(deposant_id__in=organisations)
    return with_content(dossiers, [kind]).with_unread(user).order_by("-updated_at")


def instruction_dossiers(*, user, params, kinds, filterset_class):
    """The filed dossiers of some kinds that the ARS user may instruct, through a FilterSet."""
    queryset = (
        Dossier.objects.visible_to(user).filter(kind__in=[kind.code for kind in kinds]).exclude(etat=Etat.BROUILLON)
    )
    queryset = with_content(queryset, kinds).with_unread(user).order_by("-deposee_le")
    return filterset_class(params, queryset=queryset, request=_Request(user))


def co_instruction_dossiers(*, user, params, kinds, filterset_class):
    """The filed dossiers (of some kinds) that the user's partner organisations are invited to co-instruct."""
    invited = Participation.objects.filter(dossier=OuterRef("pk"), organisation_id__in=get_scope(user).partenaire_ids)
    queryset = (
        Dossier.objects.visible_to(user)
        .filter(Exists(invited), kind__in=[kind.code for kind in kinds])
        .exclude(etat=Etat.BROUILLON)
    )
    queryset = with_content(queryset, kinds).with_unread(user).order_by("-deposee_le")
    return filterset_class(params, queryset=queryset, request=_Request(user))


class _Request:
    """What a FilterSet reads of the request: the user."""

    def __init__(self, user):
        self.user = user


def get_piece_for_user(user, public_id) -> Piece:
    piece = get_object_or_404(Piece.objects.select_related("dossier"), public_id=public_id)
    if not perms.can_view_dossier(user, piece.dossier):
        raise Http404("Pièce introuvable.")
    if piece.dossier.etat == Etat.BROUILLON and not perms.is_deposant_member(user, piece.dossier):
        raise Http404("Pièce introuvable.")
    return piece


def referent_candidates(dossier: Dossier):
    return (
        User.objects.filter(
            Q(memberships__organisation__type=OrganisationType.DELEGATION)
            & Q(memberships__organisation__departements=dossier.departement_id),
            memberships__is_active=True,
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def available_transitions(user, dossier: Dossier) -> list[tuple[str, str]]:
    return [
        (to_etat, TRANSITION_LABELS[to_etat])
        for (from_etat, to_etat) in TRANSITIONS
        if from_etat == dossier.etat and to_etat in TRANSITION_LABELS and perms.can_transition(user, dossier, to_etat)
    ]


def dossier_panels(user, dossier: Dossier, *, forms: dict | None = None) -> dict:
    """Everything the shared dossier partials need (timeline, messages, pieces, annotations, actions)."""
    forms = forms or {}
    if get_scope(user).partenaire_ids:  # a partner's permissions ask who is invited: read them with the panel's
        participations_of(dossier)
    can_instruct = perms.can_instruct(user, dossier)
    transitions = available_transitions(user, dossier)
    ars_transitions = [item for item in transitions if can_instruct]
    transition_form = forms.get("transition") or TransitionForm(
        sections=dossier.kind_spec.section_choices(), initial={"etat_vu": dossier.etat}
    )
    transition_form.fields["to_etat"].choices = ars_transitions
    thread, pieces = messages_and_pieces(dossier)
    context = {
        "dossier": dossier,
        "timeline": timeline(user, dossier),
        "thread": thread,
        "pieces": pieces,
        "can_instruct": can_instruct,
        "can_post_message": perms.can_post_message(user, dossier),
        "can_view_annotations": perms.can_view_annotations(user, dossier),
        "can_assign_referent": perms.can_assign_referent(user, dossier),
        "ars_transitions": ars_transitions,
        "transition_form": transition_form,
        "message_form": forms.get("message") or MessageForm(),
        "annotation_form": forms.get("annotation") or AnnotationForm(),
        "annotations": [],
        "referent_form": None,
    }
    # A dossier read for its page knows whether it has notes (`with_page_data`): none, no query.
    if context["can_view_annotations"] and getattr(dossier, "has_annotations", True):
        context["annotations"] = dossier.annotations.select_related("author")
    if context["can_assign_referent"]:
        context["referent_form"] = forms.get("referent") or ReferentForm(
            initial={"referent": dossier.referent_id}, candidates=referent_candidates(dossier)
        )
    context["co_instruction"] = co_instruction_panel(user, dossier, forms=forms)
    context["corrections"] = []
    # Corrections come from the answers to a complément, or from one being corrected now.
    may_have_corrections = getattr(dossier, "has_complement_versions", True) or dossier.complement_sections
    if context["can_view_annotations"] and may_have_corrections:
        from instruction.services.versions import corrections

        context["corrections"] = corrections(dossier)
    return context


SHOWN_PIECES = (CategoriePiece.PRINCIPALE, CategoriePiece.ANNEXE, CategoriePiece.ACCUSE)


def messages_and_pieces(dossier: Dossier) -> tuple[list, list]:
    """The messages (with their authors and `attached`, the pieces sent with each) and the pieces listed on the
    page (the dossier's own, not the messages'): two queries, every piece read once."""
    thread = list(dossier.messages.select_related("author"))
    pieces = list(dossier.pieces.all())  # uploaded_at, pk: the order of both lists
    attached = defaultdict(list)
    for piece in pieces:
        if piece.message_id is not None:
            attached[piece.message_id].append(piece)
    for message in thread:
        message.attached = attached[message.pk]
    return thread, [piece for piece in pieces if piece.categorie in SHOWN_PIECES]


def timeline(user, dossier: Dossier) -> list:
    """State changes, plus the co-instruction log (invitations, withdrawals, avis) for the instruction
    team only, in date order. Each row says which it is (`is_co_instruction`)."""
    rows = list(dossier.transitions.select_related("by"))
    for row in rows:
        row.is_co_instruction = False
    if perms.can_view_co_instruction(user, dossier) and getattr(dossier, "has_co_instruction_events", True):
        events = list(dossier.co_instruction_events.select_related("by", "organisation"))
        for event in events:
            event.is_co_instruction = True
        rows = sorted(rows + events, key=lambda row: row.at)
    return rows


def participations_of(dossier: Dossier) -> list:
    """The invited partners of a dossier with their organisations, read once per dossier object; they also give
    the permissions the ids of the invited organisations (`perms.participating_organisation_ids`). A dossier read
    for its page knows whether anyone was invited (`with_page_data`): nobody, no query."""
    if not hasattr(dossier, "_participations"):
        rows = []
        if getattr(dossier, "has_participations", True):
            rows = list(dossier.participations.select_related("organisation", "invited_by"))
        dossier._participations = rows
        dossier._participant_ids = frozenset(row.organisation_id for row in rows)
    return dossier._participations


def co_instruction_panel(user, dossier: Dossier, *, forms: dict) -> dict | None:
    """The invited partners with their current avis and the forms of the co-instruction panel,
    or None when the user may not see it or the kind has no co-instruction and nobody was invited."""
    from instruction.services import invitable_partners

    if not perms.can_view_co_instruction(user, dossier):
        return None
    participations = participations_of(dossier)
    if dossier.kind_spec.co_instruction is None and not participations:
        return None
    avis = {row.organisation_id: row for row in dossier.avis.select_related("author")}
    rows = [{"participation": row, "avis": avis.get(row.organisation_id)} for row in participations]
    can_manage = perms.can_manage_participations(user, dossier)
    can_give = perms.can_give_avis(user, dossier)
    invitation_form = avis_form = None
    if can_manage:
        invitation_form = forms.get("invitation") or InvitationForm(candidates=invitable_partners(dossier))
    if can_give:
        organisations = [row["participation"].organisation for row in rows]
        own = [org for org in organisations if org.pk in perms.avis_organisations(user, dossier)]
        current = avis.get(own[0].pk) if own else None
        initial = {"organisation": own[0].pk if own else None}
        if current:
            initial.update(sens=current.sens, motivation=current.motivation)
        avis_form = forms.get("avis") or AvisForm(
            initial=initial, organisations=Organisation.objects.filter(pk__in=[org.pk for org in own])
        )
    return {
        "rows": rows,
        "missing": [row["participation"].organisation for row in rows if row["avis"] is None],
        "avis_required": dossier.kind_spec.avis_required,
        "can_manage": can_manage,
        "invitation_form": invitation_form,
        "can_give_avis": can_give,
        "avis_form": avis_form,
    }


def lettres_intention(*, region=None, departement=None, debut, fin, kind: str | None = None) -> list[tuple]:
    """Dossiers filed or decided between two dates in a territory, as (déposé le, décidé le, accepté).

    `décidé le` is None while the dossier is open; `accepté` is None while open, else True/False.
    Dates are local dates. One query. Used by the indicators (filings, acceptances, instruction time).
    """
    from django.db.models import Q
    from django.utils import timezone

    from instruction.enums import FINAL_STATES, Etat

    dossiers = Dossier.objects.exclude(deposee_le=None)
    if kind is not None:
        dossiers = dossiers.filter(kind=kind)
    if departement is not None:
        dossiers = dossiers.filter(departement=departement)
    elif region is not None:
        dossiers = dossiers.filter(departement__region=region)
    filed = Q(deposee_le__date__gte=debut, deposee_le__date__lte=fin)
    decided = Q(cloture_le__date__gte=debut, cloture_le__date__lte=fin)
    rows = []
    for deposee_le, cloture_le, etat in dossiers.filter(filed | decided).values_list(
        "deposee_le", "cloture_le", "etat"
    ):
        closed = cloture_le is not None and etat in FINAL_STATES
        rows.append(
            (
                timezone.localdate(deposee_le),
                timezone.localdate(cloture_le) if closed else None,
                (etat == Etat.ACCEPTEE) if closed else None,
            )
        )
    return rows
