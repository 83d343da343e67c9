"""Who may see and do what in the plan d'accès aux soins and its bilans (built on comptes.perms)."""

from comptes.enums import EDITING_ROLES, OrganisationType
from comptes.perms import (
    follows_own_region,
    get_scope,
    is_ars_agent,
    is_ars_agent_for,
    is_siege_agent_of_region,
    is_siege_gestionnaire_of_region,
    user_region_code,
)


def can_view_plan(user) -> bool:
    """Le plan d'accès aux soins d'une région, ses mesures et les séances de son comité de pilotage sont
    consultables par les agents de l'ARS de cette région (siège et délégations) et par les membres de son
    comité d'évaluation ; chacun voit le plan de sa région, le siège d'une autre région n'a pas accès à celui-ci."""
    return follows_own_region(user)


def can_edit_plan(user, region_code: str | None = None) -> bool:
    """Seuls les agents du siège de l'ARS de la région modifient son plan (statut des mesures, commentaires)
    et tiennent les séances de son comité de pilotage ; le comité ne fait que lire."""
    return is_siege_agent_of_region(user, region_code or user_region_code(user))


def can_edit_declinaison(user, departement_id: int | None) -> bool:
    """La déclinaison d'une mesure dans un département est renseignée par le siège
    ou par la délégation départementale de ce département."""
    return is_ars_agent_for(user, departement_id)


def can_view_bilans(user) -> bool:
    """Les bilans semestriels (liste, instantané, PDF) sont réservés aux agents de l'ARS
    et aux membres du comité d'évaluation ; toute autre personne reçoit une page introuvable.
    Chacun ne voit que les bilans de sa région ; une délégation, le bilan régional et ceux de son
    département (voir `visible_to`)."""
    scope = get_scope(user)
    return scope.is_ars or scope.is_comite


def can_request_bilan(user, perimetre=None) -> bool:
    """Un agent de l'ARS demande un bilan : le siège pour sa région et chacun de ses départements,
    une délégation pour son seul département."""
    if not is_ars_agent(user):
        return False
    if perimetre is None:
        return True
    if perimetre.is_region:
        return is_siege_agent_of_region(user, perimetre.code)
    return perimetre.code in get_scope(user).ars_departement_codes


# --- Feuilles de route territoriales ---------------------------------------------------------


def can_view_feuilles(user) -> bool:
    """Les feuilles de route des conseils territoriaux de santé, le catalogue régional et la matrice d'une
    région sont consultables par les agents de l'ARS de cette région (siège et délégations) et par son comité
    d'évaluation ; collectivités, porteurs, personnes sans rattachement et siège d'une autre région n'y ont pas
    accès (page introuvable)."""
    return follows_own_region(user)


def can_manage_catalogue(user, region_code: str | None = None) -> bool:
    """Seuls les gestionnaires du siège modifient le catalogue régional des solutions
    et les territoires de démocratie sanitaire de leur région."""
    return is_siege_gestionnaire_of_region(user, region_code or user_region_code(user))


def can_edit_solution(user, solution) -> bool:
    """Une solution du catalogue se modifie par les gestionnaires du siège, et seulement dans le catalogue de
    leur région : les solutions d'une autre région ne sont qu'une source d'inspiration."""
    return can_manage_catalogue(user, solution.region_code)


def editing_delegation_ids(user) -> frozenset[int]:
    """The délégations where the user may write (role « saisie » or « gestionnaire »)."""
    scope = get_scope(user)
    return frozenset(
        org_id
        for org_id in scope.organisations_of_type(OrganisationType.DELEGATION)
        if scope.roles[org_id] in EDITING_ROLES
    )


def _delegation_editor_for(user, territoire) -> bool:
    editing = editing_delegation_ids(user)
    return bool(editing) and territoire.departements.filter(organisations__in=editing).exists()


def can_edit_feuille(user, territoire) -> bool:
    """La feuille de route d'un territoire et ses actions sont modifiées par la délégation départementale
    d'un département que couvre ce territoire (rôle « saisie » ou « gestionnaire ») et par les gestionnaires
    du siège ; le comité d'évaluation et les autres agents ne font que lire."""
    return is_siege_gestionnaire_of_region(user, territoire.region_code) or _delegation_editor_for(user, territoire)


