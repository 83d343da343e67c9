"""Who may see and do what in the indicators space (built on comptes.perms)."""

from comptes.perms import get_scope, is_ars_agent_for, is_siege_agent, is_siege_gestionnaire


def can_view_indicateurs(user) -> bool:
    """L'espace des indicateurs (tableau de bord, fiches, valeurs, avis) est ouvert aux agents de l'ARS
    (siège et délégations) et aux membres du comité d'évaluation. Les collectivités et porteurs n'y ont
    pas accès."""
    scope = get_scope(user)
    return scope.is_ars or scope.is_comite


def can_enter_valeurs(user) -> bool:
    """Saisir ou importer des valeurs est réservé aux agents de l'ARS : le siège pour tout périmètre,
    une délégation pour les périmètres de ses départements. Le comité ne modifie aucune valeur."""
    return get_scope(user).is_ars


def can_enter_valeur_for(user, perimetre) -> bool:
    """Un agent de l'ARS peut saisir une valeur pour un périmètre :
    - le siège pour tout périmètre (région comprise) ;
    - une délégation pour un périmètre rattaché à l'un de ses départements (pas la région)."""
    return is_ars_agent_for(user, perimetre.departement_id) if perimetre.departement_id else is_siege_agent(user)


def can_edit_reperes(user) -> bool:
    """Fixer les valeurs de référence et les cibles des indicateurs relève du siège de l'ARS
    (rôle gestionnaire), qui administre le catalogue."""
    return is_siege_gestionnaire(user)


def can_recalculer(user) -> bool:
    """Relancer le calcul des indicateurs calculés est réservé au siège de l'ARS."""
    return is_siege_agent(user)


def can_give_avis(user) -> bool:
    """Seuls les membres du comité d'évaluation rendent un avis sur un indicateur et un semestre."""
    return get_scope(user).is_comite


def can_link_indicateurs_fiche(user, fiche) -> bool:
    """Lier un indicateur du catalogue à une fiche action d'un CLS (ou retirer ce lien) suit la règle
    de modification de la fiche : l'ARS compétente pour le département du contrat, ou un membre
    « saisie » ou « gestionnaire » de la collectivité porteuse. Les autres lecteurs consultent seulement."""
    from cls.perms import can_contribute_contrat

    return can_contribute_contrat(user, fiche.contrat)
