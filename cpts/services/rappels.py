"""Reminder e-mails for the deadlines of the missions of signed CPTS (daily beat task, command).

For each mission of a CPTS whose ACI is in force, and each of its two deadlines (start, deployment)
not yet met: one e-mail when the deadline is N days away (N: the `cpts.rappel_jours` rows of the register
in force for the CPTS's region, e.g. 30 and 7), then one when it is overdue. A run that missed some days
sends only the most urgent step reached. `RappelMission` (unique per mission, deadline, date, step) makes
it idempotent: the row is written in the same transaction as the sending, a concurrent run waits on the
unique index and skips the reminder.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from comptes.enums import OrganisationType
from comptes.models import Membership
from config.emails import absolute_url
from cpts.enums import PALIER_RETARD, TypeEcheance
from cpts.models import Cpts, MissionCpts, RappelMission
from cpts.services.regles import region_of, regles_cpts

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rappel:
    mission: MissionCpts
    echeance: str  # TypeEcheance
    date_echeance: datetime.date
    palier: str  # « J-30 » or « retard »
    jours: int  # days until the deadline (negative: overdue)

    @property
    def en_retard(self) -> bool:
        return self.palier == PALIER_RETARD

    @property
    def key(self) -> tuple:
        return (self.mission.pk, self.echeance, self.date_echeance, self.palier)


def paliers(on: datetime.date, *, region) -> list[int]:
    """The reminder steps in force for a region (days before a deadline), most distant first. No row: no
    reminder before the deadline (the overdue one is still sent)."""
    rows = regles_cpts(region=region, on=on).cles("rappel_jours")
    return sorted(
        {int(row.valeur) for row in rows.values() if row.valeur is not None and row.valeur >= 1}, reverse=True
    )


def palier_for(deadline: datetime.date, on: datetime.date, steps: list[int]) -> str | None:
    """The step reached on `on` for a deadline: « retard » once passed, else the nearest « J-N »."""
    if on > deadline:
        return PALIER_RETARD
    reached = [days for days in steps if deadline - datetime.timedelta(days=days) <= on]
    return f"J-{min(reached)}" if reached else None


def rappels_dus(on: datetime.date) -> list[Rappel]:
    """Reminders due on `on` and not sent yet. Two queries, plus one per region of the CPTS concerned."""
    steps_of: dict[str, list[int]] = {}
    missions = (
        MissionCpts.objects.filter(cpts__in=Cpts.objects.signees(on), date_deploiement__isnull=True)
        .select_related("mission", "cpts__porteur", "cpts__departement__region")
        .order_by("cpts__nom", "mission__ordre")
    )
    due = []
    for row in missions:
        region = region_of(row.cpts)
        if region not in steps_of:
            steps_of[region] = paliers(on, region=region)
        steps = steps_of[region]
        for echeance, deadline, done in (
            (TypeEcheance.DEMARRAGE, row.echeance_demarrage, row.date_demarrage),
            (TypeEcheance.DEPLOIEMENT, row.echeance_deploiement, row.date_deploiement),
        ):
            if deadline is None or done is not None:
                continue
            palier = palier_for(deadline, on, steps)
            if palier:
                due.append(Rappel(row, echeance, deadline, palier, (deadline - on).days))
    sent = set(
        RappelMission.objects.filter(mission__in=[rappel.mission for rappel in due]).values_list(
            "mission_id", "echeance", "date_echeance", "palier"
        )
    )
    return [rappel for rappel in due if rappel.key not in sent]


def destinataires(cpts: Cpts) -> list[str]:
    """The members of the porteur organisation and the agents of the délégation of its département."""
    porteur = Membership.objects.active().filter(organisation_id=cpts.porteur_id)
    delegation = Membership.objects.active().filter(
        organisation__type=OrganisationType.DELEGATION, organisation__departements=cpts.departement_id
    )
    return sorted(
        set(porteur.values_list("user__email", flat=True)) | set(delegation.values_list("user__email", flat=True))
    )


def _message(rappel: Rappel) -> tuple[str, str]:
    cpts = rappel.mission.cpts
    context = {
        "rappel": rappel,
        "cpts": cpts,
        "mission": rappel.mission.mission,
        "echeance": TypeEcheance(rappel.echeance).label.lower(),
        "retard": -rappel.jours,
        "url": absolute_url(reverse("cpts:detail", args=[cpts.public_id])),
        "site_name": settings.SITE_NAME,
    }
    subject = render_to_string("cpts/emails/rappel_mission_subject.txt", context).strip()
    return subject, render_to_string("cpts/emails/rappel_mission.txt", context)


def rappel_envoyer(rappel: Rappel, *, on: datetime.date, recipients: list[str]) -> bool:
    """Log and send one reminder, all or nothing. False when another run already sent it."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                log = RappelMission.objects.create(
                    mission=rappel.mission,
                    echeance=rappel.echeance,
                    date_echeance=rappel.date_echeance,
                    palier=rappel.palier,
                    date_reference=on,
                    destinataires=recipients,
                )
        except IntegrityError:
            return False
        subject, body = _message(rappel)
        if recipients:
            send_mail(subject, body, None, recipients)
        logger.info("Rappel %s envoyé (%s destinataires)", log, len(recipients))
    return True


def rappels_envoyer(*, on: datetime.date, dry_run: bool = False) -> list[Rappel]:
    """Send the reminders due on `on`; return those sent (or, with `dry_run`, those that would be)."""
    due = rappels_dus(on)
    if dry_run:
        return due
    by_cpts: dict[int, list[str]] = {}
    sent = []
    for rappel in due:
        cpts = rappel.mission.cpts
        if cpts.pk not in by_cpts:
            by_cpts[cpts.pk] = destinataires(cpts)
        if rappel_envoyer(rappel, on=on, recipients=by_cpts[cpts.pk]):
            sent.append(rappel)
    return sent
