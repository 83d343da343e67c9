"""Who may do what on a dossier. Every rule is a named predicate with a French docstring."""

from comptes.enums import OrganisationType, Role
from comptes.perms import can_edit_for_organisation, get_scope, is_ars_agent_for, role_in
from instruction.enums import FINAL_STATES, TRANSITIONS, Acteur, Etat


def is_deposant_member(user, dossier) -> bool:
    """Un membre (quel que soit son rôle) de l'organisation déposante consulte ses dossiers."""
    return role_in(user, dossier.deposant_id) is not None


def can_view_dossier(user, dossier) -> bool:
    """Un dossier est visible :
    - par les membres de l'organisation déposante (brouillons compris) ;
    - une fois déposé, par le siège de l'ARS et la délégation du département d'instruction.
    """
    if is_deposant_member(user, dossier):
        return True
    return dossier.etat != Etat.BROUILLON and is_ars_agent_for(user, dossier.departement_id)


def can_edit_dossier(user, dossier) -> bool:
    """Un brouillon est modifiable par un membre « saisie » ou « gestionnaire » de l'organisation
    déposante ; le rôle « lecture » ne permet que de consulter."""
    return dossier.etat == Etat.BROUILLON and can_edit_for_organisation(user, dossier.deposant_id)


def can_instruct(user, dossier) -> bool:
    """Un dossier déposé est instruit par la délégation de son département ou par le siège."""
    return dossier.etat != Etat.BROUILLON and is_ars_agent_for(user, dossier.departement_id)


def can_transition(user, dossier, to_etat: str) -> bool:
    """Une transition est permise si elle figure dans le circuit d'instruction et si l'utilisateur
    est l'acteur prévu : l'organisation déposante (dépôt, réponse à une demande de complément) ou
    l'ARS compétente (toutes les décisions)."""
    acteur = TRANSITIONS.get((dossier.etat, to_etat))
    if acteur == Acteur.DEPOSANT:
        return can_edit_for_organisation(user, dossier.deposant_id)
    if acteur == Acteur.ARS:
        return can_instruct(user, dossier)
    return False


def can_post_message(user, dossier) -> bool:
    """Les échanges sont ouverts sur un dossier déposé et non clôturé, entre l'ARS compétente et
    les membres « saisie » ou « gestionnaire » de l'organisation déposante."""
    if dossier.etat == Etat.BROUILLON or dossier.etat in FINAL_STATES:
        return False
    return can_instruct(user, dossier) or can_edit_for_organisation(user, dossier.deposant_id)


def can_view_annotations(user, dossier) -> bool:
    """Les annotations internes ne sont visibles que des agents de l'ARS compétents ;
    jamais de l'organisation déposante."""
    return can_instruct(user, dossier)


can_annotate = can_view_annotations


def can_assign_referent(user, dossier) -> bool:
    """Le référent est désigné par un gestionnaire de la délégation du département
    ou par un gestionnaire du siège."""
    if not can_instruct(user, dossier):
        return False
    scope = get_scope(user)
    return any(
        scope.roles[org_id] == Role.GESTIONNAIRE
        for org_id in scope.organisations_of_type(OrganisationType.ARS_SIEGE, OrganisationType.DELEGATION)
    )


def can_be_referent(user, dossier) -> bool:
    """Peut être référent tout agent de la délégation du département ou du siège."""
    return is_ars_agent_for(user, dossier.departement_id)
