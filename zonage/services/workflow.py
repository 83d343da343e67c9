"""Writes on arrêtés: creation, status transitions (with French refusal reasons), comments."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zonage.enums import ArreteStatut as S
from zonage.models import ArreteTransition, ArreteZonage, Commentaire

TRANSITIONS = {
    S.PROJET: {S.CONCERTATION},
    S.CONCERTATION: {S.PROJET, S.PUBLIE},
    S.PUBLIE: {S.REMPLACE, S.ABROGE},
}
CRSA_DELAI_MOIS = 2  # R1434-42 CSP: the CRSA gives its opinion within two months


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day.replace(year=year, month=month, day=min(day.day, last[month - 1]))


@transaction.atomic
def arrete_create(*, by, **fields) -> ArreteZonage:
    """Create a draft arrêté; its previous version is the latest published one of the same profession."""
    arrete = ArreteZonage(updated_by=by, statut=S.PROJET, **fields)
    if arrete.precedent_id is None:
        arrete.precedent = (
            ArreteZonage.objects.publics()
            .filter(profession=arrete.profession, region=arrete.region)
            .order_by("-date_effet", "-pk")
            .first()
        )
    arrete.full_clean()
    arrete.save()
    return arrete


def refusal_reason(arrete: ArreteZonage, vers: str, *, on: datetime.date) -> str | None:
    """Why a transition is refused, in French; None if it is allowed."""
    if vers not in TRANSITIONS.get(arrete.statut, set()):
        if arrete.statut in (S.REMPLACE, S.ABROGE):
            return "Un arrêté remplacé ou abrogé ne change plus de statut : créez une nouvelle version."
        if vers == S.REMPLACE:
            return "Un arrêté ne peut être remplacé que s'il est publié."
        if arrete.statut == S.PUBLIE and vers in (S.PROJET, S.CONCERTATION):
            return "Un arrêté publié ne peut pas revenir en projet : créez une nouvelle version."
        if arrete.statut == S.PROJET and vers == S.PUBLIE:
            return "Un projet doit d'abord être soumis à la concertation (URPS) et à l'avis de la CRSA."
        return f"Passage de « {arrete.get_statut_display()} » à « {S(vers).label} » impossible."
    if vers == S.CONCERTATION and not arrete.classements.exists():
        return "L'annexe est vide : importez le classement des territoires avant la concertation."
    if vers == S.PUBLIE:
        if not (arrete.date_signature and arrete.date_effet):
            return "Renseignez la date de signature et la date d'effet avant de publier."
        if arrete.date_avis_crsa is None and (
            arrete.date_saisine_crsa is None or on < add_months(arrete.date_saisine_crsa, CRSA_DELAI_MOIS)
        ):
            return (
                "La CRSA dispose de deux mois pour rendre son avis : enregistrez son avis ou attendez "
                "la fin du délai avant de publier."
            )
    if vers == S.REMPLACE:
        return "Un arrêté est remplacé automatiquement à la publication de sa nouvelle version."
    return None


def _record(arrete, vers, by, motif=""):
    ArreteTransition.objects.create(arrete=arrete, de=arrete.statut, vers=vers, par=by, motif=motif)
    arrete.statut = vers
    arrete.updated_by = by


@transaction.atomic
def arrete_transition(*, arrete: ArreteZonage, vers: str, by, motif: str = "") -> ArreteZonage:
    """Move an arrêté to a new status or raise ValidationError with the French reason."""
    on = timezone.localdate()
    reason = refusal_reason(arrete, vers, on=on)
    if reason:
        raise ValidationError(reason)
    if vers == S.CONCERTATION and arrete.date_saisine_crsa is None:
        arrete.date_saisine_crsa = on
    if vers == S.ABROGE and arrete.date_fin is None:
        arrete.date_fin = on
    if vers == S.PUBLIE:
        _replace_previous(arrete, by)
    _record(arrete, vers, by, motif)
    arrete.full_clean()
    arrete.save()
    return arrete


def _replace_previous(arrete, by):
    """The published arrêté of the same profession and region becomes « remplacé » the day before."""
    previous = ArreteZonage.objects.select_for_update().filter(
        profession=arrete.profession, region=arrete.region, statut=S.PUBLIE
    )
    for old in previous.exclude(pk=arrete.pk):
        end = arrete.date_effet - datetime.timedelta(days=1)
        if old.date_fin is None or old.date_fin > end:
            old.date_fin = max(end, old.date_effet) if old.date_effet else end
        _record(old, S.REMPLACE, by, f"Remplacé par {arrete.reference}")
        old.save()
        if arrete.precedent_id is None:
            arrete.precedent = old


@transaction.atomic
def arrete_comment(*, arrete: ArreteZonage, by, texte: str) -> Commentaire:
    commentaire = Commentaire(arrete=arrete, auteur=by, texte=texte)
    commentaire.full_clean()
    commentaire.save()
    return commentaire
