"""Writes of the COPIL decisions' follow-up: the siège sets the owner, the due date and the links; the owner (or the
siège) moves the status with a comment — an abandon says why — and every step is logged (`SuiviDecision`)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from acces_soins.enums import StatutDecision
from acces_soins.models import Decision, SuiviDecision


@transaction.atomic
def decision_modifier(
    *,
    decision: Decision,
    by,
    responsable_personne=None,
    responsable_organisation=None,
    echeance=None,
    mesures=(),
    fiches=(),
    indicateurs=(),
) -> Decision:
    """Who follows the decision (a person, an organisation or both), by when, and what it concerns."""
    decision.responsable_personne = responsable_personne
    decision.responsable_organisation = responsable_organisation
    decision.echeance = echeance
    decision._history_user = by
    decision.full_clean()
    decision.save()
    decision.mesures.set(mesures)
    decision.fiches.set(fiches)
    decision.indicateurs.set(indicateurs)
    return decision


@transaction.atomic
def decision_suivre(
    *, decision: Decision, by, statut: str, commentaire: str = "", motif_abandon: str = ""
) -> SuiviDecision:
    """One step of the follow-up: the new status (an abandon needs its reason) and a comment, logged."""
    if statut == StatutDecision.ABANDONNEE and not motif_abandon.strip():
        raise ValidationError({"motif_abandon": "Indiquez pourquoi la décision est abandonnée."})
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    decision.statut = statut
    decision.motif_abandon = motif_abandon.strip() if statut == StatutDecision.ABANDONNEE else ""
    decision._history_user = by
    decision.full_clean()
    decision.save()
    texte = commentaire.strip()
    if statut == StatutDecision.ABANDONNEE:
        texte = f"{texte}\nMotif de l'abandon : {decision.motif_abandon}".strip()
    return SuiviDecision.objects.create(decision=decision, statut=statut, commentaire=texte, par=by)
