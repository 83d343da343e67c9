"""Who may see and do what. Every rule is a named predicate with a French docstring.

Views, the API and templates ask these predicates; none of them re-implements a rule.
A user's memberships are read once per request (see `get_scope`).
"""

import inspect
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from comptes.enums import EDITING_ROLES, OrganisationType, Role


def refuse(predicate) -> PermissionDenied:
    """The 403 of a failed predicate, carrying its French rule (its docstring) to the error page:
    `if not can_edit_plan(user): raise refuse(can_edit_plan)` shows « Seuls les agents du siège… »."""
    return PermissionDenied(" ".join((inspect.getdoc(predicate) or "").split()))


@dataclass(frozen=True)
class Scope:
    """What one user's active memberships give access to."""

    roles: dict[int, str] = field(default_factory=dict)  # organisation id -> role
    types: dict[int, str] = field(default_factory=dict)  # organisation id -> organisation type
    region_ids: frozenset[int] = frozenset()  # regions of the ARS siège memberships
    departement_ids: frozenset[int] = frozenset()  # départements of the délégation memberships
    # Where the user acts as an ARS agent: every département of its siège's regions plus its délégations'.
    ars_departement_ids: frozenset[int] = frozenset()
    ars_departement_codes: frozenset[str] = frozenset()
    siege_region_codes: frozenset[str] = frozenset()  # codes of `region_ids`
    ars_region_codes: frozenset[str] = frozenset()  # regions of the siège and of the délégations' départements
    comite_region_codes: frozenset[str] = frozenset()  # the comité's region (the reference region by default)
    memberships: tuple = field(default=(), compare=False)  # the active memberships, with their organisation
    # The régions read with the memberships, by code, each with its `identite` row (the header's regional identity
    # costs no query of its own): the organisations' régions and, for an ARS agent, its départements' régions.
    regions: dict = field(default_factory=dict, compare=False)

    def organisations_of_type(self, *types: str) -> frozenset[int]:
        return frozenset(org_id for org_id, org_type in self.types.items() if org_type in types)

    @property
    def is_siege(self) -> bool:
        return bool(self.organisations_of_type(OrganisationType.ARS_SIEGE))

    @property
    def is_delegation(self) -> bool:
        return bool(self.organisations_of_type(OrganisationType.DELEGATION))

    @property
    def is_ars(self) -> bool:
        return self.is_siege or self.is_delegation

    @property
    def is_comite(self) -> bool:
        return bool(self.organisations_of_type(OrganisationType.COMITE))

    @property
    def is_national(self) -> bool:
        """Member of the ministry (DGOS): reads the national comparison across régions, writes nothing."""
        return bool(self.organisations_of_type(OrganisationType.NATIONAL))

    @property
    def collectivite_ids(self) -> frozenset[int]:
        return self.organisations_of_type(OrganisationType.COLLECTIVITE)

    @property
    def porteur_ids(self) -> frozenset[int]:
        return self.organisations_of_type(OrganisationType.PORTEUR)

    @property
    def partenaire_ids(self) -> frozenset[int]:
        return self.organisations_of_type(OrganisationType.PARTENAIRE)

    @property
    def region_codes(self) -> frozenset[str]:
        """The regions whose programmes the user follows (ARS agent or comité d'évaluation)."""
        return self.ars_region_codes | self.comite_region_codes

    @property
    def persona(self) -> str:
        """The main hat a user wears, for the home page and the navigation."""
        for persona, present in (
            ("siege", self.is_siege),
            ("delegation", self.is_delegation),
            ("comite", self.is_comite),
            ("national", self.is_national),
            ("partenaire", bool(self.partenaire_ids)),
            ("collectivite", bool(self.collectivite_ids)),
            ("porteur", bool(self.porteur_ids)),
        ):
            if present:
                return persona
        return "aucune"


EMPTY_SCOPE = Scope()


