"""Who may read the register and adopt a value for a region (built on comptes.perms)."""

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
    """The regions for which the user may adopt a value: those of their siège memberships."""
    from territoires.models import Region

    if not can_adopt_parametre(user):
        return []
    return list(
        Region.objects.filter(pk__in=get_scope(user).region_ids).order_by("code").values_list("code", flat=True)
    )
