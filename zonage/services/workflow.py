"""Writes on arrêtés: creation, status transitions (with French refusal reasons), comments; the revision alert.

The procedure (R1434-41 and R1434-42 CSP): the URPS are consulted (concertation, with its own dates and
documents), then the CRSA is referred to on a date the siège enters by hand; its two months run from that date;
then the DG ARS signs and the arrêté is published.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from config.typography import fr_date
from referentiel.enums import Domaine
from referentiel.models import Parametre
from referentiel.services import parametre_en_vigueur
from zonage.enums import ArreteStatut as S
from zonage.models import ArreteTransition, ArreteZonage, Commentaire

TRANSITIONS = {
    S.PROJET: {S.CONCERTATION},
    S.CONCERTATION: {S.PROJET, S.SAISINE_CRSA},
    S.SAISINE_CRSA: {S.PROJET, S.PUBLIE},
    S.PUBLIE: {S.REMPLACE, S.ABROGE},
}
# Statuses in which the arrêté's fields (dates of the procedure included) may still be edited.
EDITABLE = frozenset({S.PROJET, S.CONCERTATION, S.SAISINE_CRSA})
# A legal delay, kept here with its article: « la CRSA rend son avis dans un délai de deux mois » (R1434-42 CSP).
CRSA_DELAI_MOIS = 2


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


@transaction.atomic
def arrete_update(*, arrete: ArreteZonage, by) -> ArreteZonage:
    """Save the edited fields of a draft or consulted arrêté (the form has set them on the instance)."""
    if arrete.statut not in EDITABLE:
        raise ValidationError("Un arrêté publié ne se modifie plus : créez une nouvelle version.")
    arrete.updated_by = by
    arrete.full_clean()
    arrete.save()
    return arrete


def crsa_echeance(arrete: ArreteZonage) -> datetime.date | None:
    """The last day of the CRSA's two months, counted from the referral date entered by hand."""
    return add_months(arrete.date_saisine_crsa, CRSA_DELAI_MOIS) if arrete.date_saisine_crsa else None


def _refused_step(arrete: ArreteZonage, vers: str) -> str:
    if arrete.statut in (S.REMPLACE, S.ABROGE):
        return "Un arrêté remplacé ou abrogé ne change plus de statut : créez une nouvelle version."
    if vers == S.REMPLACE:
        return "Un arrêté ne peut être remplacé que s'il est publié."
    if arrete.statut == S.PUBLIE and vers in (S.PROJET, S.CONCERTATION, S.SAISINE_CRSA):
        return "Un arrêté publié ne peut pas revenir en projet : créez une nouvelle version."
    if arrete.statut == S.PROJET and vers in (S.PUBLIE, S.SAISINE_CRSA):
        return "Un projet doit d'abord être soumis à la concertation des URPS, puis à l'avis de la CRSA."
    if arrete.statut == S.CONCERTATION and vers == S.PUBLIE:
        return "La CRSA doit d'abord être saisie, après la concertation des URPS."
    return f"Passage de « {arrete.get_statut_display()} » à « {S(vers).label} » impossible."


def _saisine_refusal(arrete: ArreteZonage, on: datetime.date) -> str | None:
    debut, fin, saisine = (
        arrete.date_debut_concertation_urps,
        arrete.date_fin_concertation_urps,
        arrete.date_saisine_crsa,
    )
    if debut is None or fin is None:
        return "Renseignez les dates de début et de fin de la concertation des URPS avant de saisir la CRSA."
    if fin > on:
        return f"La concertation des URPS se termine le {fr_date(fin)} : la CRSA ne peut être saisie qu'ensuite."
    if saisine is None:
        return "Renseignez la date de saisine de la CRSA (le délai d'avis de deux mois court de cette date)."
    if saisine < fin:
        return "La saisine de la CRSA ne peut pas précéder la fin de la concertation des URPS."
    if saisine > on:
        return "La date de saisine de la CRSA ne peut pas être dans le futur."
    return None


