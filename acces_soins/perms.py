"""Who may see and do what in the plan d'accès aux soins and its bilans (built on comptes.perms)."""

from comptes.perms import get_scope, is_ars_agent, is_ars_agent_for, is_siege_agent


def can_view_plan(user) -> bool:
    """Le plan d'accès aux soins, ses mesures et les séances du comité de pilotage sont consultables
    par les agents de l'ARS (siège et délégations) et par les membres du comité d'évaluation."""
    scope = get_scope(user)
    return scope.is_ars or scope.is_comite


def can_edit_plan(user) -> bool:
    """Seuls les agents du siège de l'ARS modifient le plan (statut des mesures, commentaires)
    et tiennent les séances du comité de pilotage ; le comité ne fait que lire."""
    return is_siege_agent(user)


def can_edit_declinaison(user, departement_id: int | None) -> bool:
    """La déclinaison d'une mesure dans un département est renseignée par le siège
    ou par la délégation départementale de ce département."""
    return is_ars_agent_for(user, departement_id)


def can_view_bilans(user) -> bool:
    """Les bilans semestriels (liste, instantané, PDF) sont réservés aux agents de l'ARS
    et aux membres du comité d'évaluation ; toute autre personne reçoit une page introuvable.
    Une délégation ne voit que les bilans régionaux et ceux de son département (voir `visible_to`)."""
    scope = get_scope(user)
    return scope.is_ars or scope.is_comite


def can_request_bilan(user, perimetre=None) -> bool:
    """Un agent de l'ARS demande un bilan : le siège pour la région et tout département,
    une délégation pour son seul département."""
    if not is_ars_agent(user):
        return False
    if perimetre is None:
        return True
    scope = get_scope(user)
    if scope.is_siege:
        return True
    if perimetre.is_region:
        return False
    from territoires.models import Departement

    return Departement.objects.filter(pk__in=scope.departement_ids, code=perimetre.code).exists()
