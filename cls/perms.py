"""CLS rules, built on comptes and instruction predicates."""

from comptes.enums import OrganisationType
from comptes.perms import can_edit_for_organisation, get_scope, is_ars_agent_for


def filing_organisations(user) -> list[int]:
    """Les collectivités pour lesquelles l'utilisateur peut déposer une lettre d'intention
    (rôle « saisie » ou « gestionnaire »)."""
    scope = get_scope(user)
    return [org_id for org_id in scope.collectivite_ids if can_edit_for_organisation(user, org_id)]


def can_file_lettre(user) -> bool:
    """Une lettre d'intention de CLS est déposée par un membre « saisie » ou « gestionnaire »
    d'une collectivité ; le rôle « lecture » ne permet que de consulter."""
    return bool(filing_organisations(user))


def can_list_own_lettres(user) -> bool:
    """Les membres d'une collectivité, quel que soit leur rôle, consultent ses lettres d'intention."""
    return bool(get_scope(user).organisations_of_type(OrganisationType.COLLECTIVITE))


def can_instruct_cls(user) -> bool:
    """Les listes d'instruction sont ouvertes aux agents de l'ARS (siège et délégations)."""
    return get_scope(user).is_ars


def can_view_contrats(user) -> bool:
    """La liste des contrats est ouverte à l'ARS, au comité d'évaluation et aux collectivités."""
    scope = get_scope(user)
    return scope.is_ars or scope.is_comite or bool(scope.collectivite_ids)


def can_manage_contrat(user, contrat) -> bool:
    """Les étapes, la signature, les signataires, les avenants et le financement d'un CLS sont saisis
    par l'ARS : la délégation du département pilote ou le siège."""
    return is_ars_agent_for(user, contrat.departement_id)


def is_delegation_concernee(user, contrat) -> bool:
    """Une délégation départementale est concernée par un CLS quand son périmètre atteint l'un de ses
    départements (un CLS peut s'étendre sur plusieurs départements) : elle le voit et y contribue."""
    scope = get_scope(user)
    if not scope.departement_ids:
        return False
    if contrat.departement_id in scope.departement_ids:
        return True
    return any(departement.pk in scope.departement_ids for departement in contrat.departements.all())


def can_contribute_contrat(user, contrat) -> bool:
    """Les documents, revues annuelles et fiches actions d'un CLS sont saisis par l'ARS compétente
    (siège, délégation de l'un des départements concernés) ou par un membre « saisie » ou
    « gestionnaire » de la collectivité porteuse."""
    return (
        can_manage_contrat(user, contrat)
        or is_delegation_concernee(user, contrat)
        or can_edit_for_organisation(user, contrat.porteur_id)
    )
