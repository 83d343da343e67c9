"""Writes of the territorial roadmaps: catalogue, feuille de route, actions with milestones (their semester progress
notes are written by `acces_soins.notes.note_enregistrer`, kind « action »)."""

from django.db import transaction
from django.db.models import Max

from acces_soins.models import Action, FeuilleDeRoute, Jalon, Solution


@transaction.atomic
def solution_save(*, solution: Solution) -> Solution:
    solution.full_clean()
    solution.save()
    return solution


@transaction.atomic
def feuille_save(*, feuille: FeuilleDeRoute) -> FeuilleDeRoute:
    feuille.full_clean()
    feuille.save()
    return feuille


@transaction.atomic
def action_save(
    *, action: Action, user, indicateurs=None, jalons: list[Jalon] = (), jalons_supprimes: list[Jalon] = ()
) -> Action:
    """Create or update an action; an action picked from the catalogue takes its theme (and, when left
    empty, its label) from the solution. New actions are numbered after the last one of the feuille."""
    if action.solution_id:
        action.theme = action.solution.theme
        action.libelle = action.libelle or action.solution.libelle
    if action.pk is None:
        last = Action.objects.select_for_update().filter(feuille=action.feuille).aggregate(n=Max("numero"))["n"]
        action.numero = (last or 0) + 1
    action.updated_by = user
    action.full_clean()
    action.save()
    if indicateurs is not None:
        action.indicateurs.set(indicateurs)
    for jalon in jalons_supprimes:
        if jalon.pk and jalon.action_id == action.pk:
            jalon.delete()
    for jalon in jalons:
        jalon.action = action
        jalon.full_clean()
        jalon.save()
    return action


def funding_departement(territoire):
    """The département an action's funding is recorded in: the first (by code) its territory covers
    (uses prefetched départements when present)."""
    return min(territoire.departements.all(), key=lambda departement: departement.code, default=None)


@transaction.atomic
def action_beneficiaire(*, action: Action):
    """The ledger record (financements.Beneficiaire) of an action, created once. The action's funding
    (commitments on envelopes, payments, co-financing lines) lives in `financements`; its département is
    the first one (by code) the territory covers."""
    from financements.enums import Programme
    from financements.services import beneficiaire_create

    action = Action.objects.select_for_update().select_related("feuille__territoire").get(pk=action.pk)
    if action.beneficiaire_id is None:
        territoire = action.feuille.territoire
        action.beneficiaire = beneficiaire_create(
            programme=Programme.FEUILLE_DE_ROUTE,
            libelle=f"{territoire.nom} — {action.reference} {action.libelle}"[:250],
            departement=funding_departement(territoire),
        )
        action.save(update_fields=["beneficiaire"])
    return action.beneficiaire
