"""Who may see and do what on the zonage arrêtés (the public lookup needs no predicate)."""

from comptes.perms import get_scope, is_siege_gestionnaire
from zonage.enums import ArreteStatut


def can_view_arretes(user) -> bool:
    """Les arrêtés de zonage, y compris les projets, sont consultables par les agents de l'ARS
    (siège et délégations départementales). Les autres personnes voient le zonage public."""
    return get_scope(user).is_ars


def can_manage_arretes(user) -> bool:
    """Seuls les gestionnaires du siège de l'ARS créent, importent et publient les arrêtés de zonage."""
    return is_siege_gestionnaire(user)


def can_edit_arrete(user, arrete) -> bool:
    """Un arrêté se modifie (annexe, dates) par un gestionnaire du siège tant qu'il est en projet."""
    return can_manage_arretes(user) and arrete.statut == ArreteStatut.PROJET


def can_comment_arrete(user) -> bool:
    """Les agents du siège et des délégations départementales peuvent commenter un arrêté."""
    return get_scope(user).is_ars


def can_manage_documents(user) -> bool:
    """Seuls les gestionnaires du siège de l'ARS déposent et suppriment les documents d'un arrêté,
    quel que soit son statut (l'arrêté signé se dépose après la signature)."""
    return can_manage_arretes(user)


def can_download_document(user, document) -> bool:
    """Les agents de l'ARS téléchargent tous les documents d'un arrêté ; tout le monde, sans connexion,
    télécharge l'arrêté signé d'un arrêté publié (en vigueur, remplacé ou abrogé : c'est un acte public).
    Les projets, annexes, avis et concertations ne sont jamais publics."""
    return can_view_arretes(user) or document.is_public


def can_view_scenarios(user) -> bool:
    """Le simulateur de zonage prépare le prochain arrêté : ses scénarios sont consultés par les agents du siège,
    pour leur région. Les délégations départementales et les autres personnes ne les voient pas."""
    return get_scope(user).is_siege


def can_manage_scenarios(user) -> bool:
    """Créer, modifier, copier, optimiser un scénario et le proposer comme projet d'arrêté : gestionnaires du siège
    (comme les arrêtés eux-mêmes)."""
    return is_siege_gestionnaire(user)
