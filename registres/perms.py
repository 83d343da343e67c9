"""Who may read and write the registers (built on comptes.perms)."""

from comptes.enums import EDITING_ROLES, OrganisationType
from comptes.perms import get_scope, is_ars_agent_for
from registres.enums import Lecteurs


def _ars_editing(user) -> bool:
    scope = get_scope(user)
    ars = scope.organisations_of_type(OrganisationType.ARS_SIEGE, OrganisationType.DELEGATION)
    return any(scope.roles[org_id] in EDITING_ROLES for org_id in ars)


def can_view_registres(user) -> bool:
    """Les registres sont consultés par les agents de l'ARS (le siège : toute la région ; une délégation : ses
    départements) et par le comité d'évaluation, en lecture seule."""
    scope = get_scope(user)
    return scope.is_ars or scope.is_comite


def can_view_registre(user, registre) -> bool:
    """Un registre est ouvert aux agents de l'ARS ; le comité d'évaluation lit ceux qui ne sont pas réservés à
    l'ARS (le registre des mouvements de médecins l'est : il décrit des personnes)."""
    scope = get_scope(user)
    if scope.is_ars:
        return True
    return scope.is_comite and registre.lecteurs == Lecteurs.ARS_ET_COMITE


def can_view_registres_in(user, *, departement_ids, region_codes) -> bool:
    """Les chiffres des registres d'un territoire (portrait de territoire) sont lus par qui lit les registres de
    tous ses départements (`visible_departements`) : un agent de l'ARS dans les départements où il agit, le comité
    d'évaluation dans sa région."""
    if not can_view_registres(user) or not departement_ids:
        return False
    scope = get_scope(user)
    return set(departement_ids) <= scope.ars_departement_ids or set(region_codes) <= scope.comite_region_codes


def can_edit_registre(user, registre=None, departement_id: int | None = None) -> bool:
    """Un agent de l'ARS au rôle « saisie » ou « gestionnaire » tient les registres : le siège pour toute la
    région, une délégation pour ses départements ; le rôle « lecture » et le comité ne font que consulter."""
    if not _ars_editing(user):
        return False
    return departement_id is None or is_ars_agent_for(user, departement_id)


def can_view_personnels(user, departement_id: int | None) -> bool:
    """Les données personnelles d'un registre (nom, prénom, numéro RPPS, année de naissance) ne sont visibles
    que de la délégation du département concerné et du siège ; chaque lecture est journalisée."""
    return is_ars_agent_for(user, departement_id)


def can_see_personnels(user) -> bool:
    """Les colonnes de données personnelles d'une liste s'affichent aux seuls agents de l'ARS : une liste ne
    contient que les entrées de leur périmètre."""
    return get_scope(user).is_ars


def can_view_bilan_mouvements(user) -> bool:
    """Le solde mensuel des entrées et sorties de médecins (sans aucun nom) est ouvert aux agents de l'ARS et au
    comité d'évaluation."""
    return can_view_registres(user)


def editable_departements(user):
    """Les départements où l'agent tient les registres : ceux de la région pour le siège, les siens pour une
    délégation ; aucun sans rôle de saisie."""
    from territoires.models import Departement

    if not _ars_editing(user):
        return Departement.objects.none()
    return Departement.objects.order_by("code").filter(pk__in=get_scope(user).ars_departement_ids)


def visible_departements(user):
    """Les départements dont l'utilisateur lit les registres (filtres des listes, recherche de communes) : ceux
    où il agit pour l'ARS (la région du siège, les départements d'une délégation) et la région du comité."""
    from django.db.models import Q

    from territoires.models import Departement

    scope = get_scope(user)
    condition = Q(pk__in=scope.ars_departement_ids) | Q(region__code__in=scope.comite_region_codes)
    return Departement.objects.filter(condition).order_by("code")
