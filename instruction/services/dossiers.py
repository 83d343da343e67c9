from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from config.celery import send_after_commit
from instruction.enums import (
    ALL_SECTIONS,
    FINAL_STATES,
    REASON_REQUIRED,
    TRANSITIONS,
    CategoriePiece,
    Etat,
    Evenement,
    MotifVersion,
)
from instruction.kinds import get_kind
from instruction.models import Annotation, Dossier, Message, Notification, Piece, ReferenceSequence, Transition
from instruction.perms import can_be_referent
from instruction.services.co_instruction import check_avis_before_decision, participations_on_filing
from instruction.services.versions import version_record
from instruction.tasks import send_notification


def _queue_notification(*, dossier, evenement, transition=None, message=None) -> Notification:
    notification = Notification.objects.create(
        dossier=dossier, evenement=evenement, transition=transition, message=message
    )
    send_after_commit(send_notification, notification.pk)
    return notification


def _next_reference(prefix: str, year: int) -> str:
    sequence, _ = ReferenceSequence.objects.select_for_update().get_or_create(prefix=prefix, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{prefix}-{year}-{sequence.last:04d}"


def draft_for_token(*, user, jeton) -> Dossier | None:
    """The draft a creation form already opened (its token sent again: double click, replayed page), or None.

    The user's row is locked first: two simultaneous sends of one form wait for each other, and the second one
    finds the draft of the first."""
    from django.contrib.auth import get_user_model

    if not jeton:
        return None
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    return Dossier.objects.filter(created_by=user, jeton_creation=jeton).first()


def draft_token_set(*, dossier: Dossier, jeton) -> None:
    if jeton:
        Dossier.objects.filter(pk=dossier.pk).update(jeton_creation=jeton)


def organisation_region_id(organisation) -> int | None:
    """The region of an organisation: its own, else its départements', else its EPCI's communes' (a draft's
    region before filing gives it a département; see territoires.regions)."""
    from territoires.models import Commune

    if organisation.region_id:
        return organisation.region_id
    region_id = organisation.departements.values_list("region_id", flat=True).order_by("code").first()
    if region_id is None and organisation.epci_id:
        region_id = (
            Commune.objects.filter(epci_id=organisation.epci_id)
            .order_by("-population")
            .values_list("departement__region_id", flat=True)
            .first()
        )
    return region_id


@transaction.atomic
def dossier_create(*, kind: str, deposant, created_by) -> Dossier:
    """Open a draft dossier of a registered kind for an organisation."""
    get_kind(kind)
    dossier = Dossier(kind=kind, deposant=deposant, created_by=created_by, etat=Etat.BROUILLON)
    dossier.region_id = organisation_region_id(deposant)
    dossier.full_clean()
    dossier.save()
    return dossier


def _check_transition(dossier: Dossier, to_etat: str, reason: str) -> None:
    if (dossier.etat, to_etat) not in TRANSITIONS:
        raise ValidationError(
            "Transition impossible : un dossier « %(from)s » ne peut pas passer à l'état « %(to)s ».",
            code="invalid_transition",
            params={"from": Etat(dossier.etat).label, "to": Etat(to_etat).label},
        )
    if to_etat in REASON_REQUIRED and not reason.strip():
        raise ValidationError(
            {"reason": f"Un motif est obligatoire pour passer à l'état « {Etat(to_etat).label} »."},
            code="reason_required",
        )


def _record(dossier: Dossier, to_etat: str, by, reason: str) -> Transition:
    from_etat = dossier.etat
    dossier.etat = to_etat
    now = timezone.now()
    if to_etat == Etat.DEPOSEE:
        dossier.deposee_le = now
    if to_etat in FINAL_STATES:
        dossier.cloture_le = now
    dossier.save()
    return Transition.objects.create(dossier=dossier, from_etat=from_etat, to_etat=to_etat, by=by, reason=reason)


def _check_sections(dossier: Dossier, sections) -> list[str]:
    """The parts of the dossier opened to corrections by a complément: codes of the kind's sections or « * »."""
    sections = list(sections or [])
    if ALL_SECTIONS in sections:
        return [ALL_SECTIONS]
    known = {code for code, _ in dossier.kind_spec.section_choices()}
    unknown = [code for code in sections if code not in known]
    if unknown:
        raise ValidationError({"sections": "Partie du dossier inconnue : " + ", ".join(unknown) + "."})
    return sections


def _check_unchanged(locked: Dossier, expected_etat: str | None) -> None:
    """Optimistic check of a decision: the dossier must still be in the state its author saw."""
    if expected_etat and locked.etat != expected_etat:
        last = locked.transitions.select_related("by").order_by("-at", "-pk").first()
        who = ""
        if last is not None:
            who = f" ({last.by.get_full_name() or last.by.email}, le {timezone.localtime(last.at):%d/%m/%Y à %H:%M})"
        raise ValidationError(
            f"Le dossier a changé pendant que vous décidiez : il est désormais « {Etat(locked.etat).label} »"
            f"{who}. Votre décision n'a pas été enregistrée ; relisez le dossier avant de décider.",
            code="stale_decision",
        )


def _transition(dossier: Dossier, to_etat: str, by, reason: str, sections=(), expected_etat=None) -> Transition:
    """Checked state change, without notification (the callers notify). The row lock makes concurrent
    decisions wait for each other: the second sees the first one's state."""
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if to_etat == Etat.DEPOSEE:
        raise ValidationError("Le dépôt passe par la fonction de dépôt (numérotation, accusé).", code="use_submit")
    _check_unchanged(locked, expected_etat)
    _check_transition(locked, to_etat, reason)
    check_avis_before_decision(locked, to_etat)
    locked.complement_sections = _check_sections(locked, sections) if to_etat == Etat.COMPLEMENT_DEMANDE else []
    if locked.complement_sections and not locked.versions.exists():
        # A dossier filed before versions existed: keep what was sent before it is corrected.
        version_record(dossier=locked, motif=MotifVersion.DEPOT, by=by)
    transition = _record(locked, to_etat, by, reason.strip())
    if to_etat == Etat.ACCEPTEE and locked.kind_spec.on_accepted:
        locked.kind_spec.on_accepted(locked, by)
    return transition


@transaction.atomic
def dossier_transition(
    *, dossier: Dossier, to_etat: str, by, reason: str = "", sections=(), expected_etat: str | None = None
) -> Transition:
    """Move a filed dossier along the instruction circuit; refuse anything else with a French reason.

    A complément may open sections of the dossier to corrections (`sections`: codes of the kind's
    sections, « * » for the whole dossier); the déposant then corrects them until it answers.
    Permission (who may trigger it) is checked by the views with `can_transition`. With `expected_etat` (the
    state the deciding agent saw), a dossier changed in the meantime is refused with a French reason.
    """
    transition = _transition(dossier, to_etat, by, reason, sections, expected_etat)
    _queue_notification(dossier=dossier, evenement=Evenement.TRANSITION, transition=transition)
    dossier.refresh_from_db()
    return transition


@transaction.atomic
def dossier_submit(*, dossier: Dossier, by) -> Transition:
    """File a draft: completeness check by its kind, routing, number, receipt PDF, notifications."""
    from instruction.services.receipts import receipt_build

    original, dossier = dossier, Dossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.etat != Etat.BROUILLON and dossier.reference:
        raise ValidationError(
            f"Ce dossier est déjà déposé (n° {dossier.reference}, le "
            f"{timezone.localtime(dossier.deposee_le):%d/%m/%Y}) : votre nouvel envoi n'a rien changé.",
            code="already_filed",
        )
    _check_transition(dossier, Etat.DEPOSEE, "")
    kind = dossier.kind_spec
    kind.submit_check(dossier)
    departement = kind.departement_of(dossier) if kind.departement_of else None
    if departement is None:
        departement = dossier.deposant.departements.first()
    if departement is None:
        raise ValidationError("Impossible de déterminer le département d'instruction de ce dossier.")
    dossier.departement = departement
    dossier.reference = _next_reference(kind.reference_prefix, timezone.localdate().year)
    transition = _record(dossier, Etat.DEPOSEE, by, "")
    if kind.on_filed:
        kind.on_filed(dossier, by)
    version_record(dossier=dossier, motif=MotifVersion.DEPOT, by=by)
    receipt_build(dossier=dossier, by=by)
    _queue_notification(dossier=dossier, evenement=Evenement.TRANSITION, transition=transition)
    participations_on_filing(dossier, by)
    original.refresh_from_db()
    return transition


# --- Editing a draft, or correcting a dossier during a complément -----------------------------------


def editable_fields(dossier: Dossier) -> set[str] | None:
    """The form fields the déposant may change: all of them while drafting (None), those of the sections
    the délégation opened during a complément, none otherwise."""
    if dossier.etat == Etat.BROUILLON:
        return None
    if dossier.etat == Etat.COMPLEMENT_DEMANDE and dossier.complement_sections:
        return dossier.kind_spec.section_fields(dossier.complement_sections)
    return set()


def _check_editable(dossier: Dossier, names, filed_message: str) -> None:
    editable = editable_fields(dossier)
    if editable is not None and (not editable or not set(names) <= editable):
        raise ValidationError(filed_message, code="not_editable")


def content_update(content, *, data: dict, fields, m2m=(), by, filed_message: str) -> None:
    """Copy the valid fields of a kind's form onto its content (many-to-many ones saved at once).

    Everything may change while drafting; during a complément only the fields of the opened sections;
    otherwise the dossier is filed and `filed_message` says so. The caller then validates and saves.
    """
    names = [name for name in data if name in fields or name in m2m]
    _check_editable(content.dossier, names, filed_message)
    for name in fields:
        if name in data:
            setattr(content, name, data[name])
    for name in m2m:
        if name in data:
            getattr(content, name).set(data[name])
    content._history_user = by


def required_missing(content, names) -> dict[str, str]:
    """French errors for the fields (text, number or many-to-many) a kind needs before filing."""
    errors = {}
    for name in names:
        model_field = content._meta.get_field(name)
        value = getattr(content, name)
        empty = not value.exists() if model_field.many_to_many else value is None or not str(value).strip()
        if empty:
            errors[name] = f"Ce champ est obligatoire pour déposer : {model_field.verbose_name}."
    return errors


# The upload fields of a lettre d'intention draft, whatever its kind, and the piece category each fills.
DRAFT_UPLOADS = {"lettre_signee": CategoriePiece.PRINCIPALE, "annexe": CategoriePiece.ANNEXE}


@transaction.atomic
def draft_uploads_add(*, dossier: Dossier, uploads: dict, by) -> None:
    """Store the files uploaded with a draft (signed letter, annex) and mark the dossier as updated."""
    for field, categorie in DRAFT_UPLOADS.items():
        if uploads.get(field):
            piece_add(dossier=dossier, upload=uploads[field], categorie=categorie, by=by)
    dossier.save(update_fields=["updated_at"])


def current_pieces(dossier: Dossier):
    """The principal piece and the annexes of the dossier as it stands (replaced pieces left out)."""
    return dossier.pieces.filter(
        categorie__in=[CategoriePiece.PRINCIPALE, CategoriePiece.ANNEXE], remplacee_le__isnull=True
    ).order_by("uploaded_at", "pk")


def pieces_open(dossier: Dossier) -> bool:
    """Whether the principal piece and annexes may change: a draft, or a complément that opened them."""
    editable = editable_fields(dossier)
    if editable is None:
        return True
    return any(name in editable for section in dossier.kind_spec.sections if section.pieces for name in section.fields)


def _sent(dossier: Dossier, piece: Piece) -> bool:
    """Whether a piece was part of a version sent to the ARS (then it is kept, even when replaced)."""
    last = dossier.versions.order_by("-numero").first()
    return last is not None and piece.uploaded_at <= last.created_at


@transaction.atomic
def piece_add(*, dossier: Dossier, upload, categorie: str, by, message: Message | None = None) -> Piece:
    """Store an upload already checked by `config.uploads.ValidatedFileField` (it carries `upload_info`).

    The pieces of a dossier change while drafting, and during a complément that opened them to corrections:
    then a new principal piece replaces the one sent, which stays stored (`remplacee_le`).
    """
    info = upload.upload_info
    if categorie in (CategoriePiece.PRINCIPALE, CategoriePiece.ANNEXE) and not pieces_open(dossier):
        raise ValidationError("Les pièces du dossier ne peuvent plus être modifiées après le dépôt.")
    if categorie == CategoriePiece.PRINCIPALE:
        for old in current_pieces(dossier).filter(categorie=CategoriePiece.PRINCIPALE):
            if _sent(dossier, old):
                old.remplacee_le = timezone.now()
                old.save(update_fields=["remplacee_le"])
            else:
                old.file.delete(save=False)
                old.delete()
    piece = Piece(
        dossier=dossier,
        message=message,
        categorie=categorie,
        original_name=upload.name[:255],
        content_type=info.kind.content_type,
        size=info.size,
        sha256=info.sha256,
        uploaded_by=by,
    )
    upload.seek(0)
    piece.file.save("upload", upload, save=False)
    piece.full_clean()
    piece.save()
    return piece


@transaction.atomic
def piece_delete(*, piece: Piece, by) -> None:
    """Remove an attachment from a draft, or one added during a complément and not sent yet."""
    dossier = piece.dossier
    if piece.categorie not in (CategoriePiece.PRINCIPALE, CategoriePiece.ANNEXE) or not pieces_open(dossier):
        raise PermissionDenied(
            "Seules les pièces d'un brouillon, ou d'une partie ouverte aux corrections pendant une demande de "
            "complément, se retirent du dossier ; les accusés de réception et les pièces des messages y restent."
        )
    if dossier.etat != Etat.BROUILLON and _sent(dossier, piece):
        raise ValidationError(
            f"La pièce « {piece.original_name} » a été envoyée à l'ARS : elle reste au dossier. "
            "Ajoutez une nouvelle version si elle doit être remplacée."
        )
    stored = piece.file.name
    piece.delete()
    transaction.on_commit(lambda: piece.file.storage.delete(stored))


def _message(dossier: Dossier, author, from_ars: bool, body: str, uploads) -> Message:
    """Store a message and its attachments, without notification (the callers notify)."""
    if not body.strip():
        raise ValidationError({"body": "Le message ne peut pas être vide."})
    message = Message(dossier=dossier, author=author, from_ars=from_ars, body=body.strip())
    message.full_clean()
    message.save()
    for upload in uploads:
        piece_add(dossier=dossier, upload=upload, categorie=CategoriePiece.MESSAGE, by=author, message=message)
    return message


@transaction.atomic
def message_post(*, dossier: Dossier, author, from_ars: bool, body: str, uploads=()) -> Message:
    """Add a message (and its attachments) to the thread and notify the other side."""
    message = _message(dossier, author, from_ars, body, uploads)
    _queue_notification(dossier=dossier, evenement=Evenement.MESSAGE, message=message)
    return message


@transaction.atomic
def dossier_answer(*, dossier: Dossier, author, body: str, uploads=()) -> Transition:
    """The déposant answers a request for complements: its message (and attachments) and the return
    to « en instruction », all or nothing, with ONE notification to the délégation mentioning both.

    Permission (the déposant may send the dossier back) is checked by the views with `can_transition`.
    """
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if locked.etat != Etat.COMPLEMENT_DEMANDE:
        raise ValidationError("Aucun complément n'est demandé sur ce dossier.", code="no_complement")
    corrected = bool(locked.complement_sections)
    if corrected:
        _check_corrections(locked)
    message = _message(dossier, author, False, body, uploads)
    transition = _transition(dossier, Etat.EN_INSTRUCTION, author, "Réponse de la collectivité")
    if corrected:
        if locked.kind_spec.on_filed:
            locked.kind_spec.on_filed(locked, author)
        version_record(dossier=locked, motif=MotifVersion.COMPLEMENT, by=author)
    _queue_notification(dossier=dossier, evenement=Evenement.TRANSITION, transition=transition, message=message)
    dossier.refresh_from_db()
    return transition


def _check_corrections(dossier: Dossier) -> None:
    """A corrected dossier must still be complete: the kind's check before filing, listed in one message."""
    try:
        dossier.kind_spec.submit_check(dossier)
    except ValidationError as error:
        raise ValidationError(
            "Votre dossier corrigé est incomplet ; complétez-le avant d'envoyer votre réponse : "
            + " ".join(error.messages),
            code="incomplete_correction",
        ) from error


def last_complement(dossier: Dossier) -> Transition | None:
    """The last request for complements (its reason is shown at the top of the dossier)."""
    return dossier.transitions.filter(to_etat=Etat.COMPLEMENT_DEMANDE).select_related("by").order_by("-at").first()


@transaction.atomic
def annotation_add(*, dossier: Dossier, author, body: str) -> Annotation:
    """Record a private note of ARS staff."""
    annotation = Annotation(dossier=dossier, author=author, body=body.strip())
    annotation.full_clean()
    annotation.save()
    return annotation


@transaction.atomic
def referent_assign(*, dossier: Dossier, referent, by) -> Dossier:
    """Designate the chargé·e de mission who follows the dossier; the history keeps who did it."""
    if referent is not None and not can_be_referent(referent, dossier):
        raise ValidationError({"referent": "Le référent doit être un agent de la délégation de ce département."})
    dossier.referent = referent
    dossier._history_user = by
    dossier.save(update_fields=["referent", "updated_at"])
    if referent is not None:
        _queue_notification(dossier=dossier, evenement=Evenement.REFERENT)
    return dossier


def store_generated_file(*, dossier: Dossier, name: str, content: bytes, categorie: str, by) -> Piece:
    """Keep a generated document (receipt) as a piece of the dossier."""
    import hashlib

    piece = Piece(
        dossier=dossier,
        categorie=categorie,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=by,
    )
    piece.file.save("generated", ContentFile(content), save=False)
    piece.save()
    return piece


@transaction.atomic
def generated_annexe_add(*, dossier: Dossier, name: str, content: bytes, by) -> Piece:
    """Attach a PDF the portal generated (a portrait de territoire as the diagnostic) as an annex of a dossier whose
    pieces may still change; the dossier is marked as updated."""
    if not pieces_open(dossier):
        raise ValidationError("Les pièces du dossier ne peuvent plus être modifiées après le dépôt.")
    piece = store_generated_file(dossier=dossier, name=name, content=content, categorie=CategoriePiece.ANNEXE, by=by)
    dossier.save(update_fields=["updated_at"])
    return piece
