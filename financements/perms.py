"""Who may see and do what on the funding ledger (built on comptes.perms)."""

from comptes.enums import EDITING_ROLES, OrganisationType
from comptes.perms import get_scope, is_siege_gestionnaire


def _ars_editing(user) -> bool:
    scope = get_scope(user)
    ars = scope.organisations_of_type(OrganisationType.ARS_SIEGE, OrganisationType.DELEGATION)
    return any(scope.roles[org_id] in EDITING_ROLES for org_id in ars)


def can_view_totaux(user) -> bool:
    """Le tableau de bord des financements (totaux) est ouvert aux agents de l'ARS et au comité
    d'évaluation, qui le consulte en lecture seule."""
    scope = get_scope(user)
    return scope.is_ars or scope.is_comite


def can_view_financements(user) -> bool:
    """Les enveloppes, engagements et versements sont consultés par les agents de l'ARS : le siège
    voit ceux de sa région, une délégation les enveloppes ouvertes à son département et ses engagements."""
    return get_scope(user).is_ars


def can_manage_enveloppes(user) -> bool:
    """Seul un gestionnaire du siège crée ou modifie une enveloppe (montant, départements ouverts)."""
    return is_siege_gestionnaire(user)


def can_engager(user, departement_id: int | None = None) -> bool:
    """Un agent de l'ARS (rôle « saisie » ou « gestionnaire ») engage des crédits :
    - au siège, pour tout département de sa région ;
    - en délégation, pour les bénéficiaires de son département seulement."""
    if not _ars_editing(user):
        return False
    return departement_id is None or departement_id in get_scope(user).ars_departement_ids
