"""Who may do what on a dossier. Every rule is a named predicate with a French docstring."""

from comptes.enums import EDITING_ROLES, OrganisationType, Role
from comptes.perms import can_edit_for_organisation, get_scope, is_ars_agent_for, role_in
from instruction.enums import FINAL_STATES, OPEN_STATES, TRANSITIONS, Acteur, Etat


def is_deposant_member(user, dossier) -> bool:
    """Un membre (quel que soit son rôle) de l'organisation déposante consulte ses dossiers."""
    return role_in(user, dossier.deposant_id) is not None


def participating_organisation_ids(dossier) -> frozenset[int]:
    """The partner organisations invited to co-instruct the dossier (read once per dossier object)."""
    cached = getattr(dossier, "_participant_ids", None)
    if cached is None:
        cached = frozenset(dossier.participations.values_list("organisation_id", flat=True))
        dossier._participant_ids = cached
    return cached


def co_instructing_organisations(user, dossier) -> frozenset[int]:
    """Les organisations partenaires de l'utilisateur invitées à co-instruire ce dossier déposé."""
    partenaire_ids = get_scope(user).partenaire_ids
    if not partenaire_ids or dossier.etat == Etat.BROUILLON:
        return frozenset()
    return partenaire_ids & participating_organisation_ids(dossier)


def is_co_instructor(user, dossier) -> bool:
    """Un membre d'un partenaire institutionnel (Assurance maladie, URPS…) co-instruit un dossier déposé
    auquel son organisation est invitée ; il ne voit aucun autre dossier et aucun brouillon."""
    return bool(co_instructing_organisations(user, dossier))


def can_view_dossier(user, dossier) -> bool:
    """Un dossier est visible :
    - par les membres de l'organisation déposante (brouillons compris) ;
    - une fois déposé, par le siège de l'ARS et la délégation du département d'instruction ;
    - une fois déposé, par les membres des partenaires invités à le co-instruire.
    """
    if is_deposant_member(user, dossier):
        return True
    if dossier.etat == Etat.BROUILLON:
        return False
    return is_ars_agent_for(user, dossier.departement_id) or is_co_instructor(user, dossier)


def can_edit_dossier(user, dossier) -> bool:
    """Un brouillon est modifiable par un membre « saisie » ou « gestionnaire » de l'organisation
    déposante ; le rôle « lecture » ne permet que de consulter. Pendant une demande de complément, les
    parties du dossier que la délégation a ouvertes aux corrections le sont aussi."""
    if dossier.etat == Etat.BROUILLON:
        return can_edit_for_organisation(user, dossier.deposant_id)
    return can_correct_dossier(user, dossier)


def can_correct_dossier(user, dossier) -> bool:
    """Pendant une demande de complément, un membre « saisie » ou « gestionnaire » de l'organisation
    déposante corrige les parties du dossier que la délégation a désignées (ou tout le dossier)."""
    return (
        dossier.etat == Etat.COMPLEMENT_DEMANDE
        and bool(dossier.complement_sections)
        and can_edit_for_organisation(user, dossier.deposant_id)
    )


def filing_organisations(user, kind) -> list[int]:
    """Les organisations (du type qui dépose ce genre de dossier) pour lesquelles l'utilisateur peut
    rédiger et déposer un dossier : rôle « saisie » ou « gestionnaire »."""
    organisations = get_scope(user).organisations_of_type(*kind.deposant_types)
    return sorted(org_id for org_id in organisations if can_edit_for_organisation(user, org_id))


def can_file(user, kind) -> bool:
    """Un dossier est rédigé et déposé par un membre « saisie » ou « gestionnaire » d'une organisation
    du type qui dépose ce genre de dossier (collectivité, porteur de CPTS…) ; la lecture ne fait que consulter."""
    return bool(filing_organisations(user, kind))


def can_list_own_dossiers(user, kind) -> bool:
    """Les membres d'une organisation qui dépose ce genre de dossier, quel que soit leur rôle, consultent
    les dossiers de leur organisation."""
    return bool(get_scope(user).organisations_of_type(*kind.deposant_types))


