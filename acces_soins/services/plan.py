"""Writes on the plan and the comité de pilotage (staff only; views check `can_*` first)."""

from django.db import transaction

from acces_soins.models import ComiteDePilotage, CommentaireMesure, Decision, DeclinaisonMesure, DocumentComite, Mesure
from acces_soins.periods import Semestre


@transaction.atomic
def mesure_update(
    *,
    mesure: Mesure,
    statut: str,
    pilote: str,
    user,
    semestre: Semestre,
    commentaire: str,
    indicateurs: list[str] | None = None,
) -> Mesure:
    """Set a measure's status, pilot and linked indicators, and its comment for the semester
    (an empty comment removes it)."""
    mesure.statut = statut
    mesure.pilote = pilote
    if indicateurs is not None:
        mesure.indicateurs = indicateurs
    mesure.updated_by = user
    mesure.full_clean()
    mesure.save()
    if commentaire.strip():
        CommentaireMesure.objects.update_or_create(
            mesure=mesure, semestre=str(semestre), defaults={"texte": commentaire.strip(), "updated_by": user}
        )
    else:
        CommentaireMesure.objects.filter(mesure=mesure, semestre=str(semestre)).delete()
    return mesure


@transaction.atomic
def declinaison_update(*, mesure: Mesure, departement, statut: str, commentaire: str) -> DeclinaisonMesure:
    declinaison, _ = DeclinaisonMesure.objects.get_or_create(mesure=mesure, departement=departement)
    declinaison.statut = statut
    declinaison.commentaire = commentaire.strip()
    declinaison.full_clean()
    declinaison.save()
    return declinaison


@transaction.atomic
def comite_save(*, comite: ComiteDePilotage, user, decisions: list[tuple[str, list[Mesure]]]) -> ComiteDePilotage:
    """Save a session and replace its decisions (text + linked measures), numbered in order."""
    comite.updated_by = user
    comite.full_clean()
    comite.save()
    comite.decisions.all().delete()
    for numero, (texte, mesures) in enumerate(decisions, start=1):
        decision = Decision(comite=comite, numero=numero, texte=texte)
        decision.full_clean()
        decision.save()
        decision.mesures.set(mesures)
    return comite


@transaction.atomic
def comite_document_add(*, comite: ComiteDePilotage, fichier, user) -> DocumentComite:
    document = DocumentComite(comite=comite, fichier=fichier, nom_original=fichier.name[:255], added_by=user)
    document.full_clean()
    document.save()
    return document
