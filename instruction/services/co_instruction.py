"""Co-instruction of a dossier with institutional partners (Assurance maladie, URPS…): invitations, avis.

A kind switches it on with `DossierKind.co_instruction` (who is invited when the dossier is filed) and
`DossierKind.avis_required` (no acceptance or refusal before every invited organisation gave its avis).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from comptes.enums import OrganisationType
from comptes.models import Organisation
from config.celery import send_after_commit
from instruction.enums import OPEN_STATES, ActionCoInstruction, Etat, Evenement, SensAvis
from instruction.models import Avis, CoInstructionEvent, Dossier, Notification, Participation
from instruction.tasks import send_notification


def partners_covering(dossier: Dossier):
    """The active institutional partners covering the dossier's département (default `co_instruction` hook)."""
    return Organisation.objects.filter(
        type=OrganisationType.PARTENAIRE, is_active=True, departements=dossier.departement_id
    ).order_by("nom")


def invitable_partners(dossier: Dossier):
    """Active partners of the dossier's région not yet invited (the ARS may invite a partner of another
    département too, never one of another région, which would then see the dossier)."""
    return (
        Organisation.objects.of_region_of(dossier.departement_id)
        .filter(type=OrganisationType.PARTENAIRE, is_active=True)
        .exclude(participations__dossier=dossier)
        .order_by("nom")
    )


def missing_avis(dossier: Dossier) -> list[Organisation]:
    """Invited organisations that have not given their avis yet (one query)."""
    return list(
        Organisation.objects.filter(participations__dossier=dossier).exclude(avis__dossier=dossier).order_by("nom")
    )


def check_avis_before_decision(dossier: Dossier, to_etat: str) -> None:
    """Refuse an acceptance or a refusal while an invited organisation has not given its avis
    (only for kinds with `avis_required`)."""
    if to_etat not in (Etat.ACCEPTEE, Etat.REFUSEE) or not dossier.kind_spec.avis_required:
        return
    missing = missing_avis(dossier)
    if missing:
        names = ", ".join(f"« {organisation.nom} »" for organisation in missing)
        raise ValidationError(
            "Décision impossible : l'avis de %(names)s n'a pas encore été rendu. "
            "Tous les partenaires invités à co-instruire ce dossier doivent rendre leur avis avant "
            "l'acceptation ou le refus.",
            code="avis_missing",
            params={"names": names},
        )


def _log(dossier, action, organisation, by, detail="") -> CoInstructionEvent:
    return CoInstructionEvent.objects.create(
        dossier=dossier, action=action, organisation=organisation, by=by, detail=detail
    )


def _notify(dossier, evenement, organisation) -> None:
    notification = Notification.objects.create(dossier=dossier, evenement=evenement, organisation=organisation)
    send_after_commit(send_notification, notification.pk)


@transaction.atomic
def participation_invite(*, dossier: Dossier, organisation: Organisation, by, automatique: bool = False):
    """Invite a partner to co-instruct a filed dossier; its members are notified by e-mail after commit.

    Permission (the competent ARS; the filing itself for automatic invitations) is checked by the callers.
    """
    if dossier.etat not in OPEN_STATES:
        raise ValidationError("Un partenaire ne peut être invité que sur un dossier en cours d'instruction.")
    if organisation.type != OrganisationType.PARTENAIRE or not organisation.is_active:
        raise ValidationError({"organisation": "Seul un partenaire institutionnel actif peut co-instruire un dossier."})
    if Participation.objects.filter(dossier=dossier, organisation=organisation).exists():
        raise ValidationError({"organisation": f"« {organisation.nom} » est déjà invitée sur ce dossier."})
    participation = Participation.objects.create(
        dossier=dossier, organisation=organisation, invited_by=by, automatique=automatique
    )
    detail = "Invitation automatique au dépôt (partenaire du département)." if automatique else ""
    _log(dossier, ActionCoInstruction.INVITATION, organisation, by, detail)
    _notify(dossier, Evenement.INVITATION, organisation)
    dossier.__dict__.pop("_participant_ids", None)
    return participation


def participations_on_filing(dossier: Dossier, by) -> list[Participation]:
    """Invite the partners given by the kind's `co_instruction` hook (called inside the filing)."""
    hook = dossier.kind_spec.co_instruction
    if hook is None:
        return []
    return [
        participation_invite(dossier=dossier, organisation=organisation, by=by, automatique=True)
        for organisation in hook(dossier)
    ]


@transaction.atomic
def participation_remove(*, participation: Participation, by) -> None:
    """Withdraw a partner from the co-instruction; its avis goes with it (both stay in the history)."""
    dossier = participation.dossier
    if dossier.etat not in OPEN_STATES:
        raise ValidationError("La co-instruction d'un dossier clôturé ne peut plus être modifiée.")
    avis = Avis.objects.filter(dossier=dossier, organisation=participation.organisation_id).first()
    detail = f"Son avis ({avis.get_sens_display().lower()}) est retiré." if avis else ""
    if avis:
        avis._history_user = by
        avis.delete()
    _log(dossier, ActionCoInstruction.RETRAIT, participation.organisation, by, detail)
    participation._history_user = by
    participation.delete()
    dossier.__dict__.pop("_participant_ids", None)


@transaction.atomic
def avis_give(*, dossier: Dossier, organisation: Organisation, author, sens: str, motivation: str = "") -> Avis:
    """Record (or replace) the avis of an invited organisation; earlier versions stay in `Avis.history`.

    Permission (a « saisie » or « gestionnaire » member of the organisation) is checked by the views.
    """
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if locked.etat not in OPEN_STATES:
        raise ValidationError("Un avis ne peut être rendu que sur un dossier en cours d'instruction.")
    if not Participation.objects.filter(dossier=dossier, organisation=organisation).exists():
        raise ValidationError(f"« {organisation.nom} » n'est pas invitée à co-instruire ce dossier.")
    motivation = motivation.strip()
    if sens not in SensAvis.values:
        raise ValidationError({"sens": "Choisissez le sens de l'avis."})
    if sens != SensAvis.FAVORABLE and not motivation:
        raise ValidationError(
            {"motivation": f"La motivation est obligatoire pour un avis « {SensAvis(sens).label.lower()} »."}
        )
    avis = Avis.objects.filter(dossier=dossier, organisation=organisation).first()
    changed = avis is not None
    avis = avis or Avis(dossier=dossier, organisation=organisation)
    avis.author, avis.sens, avis.motivation, avis.given_at = author, sens, motivation, timezone.now()
    avis._history_user = author
    avis.full_clean()
    avis.save()
    detail = f"Avis {'modifié' if changed else 'rendu'} : {SensAvis(sens).label.lower()}."
    _log(dossier, ActionCoInstruction.AVIS, organisation, author, detail)
    _notify(dossier, Evenement.AVIS, organisation)
    return avis
