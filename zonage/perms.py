"""Who may see and do what on the zonage arrêtés (the public lookup needs no predicate)."""

from comptes.perms import get_scope, is_ars_agent_of_region, is_siege_gestionnaire, is_siege_gestionnaire_of_region
from zonage.enums import ArreteStatut


def can_view_arretes(user) -> bool:
    """Les arrêtés de zonage, y compris les projets, sont consultables par les agents de l'ARS
    (siège et délégations départementales). Les autres personnes voient le zonage public."""
    return get_scope(user).is_ars


def can_manage_arretes(user, arrete=None) -> bool:
    """Seuls les gestionnaires du siège de l'ARS créent, importent et publient les arrêtés de zonage,
    et seulement ceux de la région de leur siège."""
    if arrete is None:
        return is_siege_gestionnaire(user)
    return is_siege_gestionnaire_of_region(user, arrete.region.code)


def can_edit_arrete(user, arrete) -> bool:
    """Un arrêté se modifie (annexe, dates) par un gestionnaire du siège tant qu'il est en projet."""
    return can_manage_arretes(user, arrete) and arrete.statut == ArreteStatut.PROJET


def can_comment_arrete(user) -> bool:
    """Les agents du siège et des délégations départementales peuvent commenter un arrêté."""
    return get_scope(user).is_ars


def can_manage_documents(user, arrete=None) -> bool:
    """Seuls les gestionnaires du siège de l'ARS déposent et suppriment les documents d'un arrêté
    de leur région, quel que soit son statut (l'arrêté signé se dépose après la signature)."""
    return can_manage_arretes(user, arrete)


def can_download_document(user, document) -> bool:
    """Les agents de l'ARS de la région de l'arrêté téléchargent tous ses documents ; tout le monde, sans
    connexion, télécharge l'arrêté signé d'un arrêté publié (en vigueur, remplacé ou abrogé : c'est un
    acte public). Les projets, annexes, avis et concertations ne sont jamais publics."""
    return is_ars_agent_of_region(user, document.arrete.region.code) or document.is_public


def can_view_scenarios(user) -> bool:
    """Le simulateur de zonage prépare le prochain arrêté : ses scénarios sont consultés par les agents du siège,
    pour leur région. Les délégations départementales et les autres personnes ne les voient pas."""
    return get_scope(user).is_siege


def can_manage_scenarios(user, scenario=None) -> bool:
    """Créer, modifier, copier, optimiser un scénario et le proposer comme projet d'arrêté : gestionnaires du siège
    (comme les arrêtés eux-mêmes), pour un scénario de la région de leur siège."""
    if scenario is None:
        return is_siege_gestionnaire(user)
    return is_siege_gestionnaire_of_region(user, scenario.region.code)