def get_scope(user) -> Scope:
    """Read the user's active memberships once and cache the result on the user object."""
    if not getattr(user, "is_authenticated", False):
        return EMPTY_SCOPE
    cached = getattr(user, "_scope_cache", None)
    if cached is not None:
        return cached
    from django.conf import settings
    from django.db.models import Exists, OuterRef, Q

    from comptes.models import Membership, Organisation
    from territoires.models import Departement

    memberships = list(Membership.objects.active().filter(user=user).select_related("organisation__region__identite"))
    roles, types, region_ids, departement_ids = {}, {}, set(), set()
    siege_region_codes, ars_region_codes, comite_region_codes = set(), set(), set()
    delegation_ids = set()
    regions = {}
    for membership in memberships:
        organisation = membership.organisation
        if organisation.region_id:
            regions[organisation.region.code] = organisation.region
        roles[organisation.pk] = membership.role
        types[organisation.pk] = organisation.type
        if organisation.type == OrganisationType.ARS_SIEGE and organisation.region_id:
            region_ids.add(organisation.region_id)
            siege_region_codes.add(organisation.region.code)
        if organisation.type == OrganisationType.DELEGATION:
            delegation_ids.add(organisation.pk)
        if organisation.type == OrganisationType.COMITE:
            comite_region_codes.add(organisation.region.code if organisation.region_id else settings.REFERENCE_REGION)
    ars_departements = {}
    if delegation_ids or region_ids:
        # One query for an ARS agent: the départements of its délégations and of its siège's regions (every page
        # reads the scope, so a second query here would be paid on every page).
        delegated = Organisation.departements.through.objects.filter(
            departement_id=OuterRef("pk"), organisation_id__in=delegation_ids
        )
        # Their régions come with their identity rows: a délégation's header needs no query of its own.
        rows = (
            Departement.objects.annotate(delegue=Exists(delegated))
            .filter(Q(delegue=True) | Q(region_id__in=region_ids))
            .select_related("region__identite")
            .order_by("code")
        )
        for departement in rows:
            ars_departements[departement.pk] = departement.code
            regions.setdefault(departement.region.code, departement.region)
            if departement.delegue:
                departement_ids.add(departement.pk)
                ars_region_codes.add(departement.region.code)
    scope = Scope(
        roles,
        types,
        frozenset(region_ids),
        frozenset(departement_ids),
        ars_departement_ids=frozenset(ars_departements),
        ars_departement_codes=frozenset(ars_departements.values()),
        siege_region_codes=frozenset(siege_region_codes),
        ars_region_codes=frozenset(siege_region_codes | ars_region_codes),
        comite_region_codes=frozenset(comite_region_codes),
        memberships=tuple(memberships),
        regions=regions,
    )
    user._scope_cache = scope
    return scope


def role_in(user, organisation_id: int | None) -> str | None:
    """Le rôle de l'utilisateur dans l'organisation (lecture, saisie, gestionnaire), ou aucun."""
    return get_scope(user).roles.get(organisation_id)


def is_ars_agent(user) -> bool:
    """Un agent de l'ARS est membre actif du siège ou d'une délégation départementale."""
    return get_scope(user).is_ars


def is_siege_agent(user) -> bool:
    """Un agent du siège est membre actif de l'organisation « ARS — siège »."""
    return get_scope(user).is_siege


def is_siege_gestionnaire(user) -> bool:
    """Seul un gestionnaire du siège administre les paramètres régionaux et les référentiels."""
    scope = get_scope(user)
    return any(
        scope.roles[org_id] == Role.GESTIONNAIRE for org_id in scope.organisations_of_type(OrganisationType.ARS_SIEGE)
    )


def can_view_national(user) -> bool:
    """Seuls les agents du ministère chargé de la santé (DGOS) consultent la comparaison nationale des régions ;
    ce rôle est en lecture seule."""
    return get_scope(user).is_national


def is_partner_agent(user) -> bool:
    """Un agent partenaire est membre actif d'un partenaire institutionnel (caisse d'Assurance maladie,
    URPS…) : il co-instruit les seuls dossiers auxquels son organisation est invitée."""
    return bool(get_scope(user).partenaire_ids)