def refusal_reason(arrete: ArreteZonage, vers: str, *, on: datetime.date) -> str | None:
    """Why a transition is refused, in French; None if it is allowed."""
    if vers not in TRANSITIONS.get(arrete.statut, set()):
        return _refused_step(arrete, vers)
    if vers == S.CONCERTATION and not arrete.classements.exists():
        return "L'annexe est vide : importez le classement des territoires avant la concertation."
    if vers == S.SAISINE_CRSA:
        return _saisine_refusal(arrete, on)
    if vers == S.PUBLIE:
        if not (arrete.date_signature and arrete.date_effet):
            return "Renseignez la date de signature et la date d'effet avant de publier."
        echeance = crsa_echeance(arrete)
        if arrete.date_avis_crsa is None and echeance is None:
            return "Renseignez la date de saisine de la CRSA avant de publier."
        if arrete.date_avis_crsa is None and on <= echeance:
            return (
                "La CRSA dispose de deux mois à compter de sa saisine pour rendre son avis : enregistrez son avis "
                f"ou attendez la fin du délai, le {fr_date(echeance)}, avant de publier."
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
    if vers == S.CONCERTATION and arrete.date_debut_concertation_urps is None:
        arrete.date_debut_concertation_urps = on
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


# --- Revision of the zonage --------------------------------------------------------------------------------------

FREQUENCE_REVISION = "frequence_revision"


@dataclass(frozen=True)
class RevisionAlerte:
    """The arrêté in force is older than the revision period of the référentiel."""

    arrete: ArreteZonage
    periode: Parametre
    echeance: datetime.date


def _periode(region, on: datetime.date, regles=None) -> Parametre | None:
    """`regles`: the zonage rows in force for the region on `on` (`parametres_en_vigueur`), when already read."""
    if regles is not None:
        periode = regles.get(FREQUENCE_REVISION)
    else:
        periode = parametre_en_vigueur(Domaine.ZONAGE, FREQUENCE_REVISION, region=region, on=on)
    return periode if periode is not None and periode.valeur is not None else None


def _alerte(arrete: ArreteZonage, periode: Parametre | None, on: datetime.date) -> RevisionAlerte | None:
    if periode is None or arrete.statut != S.PUBLIE or arrete.date_effet is None:
        return None
    echeance = add_months(arrete.date_effet, int(periode.valeur * 12))
    return RevisionAlerte(arrete, periode, echeance) if on > echeance else None


def revision_alerte(
    arrete: ArreteZonage | None, *, on: datetime.date | None = None, regles=None
) -> RevisionAlerte | None:
    """An alert when the arrêté in force took effect more than the revision period (référentiel) before `on`.

    Exactly the period is not late. None when the arrêté is not in force, or no period is published. `regles`: the
    zonage rows in force on `on` for the arrêté's region, when already read (no query then)."""
    on = on or timezone.localdate()
    if arrete is None or arrete.statut != S.PUBLIE:
        return None
    return _alerte(arrete, _periode(arrete.region, on, regles), on)


def revisions_en_retard(*, region_code: str, on: datetime.date | None = None) -> list[RevisionAlerte]:
    """For each profession, the alert on its arrêté in force in the region, if it is older than the period."""
    on = on or timezone.localdate()
    periode = _periode(region_code, on)
    if periode is None:
        return []
    arretes = (
        ArreteZonage.objects.en_vigueur(on=on)
        .filter(region__code=region_code, statut=S.PUBLIE)
        .select_related("profession")
        .order_by("profession__ordre", "profession_id", "-date_effet", "-pk")
    )
    alertes, seen = [], set()
    for arrete in arretes:
        if arrete.profession_id not in seen:
            seen.add(arrete.profession_id)
            alertes.append(_alerte(arrete, periode, on))
    return [alerte for alerte in alertes if alerte is not None]
