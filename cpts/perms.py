"""CPTS and MSP rules, built on comptes and instruction predicates."""

from comptes.perms import can_edit_for_organisation, get_scope, is_ars_agent_for, role_in


def filing_organisations(user) -> list[int]:
    """Les organisations porteuses pour lesquelles l'utilisateur peut déposer une lettre d'intention
    de CPTS (rôle « saisie » ou « gestionnaire »)."""
    return [org_id for org_id in get_scope(user).porteur_ids if can_edit_for_organisation(user, org_id)]


def can_file_lettre(user) -> bool:
    """Une lettre d'intention de CPTS est déposée par un membre « saisie » ou « gestionnaire »
    d'une organisation porteuse ; le rôle « lecture » ne permet que de consulter."""
    return bool(filing_organisations(user))


def can_list_own_lettres(user) -> bool:
    """Les membres d'une organisation porteuse, quel que soit leur rôle, consultent ses lettres d'intention."""
    return bool(get_scope(user).porteur_ids)


def can_instruct_cpts(user) -> bool:
    """Les listes d'instruction des lettres d'intention de CPTS sont ouvertes aux agents de l'ARS."""
    return get_scope(user).is_ars


def can_co_instruct_cpts(user) -> bool:
    """La liste des lettres d'intention en co-instruction est ouverte aux membres des partenaires
    institutionnels (Assurance maladie, URPS…) ; elle ne montre que les dossiers où leur organisation est invitée."""
    return bool(get_scope(user).partenaire_ids)


def can_view_registre(user) -> bool:
    """Les registres des CPTS et des MSP sont ouverts à l'ARS, au comité d'évaluation (lecture seule)
    et aux porteurs (leurs seules structures)."""
    scope = get_scope(user)
    return scope.is_ars or scope.is_comite or bool(scope.porteur_ids)


def can_manage_cpts(user, cpts) -> bool:
    """Les étapes d'une CPTS (lettre validée, projet de santé, signature de l'ACI, avenants, abandon),
    les dates des missions et l'atteinte des indicateurs sont enregistrées par la délégation du
    département de la CPTS ou par le siège."""
    return is_ars_agent_for(user, cpts.departement_id)


def can_view_financement(user, cpts) -> bool:
    """Le relevé de financement d'une CPTS est visible de l'ARS compétente et des membres de
    l'organisation porteuse."""
    return can_manage_cpts(user, cpts) or role_in(user, cpts.porteur_id) is not None


def can_manage_msp(user, structure) -> bool:
    """Les registres des MSP, des centres de santé et des équipes de soins primaires sont tenus par la
    délégation du département de la structure ou par le siège."""
    return is_ars_agent_for(user, structure.departement_id)


def can_create_msp(user) -> bool:
    """Une MSP, un centre de santé ou une équipe de soins primaires est inscrit au registre par un agent de
    l'ARS (siège ou délégation)."""
    return get_scope(user).is_ars


def managed_departements(user):
    """Les départements où l'agent tient le registre : ceux de sa région pour le siège, les siens pour
    une délégation."""
    from territoires.models import Departement

    return Departement.objects.filter(pk__in=get_scope(user).ars_departement_ids).order_by("code")


def can_register_cpts(user) -> bool:
    """Une CPTS en émergence est inscrite au registre par un agent de l'ARS (siège ou délégation)."""
    return get_scope(user).is_ars


def can_file_projet(user, cpts) -> bool:
    """Le projet de santé d'une CPTS est rédigé et déposé en ligne par un membre « saisie » ou
    « gestionnaire » de son organisation porteuse (la lecture ne permet que de le consulter)."""
    return can_edit_for_organisation(user, cpts.porteur_id)