def is_ars_agent_for(user, departement_id: int | None) -> bool:
    """Un agent de l'ARS est compétent pour un département :
    - s'il est membre du siège de la région de ce département (jamais d'une autre région) ;
    - ou s'il est membre de la délégation départementale qui couvre ce département.
    """
    return departement_id is not None and departement_id in get_scope(user).ars_departement_ids


def is_ars_agent_of_region(user, region_code: str | None) -> bool:
    """Un agent de l'ARS agit dans une région s'il est membre de son siège ou d'une délégation
    d'un de ses départements ; le siège d'une autre région n'y voit rien."""
    return region_code is not None and region_code in get_scope(user).ars_region_codes


def is_siege_agent_of_region(user, region_code: str | None) -> bool:
    """Un agent du siège d'une région est membre actif du siège de l'ARS de cette région."""
    return region_code is not None and region_code in get_scope(user).siege_region_codes


def is_siege_gestionnaire_of_region(user, region_code: str | None) -> bool:
    """Un gestionnaire du siège administre les paramètres et référentiels de la seule région de son siège."""
    return is_siege_gestionnaire(user) and is_siege_agent_of_region(user, region_code)


def follows_region(user, region_code: str | None) -> bool:
    """Une personne suit les programmes d'une région si elle y est agent de l'ARS (siège ou délégation)
    ou membre du comité d'évaluation de cette région (par défaut, la région de référence du portail)."""
    return region_code is not None and region_code in get_scope(user).region_codes


def can_edit_for_organisation(user, organisation_id: int | None) -> bool:
    """Un membre d'une organisation extérieure (collectivité, porteur) peut saisir pour elle
    s'il y a le rôle « saisie » ou « gestionnaire » ; le rôle « lecture » ne permet que de consulter."""
    return role_in(user, organisation_id) in EDITING_ROLES


def can_view_territoires(user) -> bool:
    """Le référentiel territorial (communes, EPCI, départements) est consultable par toute
    personne connectée : ce sont des données publiques de l'INSEE et de la DGCL."""
    return bool(getattr(user, "is_authenticated", False))


def can_use_totp(user) -> bool:
    """La vérification en deux étapes (code TOTP) est proposée aux agents de l'ARS et aux comptes
    d'administration ; elle est facultative."""
    return bool(getattr(user, "is_staff", False)) or get_scope(user).is_ars


def can_read_audit_log(user) -> bool:
    """Le journal d'audit (connexions, échecs, exports, téléchargements) est consultable par le siège de l'ARS
    de la région de référence, exploitant du portail."""
    from django.conf import settings

    return is_siege_agent_of_region(user, settings.REFERENCE_REGION)


def may_hold_api_token(user) -> bool:
    """Un jeton d'API (accès sans navigateur) n'est valable que pour un compte actif d'agent de l'ARS, de
    membre du comité d'évaluation ou de partenaire institutionnel ; les collectivités et les porteurs
    utilisent l'API par leur session."""
    scope = get_scope(user)
    return bool(getattr(user, "is_active", False)) and (scope.is_ars or scope.is_comite or bool(scope.partenaire_ids))


def can_follow_programmes(user) -> bool:
    """Les tableaux de suivi régionaux sont ouverts aux agents de l'ARS et au comité d'évaluation."""
    scope = get_scope(user)
    return scope.is_ars or scope.is_comite


def user_region_code(user) -> str | None:
    """La région où une personne travaille, lue de ses adhésions : celle de son siège, à défaut celle des
    départements de sa délégation, à défaut celle de son comité d'évaluation ; aucune pour les autres. Les espaces
    régionaux (plan, feuilles de route, comités, indicateurs, campagnes) sont ceux de cette région."""
    scope = get_scope(user)
    for codes in (scope.siege_region_codes, scope.ars_region_codes, scope.comite_region_codes):
        if codes:
            return min(codes)
    return None


def follows_own_region(user) -> bool:
    """Les espaces régionaux du portail (plan d'accès aux soins, feuilles de route, indicateurs) sont ouverts aux
    agents de l'ARS (siège et délégations) et au comité d'évaluation, chacun pour sa propre région : le siège
    d'une région ne voit rien d'une autre."""
    return user_region_code(user) is not None
