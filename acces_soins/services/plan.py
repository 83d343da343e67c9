"""Writes on the plan and the comité de pilotage (staff only; views check `can_*` first)."""

import datetime
from dataclasses import dataclass

from django.db import transaction

from acces_soins.models import (
    ComiteDePilotage,
    Decision,
    DeclinaisonMesure,
    DocumentComite,
    Mesure,
    StatutSource,
)


@dataclass(frozen=True)
class StatutSaisi:
    """A status as entered, with the date and the source (séance du comité, courrier, document…) that establish it."""

    statut: str
    date: datetime.date
    source: str


def statut_apply(obj: StatutSource, saisi: StatutSaisi) -> None:
    """Give a measure or a declination its status with its own source and date. A status entered unchanged
    (same status, date and source as shown) keeps its document and passage."""
    if (saisi.statut, saisi.date, saisi.source) == (obj.statut, obj.statut_date, obj.statut_source_affichee):
        return
    obj.statut, obj.statut_date, obj.statut_date_libelle = saisi.statut, saisi.date, ""
    obj.statut_document, obj.statut_source = None, saisi.source.strip()


@transaction.atomic
def mesure_update(*, mesure: Mesure, statut: StatutSaisi, pilote: str, user, indicateurs=None) -> Mesure:
    """Set a measure's status (with its source and date), its pilot if the ARS designates one and its linked
    indicators. Its comment of the semester is a semester note (`notes.note_enregistrer`, kind « mesure »)."""
    statut_apply(mesure, statut)
    mesure.pilote = pilote
    mesure.updated_by = user
    mesure.full_clean()
    mesure.save()
    if indicateurs is not None:
        mesure.indicateurs.set(indicateurs)
    return mesure


@transaction.atomic
def declinaison_update(*, mesure: Mesure, departement, statut: StatutSaisi, commentaire: str) -> DeclinaisonMesure:
    declinaison = DeclinaisonMesure.objects.filter(mesure=mesure, departement=departement).first()
    declinaison = declinaison or DeclinaisonMesure(mesure=mesure, departement=departement)
    statut_apply(declinaison, statut)
    declinaison.commentaire = commentaire.strip()
    declinaison.full_clean()
    declinaison.save()
    return declinaison


@transaction.atomic
def comite_save(*, comite: ComiteDePilotage, user, decisions: list[tuple[str, list[Mesure]]]) -> ComiteDePilotage:
    """Save a session and its decisions (text + linked measures), numbered in order. A decision keeps its number,
    its follow-up (owner, due date, status, log) when its text is corrected; lines removed delete their decision
    (the history keeps it)."""
    comite.updated_by = user
    comite.full_clean()
    comite.save()
    existing = {decision.numero: decision for decision in comite.decisions.all()}
    for numero, (texte, mesures) in enumerate(decisions, start=1):
        decision = existing.pop(numero, None) or Decision(comite=comite, numero=numero)
        decision.texte = texte
        decision._history_user = user
        decision.full_clean()
        decision.save()
        decision.mesures.set(mesures)
    for decision in existing.values():
        decision._history_user = user
        decision.delete()
    return comite


@transaction.atomic
def comite_document_add(*, comite: ComiteDePilotage, fichier, user) -> DocumentComite:
    document = DocumentComite(comite=comite, fichier=fichier, nom_original=fichier.name[:255], added_by=user)
    document.full_clean()
    document.save()
    return document
