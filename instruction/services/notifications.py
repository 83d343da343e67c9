"""E-mail notifications of dossier events. Recipients are read when the e-mail is sent.

Every e-mail links to the dossier with an absolute address (`SITE_URL`) and says who acts next and by when
(`services.echeances`)."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from comptes.enums import OrganisationType
from comptes.models import Membership, Organisation
from comptes.selectors import identite_regionale
from config.emails import absolute_url
from instruction.enums import Etat, Evenement, StatutNotification
from instruction.models import Notification


def _members_emails(organisations) -> set[str]:
    emails = set(
        Membership.objects.active().filter(organisation__in=organisations).values_list("user__email", flat=True)
    )
    emails.update(email for email in organisations.exclude(email="").values_list("email", flat=True))
    return emails


def deposant_emails(dossier) -> set[str]:
    return _members_emails(Organisation.objects.filter(pk=dossier.deposant_id))


def ars_emails(dossier) -> set[str]:
    """The référent when there is one, otherwise the délégation of the département."""
    if dossier.referent_id and dossier.referent.is_active:
        return {dossier.referent.email}
    delegations = Organisation.objects.filter(
        Q(type=OrganisationType.DELEGATION), departements=dossier.departement_id, is_active=True
    )
    return _members_emails(delegations)


def next_step(notification: Notification, template: str):
    """Who acts next and by when, as the recipients may read it: the partners' avis only for the instruction
    team, the invited partner's own avis in its invitation."""
    from instruction.services.echeances import prochaine_etape, prochaine_etape_partenaire

    dossier = notification.dossier
    if template == "invitation":
        return prochaine_etape_partenaire(dossier, notification.organisation)
    to_team = template in ("avis", "referent", "reponse") or (
        template == "message" and not notification.message.from_ars
    )
    return prochaine_etape(dossier, equipe=to_team)


def recipients_for(notification: Notification) -> tuple[set[str], str]:
    """(addresses, template suffix) for one event."""
    dossier = notification.dossier
    if notification.evenement == Evenement.REFERENT:
        return ({dossier.referent.email} if dossier.referent_id else set()), "referent"
    if notification.evenement == Evenement.INVITATION:
        return _members_emails(Organisation.objects.filter(pk=notification.organisation_id)), "invitation"
    if notification.evenement == Evenement.AVIS:
        return ars_emails(dossier), "avis"
    if notification.evenement == Evenement.MESSAGE:
        if notification.message.from_ars:
            return deposant_emails(dossier), "message"
        return ars_emails(dossier), "message"
    transition = notification.transition
    if notification.message_id:  # the déposant's answer: message + return to instruction in one e-mail
        return ars_emails(dossier), "reponse"
    if transition.to_etat == Etat.DEPOSEE:
        return deposant_emails(dossier) | ars_emails(dossier) | {transition.by.email}, "depot"
    if transition.to_etat == Etat.EN_INSTRUCTION and transition.from_etat == Etat.COMPLEMENT_DEMANDE:
        return ars_emails(dossier), "transition"
    return deposant_emails(dossier), "transition"


def notification_send(notification_id: int) -> bool:
    """Send one notification once: claim it, send, mark it sent. Return False if already claimed."""
    claimed = Notification.objects.filter(pk=notification_id, statut=StatutNotification.A_ENVOYER).update(
        statut=StatutNotification.EN_COURS, claimed_at=timezone.now()
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related(
        "dossier__deposant", "dossier__referent", "transition__by", "message", "organisation"
    ).get(pk=notification_id)
    dossier = notification.dossier
    identite = identite_regionale(departement_code=dossier.departement.code if dossier.departement_id else None)
    try:
        addresses, template = recipients_for(notification)
        context = {
            "signature": identite.nom if identite.is_regional else "",
            "dossier": notification.dossier,
            "notification": notification,
            "transition": notification.transition,
            "message": notification.message,
            "site_name": settings.SITE_NAME,
            "dossier_url": absolute_url(notification.dossier.get_absolute_url()),
            "prochaine_etape": next_step(notification, template),
        }
        subject = render_to_string(f"instruction/emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"instruction/emails/{template}.txt", context)
        if addresses:
            send_mail(subject, body, identite.expediteur, sorted(addresses))
    except Exception:
        Notification.objects.filter(pk=notification_id).update(statut=StatutNotification.A_ENVOYER, claimed_at=None)
        raise
    Notification.objects.filter(pk=notification_id).update(
        statut=StatutNotification.ENVOYEE, sent_at=timezone.now(), recipients=sorted(addresses)
    )
    return True


def notifications_sweep() -> int:
    """Send what the outbox still holds: notifications whose task never reached the broker (it was down when
    the event was recorded) or was lost, and claims older than the lease (the worker died before sending).
    Each is claimed by `notification_send`: a notification also sent by its own task is sent once."""
    now = timezone.now()
    lease = datetime.timedelta(seconds=settings.OUTBOX_CLAIM_LEASE)
    Notification.objects.filter(statut=StatutNotification.EN_COURS, claimed_at__lt=now - lease).update(
        statut=StatutNotification.A_ENVOYER, claimed_at=None
    )
    grace = datetime.timedelta(seconds=settings.OUTBOX_SWEEP_DELAY)
    waiting = Notification.objects.filter(statut=StatutNotification.A_ENVOYER, created_at__lte=now - grace)
    sent = 0
    for notification_id in waiting.order_by("created_at").values_list("pk", flat=True)[:500]:
        sent += notification_send(notification_id)
    return sent