def can_list_instruction(user) -> bool:
    """Les listes d'instruction sont ouvertes aux agents de l'ARS (siège et délégations) ; chacun n'y voit
    que les dossiers de son périmètre."""
    return get_scope(user).is_ars


def can_list_co_instruction(user) -> bool:
    """La liste des dossiers en co-instruction est ouverte aux membres des partenaires institutionnels
    (Assurance maladie, URPS…) ; elle ne montre que les dossiers où leur organisation est invitée."""
    return bool(get_scope(user).partenaire_ids)


def can_instruct(user, dossier) -> bool:
    """Un dossier déposé est instruit par la délégation de son département ou par le siège."""
    return dossier.etat != Etat.BROUILLON and is_ars_agent_for(user, dossier.departement_id)


def can_transition(user, dossier, to_etat: str) -> bool:
    """Une transition est permise si elle figure dans le circuit d'instruction et si l'utilisateur
    est l'acteur prévu : l'organisation déposante (dépôt, réponse à une demande de complément) ou
    l'ARS compétente (toutes les décisions)."""
    acteur = TRANSITIONS.get((dossier.etat, to_etat))
    if acteur == Acteur.DEPOSANT:
        return can_edit_for_organisation(user, dossier.deposant_id)
    if acteur == Acteur.ARS:
        return can_instruct(user, dossier)
    return False


def can_post_message(user, dossier) -> bool:
    """Les échanges sont ouverts sur un dossier déposé et non clôturé, entre l'ARS compétente et
    les membres « saisie » ou « gestionnaire » de l'organisation déposante."""
    if dossier.etat == Etat.BROUILLON or dossier.etat in FINAL_STATES:
        return False
    return can_instruct(user, dossier) or can_edit_for_organisation(user, dossier.deposant_id)


def can_view_annotations(user, dossier) -> bool:
    """Les annotations internes sont les notes de l'équipe d'instruction : agents de l'ARS compétents
    et membres des partenaires invités à co-instruire ; jamais de l'organisation déposante."""
    return can_instruct(user, dossier) or is_co_instructor(user, dossier)


can_annotate = can_view_annotations


def can_view_co_instruction(user, dossier) -> bool:
    """Les partenaires invités et leurs avis sont visibles de l'équipe d'instruction (ARS compétente,
    partenaires invités), jamais de l'organisation déposante."""
    return can_view_annotations(user, dossier)


def can_manage_participations(user, dossier) -> bool:
    """Seule l'ARS compétente (délégation du département ou siège) invite ou retire un partenaire,
    tant que le dossier est en cours d'instruction."""
    return dossier.etat in OPEN_STATES and can_instruct(user, dossier)


def avis_organisations(user, dossier) -> list[int]:
    """Les organisations invitées pour lesquelles l'utilisateur peut rendre l'avis (rôle « saisie »
    ou « gestionnaire »)."""
    if dossier.etat not in OPEN_STATES:
        return []
    scope = get_scope(user)
    own = co_instructing_organisations(user, dossier)
    return sorted(org_id for org_id in own if scope.roles[org_id] in EDITING_ROLES)


def can_give_avis(user, dossier) -> bool:
    """Un membre « saisie » ou « gestionnaire » d'un partenaire invité rend (ou modifie) l'avis de son
    organisation tant que le dossier est en cours d'instruction ; le rôle « lecture » ne fait que consulter."""
    return bool(avis_organisations(user, dossier))


def can_assign_referent(user, dossier) -> bool:
    """Le référent est désigné par un gestionnaire de la délégation du département
    ou par un gestionnaire du siège."""
    if not can_instruct(user, dossier):
        return False
    scope = get_scope(user)
    return any(
        scope.roles[org_id] == Role.GESTIONNAIRE
        for org_id in scope.organisations_of_type(OrganisationType.ARS_SIEGE, OrganisationType.DELEGATION)
    )


def can_be_referent(user, dossier) -> bool:
    """Peut être référent tout agent de la délégation du département ou du siège."""
    return is_ars_agent_for(user, dossier.departement_id)
