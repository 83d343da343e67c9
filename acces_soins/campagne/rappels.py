"""Reminders of a campaign (daily beat task, idempotent like the CPTS mission reminders).

Before the closing date, a contribution not yet sent gets one e-mail when the closing is N days away (N: the
`remontees.rappel_jours` rows of the register in force for the région — 15, 7 and 1, « à confirmer »); a run that
missed days sends only the nearest step reached. Once the closing date is passed, its délégation (the siège for a
regional contributor) is told once about its late contributions, in one e-mail listing them. `RappelCampagne`
(unique per contribution and step) is written in the same transaction as the sending: nothing is sent twice.
"""

import datetime
import logging
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from acces_soins.campagne.emails import (
    contributeurs_de,
    expediteur,
    message_rappel,
    message_retard,
    validateur_libelle,
    validateurs_de,
)
from acces_soins.campagne.regles import paliers_rappel
from acces_soins.enums import ETATS_A_TRANSMETTRE, StatutCampagne
from acces_soins.models import Contribution, RappelCampagne

logger = logging.getLogger(__name__)
RETARD = "retard"


@dataclass(frozen=True)
class Rappel:
    contribution: Contribution
    palier: str  # « J-15 » … or « retard »


def palier_atteint(cloture: datetime.date, on: datetime.date, steps: list[int]) -> str | None:
    """The step reached on `on`: « retard » once the closing date is passed, else the nearest « J-N » reached."""
    if on > cloture:
        return RETARD
    left = (cloture - on).days
    reached = [days for days in steps if left <= days]
    return f"J-{min(reached)}" if reached else None


def rappels_dus(on: datetime.date) -> list[Rappel]:
    """The reminders due on `on` and not sent yet (2 queries, plus one per région for its steps)."""
    contributions = (
        Contribution.objects.filter(etat__in=ETATS_A_TRANSMETTRE)
        .select_related("campagne", "organisation", "departement")
        .order_by("campagne", "departement__code", "libelle")
    )
    steps_of: dict[str, list[int]] = {}
    due = []
    for contribution in contributions:
        campagne = contribution.campagne
        if campagne.region_code not in steps_of:
            steps_of[campagne.region_code] = paliers_rappel(region_code=campagne.region_code, on=on)
        palier = palier_atteint(campagne.date_cloture, on, steps_of[campagne.region_code])
        # A frozen campaign sends no more reminders; its late contributors are still reported to the délégation.
        if palier is not None and (palier == RETARD or campagne.statut == StatutCampagne.OUVERTE):
            due.append(Rappel(contribution, palier))
    sent = set(
        RappelCampagne.objects.filter(contribution__in=[r.contribution for r in due]).values_list(
            "contribution_id", "palier"
        )
    )
    # A step already sent, or a more urgent one, makes an earlier step useless.
    sent_days = {}
    for contribution_id, palier in sent:
        days = -1 if palier == RETARD else int(palier.removeprefix("J-"))
        sent_days[contribution_id] = min(sent_days.get(contribution_id, 10**6), days)
    result = []
    for rappel in due:
        days = -1 if rappel.palier == RETARD else int(rappel.palier.removeprefix("J-"))
        if (rappel.contribution.pk, rappel.palier) in sent or sent_days.get(rappel.contribution.pk, 10**6) <= days:
            continue
        result.append(rappel)
    return result


def _log(contribution, palier: str, on: datetime.date, recipients: list[str]) -> bool:
    try:
        with transaction.atomic():
            RappelCampagne.objects.create(
                contribution=contribution, palier=palier, date_reference=on, destinataires=recipients
            )
    except IntegrityError:
        return False  # another run sent it
    return True


def rappel_envoyer(rappel: Rappel, *, on: datetime.date) -> bool:
    """Log and send one reminder to the contributor, all or nothing. False when another run already sent it."""
    recipients = contributeurs_de(rappel.contribution)
    with transaction.atomic():
        if not _log(rappel.contribution, rappel.palier, on, recipients):
            return False
        if recipients:
            subject, body = message_rappel(rappel.contribution, rappel.palier)
            send_mail(subject, body, expediteur(rappel.contribution.campagne), recipients)
    return True


def retards_envoyer(rappels: list[Rappel], *, on: datetime.date) -> list[Rappel]:
    """Tell each délégation (or the siège) once about its late contributions: one e-mail per campaign and validator."""
    groups: dict[tuple, list[Contribution]] = {}
    for rappel in rappels:
        contribution = rappel.contribution
        groups.setdefault((contribution.campagne_id, contribution.departement_id), []).append(contribution)
    sent = []
    for contributions in groups.values():
        recipients = validateurs_de(contributions[0])
        with transaction.atomic():
            logged = [c for c in contributions if _log(c, RETARD, on, recipients)]
            if logged and recipients:
                subject, body = message_retard(logged[0].campagne, logged, destinataire=validateur_libelle(logged[0]))
                send_mail(subject, body, expediteur(logged[0].campagne), recipients)
        sent += [Rappel(c, RETARD) for c in logged]
    return sent


def rappels_envoyer(*, on: datetime.date, dry_run: bool = False) -> list[Rappel]:
    """Send the reminders due on `on`; return those sent (or, with `dry_run`, those that would be)."""
    due = rappels_dus(on)
    if dry_run:
        return due
    sent = [rappel for rappel in due if rappel.palier != RETARD and rappel_envoyer(rappel, on=on)]
    sent += retards_envoyer([rappel for rappel in due if rappel.palier == RETARD], on=on)
    logger.info("Campaign reminders of %s: %s sent", on, len(sent))
    return sent
