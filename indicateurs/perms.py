"""Who may see and do what in the indicators space (built on comptes.perms)."""

from comptes.perms import (
    follows_own_region,
    get_scope,
    is_ars_agent_for,
    is_ars_agent_of_region,
    is_siege_agent_of_region,
    is_siege_gestionnaire_of_region,
    user_region_code,
)
from indicateurs.enums import PerimetreKind


def can_view_indicateurs(user) -> bool:
    """L'espace des indicateurs (tableau de bord, fiches, valeurs, avis) d'une région est ouvert aux agents de
    l'ARS de cette région (siège et délégations) et aux membres de son comité d'évaluation, chacun pour sa région.
    Les collectivités, les porteurs et le siège d'une autre région n'y ont pas accès."""
    return follows_own_region(user)


def can_enter_valeurs(user) -> bool:
    """Saisir ou importer des valeurs est réservé aux agents de l'ARS de la région : le siège pour tout
    périmètre, une délégation pour les périmètres de ses départements. Le comité ne modifie aucune valeur."""
    return is_ars_agent_of_region(user, user_region_code(user))


def can_enter_valeur_for(user, perimetre) -> bool:
    """Un agent de l'ARS peut saisir une valeur pour un périmètre :
    - le siège pour tout périmètre de sa région (la région comprise) ;
    - une délégation pour un périmètre rattaché à l'un de ses départements (pas la région)."""
    if perimetre.departement_id:
        return is_ars_agent_for(user, perimetre.departement_id)
    if perimetre.kind == PerimetreKind.REGION:
        return is_siege_agent_of_region(user, perimetre.code)
    return perimetre.region_id is not None and perimetre.region_id in get_scope(user).region_ids


def can_edit_reperes(user) -> bool:
    """Fixer les valeurs de référence et les cibles des indicateurs relève du siège de l'ARS de la région
    (rôle gestionnaire), qui administre le catalogue."""
    return is_siege_gestionnaire_of_region(user, user_region_code(user))


def can_recalculer(user) -> bool:
    """Relancer le calcul des indicateurs calculés est réservé au siège de l'ARS de la région."""
    return is_siege_agent_of_region(user, user_region_code(user))


def can_give_avis(user) -> bool:
    """Seuls les membres du comité d'évaluation rendent un avis sur un indicateur et un semestre."""
    return get_scope(user).is_comite


def can_link_indicateurs_fiche(user, fiche) -> bool:
    """Lier un indicateur du catalogue à une fiche action d'un CLS (ou retirer ce lien) suit la règle
    de modification de la fiche : l'ARS compétente pour le département du contrat, ou un membre
    « saisie » ou « gestionnaire » de la collectivité porteuse. Les autres lecteurs consultent seulement."""
    from cls.perms import can_contribute_contrat

    return can_contribute_contrat(user, fiche.contrat)
