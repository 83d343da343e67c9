"""Who may read the register and adopt a value for a region (built on comptes.perms)."""

from comptes.enums import OrganisationType, Role
from comptes.perms import get_scope, is_siege_gestionnaire


def can_view_referentiel(user) -> bool:
    """Le référentiel des règles et valeurs est consulté par les agents de l'ARS (siège et délégations)
    et par le comité d'évaluation : chaque chiffre y montre sa région, ses dates et sa source."""
    scope = get_scope(user)
    return scope.is_ars or scope.is_comite


def can_adopt_parametre(user) -> bool:
    """Seul un gestionnaire du siège adopte une valeur pour sa région, avec la source de cette décision."""
    return is_siege_gestionnaire(user)


def adopting_region_codes(user) -> list[str]:
    """The regions for which the user may adopt a value: those of the sièges where they are gestionnaire
    (never a region where they only read)."""
    from comptes.models import Organisation

    if not can_adopt_parametre(user):
        return []
    scope = get_scope(user)
    sieges = [
        org_id
        for org_id in scope.organisations_of_type(OrganisationType.ARS_SIEGE)
        if scope.roles[org_id] == Role.GESTIONNAIRE
    ]
    return list(
        Organisation.objects.filter(pk__in=sieges, region__isnull=False)
        .order_by("region__code")
        .values_list("region__code", flat=True)
        .distinct()
    )