def can_write_note(user, territoire) -> bool:
    """Les notes d'avancement semestrielles (les « remontées ») sont rédigées par la délégation
    départementale d'un département que couvre le territoire (rôle « saisie » ou « gestionnaire »)."""
    return _delegation_editor_for(user, territoire)


# --- Campagnes de remontées -------------------------------------------------------------------


def campagne_region_codes(user) -> list[str]:
    """The régions whose campaigns the user follows: the siège's région, the région of a délégation's départements;
    never another région's."""
    return sorted(get_scope(user).ars_region_codes)


def can_view_campagnes(user) -> bool:
    """Les campagnes de remontées et leur tableau de complétude sont suivis par le siège de l'ARS (les campagnes de
    sa région) et par les délégations départementales (leur département) ; le siège d'une autre région ne voit pas
    celles-ci ; les contributeurs n'y voient que leurs propres remontées (« Mes remontées »), le comité
    d'évaluation reçoit le bilan gelé."""
    return is_ars_agent(user)


def can_manage_campagne(user, region_code: str | None = None) -> bool:
    """Le siège de l'ARS de la région de la campagne l'ouvre, la gèle à la clôture et consolide les contributions
    validées par les délégations ; le siège d'une autre région n'y a pas accès."""
    return is_siege_agent_of_region(user, region_code or user_region_code(user))


def can_list_remontees(user) -> bool:
    """« Mes remontées » est ouvert à toute personne rattachée à une organisation (contributeurs, délégations,
    siège) ; une personne sans rattachement n'a rien à remonter."""
    return bool(get_scope(user).roles)


def contribution_scope(user):
    """The contributions a user may open (a Q): those of their organisations (any role), those a délégation validates
    (its départements) and, for the siège, every contribution of its région's campaigns."""
    from django.db.models import Q

    scope = get_scope(user)
    if not scope.roles:
        return Q(pk__in=[])
    condition = Q(organisation_id__in=list(scope.roles))
    if scope.is_delegation:
        condition |= Q(departement_id__in=scope.departement_ids)
    if scope.is_siege:
        condition |= Q(campagne__region_code__in=sorted(scope.siege_region_codes))
    return condition


def can_edit_contribution(user, contribution) -> bool:
    """Une contribution est rédigée et transmise par un membre « saisie » ou « gestionnaire » de l'organisation
    contributrice, tant qu'elle est en brouillon ou renvoyée ; la lecture seule ne permet que de la consulter."""
    from acces_soins.enums import ETATS_A_TRANSMETTRE
    from comptes.perms import role_in

    return contribution.etat in ETATS_A_TRANSMETTRE and role_in(user, contribution.organisation_id) in EDITING_ROLES


def is_validator_of(user, contribution) -> bool:
    """La délégation du département de la contribution la valide (ou le siège, pour un contributeur régional)."""
    if contribution.departement_id is None:
        return can_manage_campagne(user, contribution.campagne.region_code)
    return is_ars_agent_for(user, contribution.departement_id)


def can_validate_contribution(user, contribution) -> bool:
    """Une contribution transmise est validée, ou renvoyée avec un motif, par la délégation départementale de son
    département (le siège pour un contributeur régional)."""
    from acces_soins.enums import EtatContribution

    return contribution.etat == EtatContribution.TRANSMISE and is_validator_of(user, contribution)


def can_consolidate_contribution(user, contribution) -> bool:
    """Une contribution validée est consolidée, ou renvoyée avec un motif, par le siège de l'ARS."""
    from acces_soins.enums import EtatContribution

    return contribution.etat == EtatContribution.VALIDEE and can_manage_campagne(
        user, contribution.campagne.region_code
    )


# --- Décisions du comité de pilotage ---------------------------------------------------------


def can_follow_decision(user, decision) -> bool:
    """Le suivi d'une décision (statut, commentaire) est tenu par le siège de l'ARS et par son responsable : la
    personne désignée, ou un membre « saisie » ou « gestionnaire » de l'organisation désignée."""
    from comptes.perms import role_in

    if can_edit_plan(user):
        return True
    if decision.responsable_personne_id and decision.responsable_personne_id == getattr(user, "pk", None):
        return True
    return role_in(user, decision.responsable_organisation_id) in EDITING_ROLES
