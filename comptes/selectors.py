"""Reads about organisations that other apps need without touching the models."""

from comptes.enums import OrganisationType, Role
from comptes.models import Membership, Organisation
from territoires.models import Departement, Region

ARS_PREFIX = "Agence régionale de santé"


def ars_nom(*, region_code: str | None = None, departement_code: str | None = None) -> str:
    """« Agence régionale de santé Centre-Val de Loire » : l'ARS compétente pour une région (ou pour la
    région d'un département), nommée d'après la région de son siège dans les données des organisations,
    à défaut d'après le référentiel des régions."""
    if region_code is None and departement_code is not None:
        region_code = Departement.objects.filter(code=departement_code).values_list("region__code", flat=True).first()
    siege = (
        Organisation.objects.filter(type=OrganisationType.ARS_SIEGE, region__code=region_code)
        .select_related("region")
        .first()
    )
    region = siege.region if siege else Region.objects.filter(code=region_code).first()
    return f"{ARS_PREFIX} {region.nom}" if region else ARS_PREFIX


def access_contacts(user) -> dict:
    """Ce qu'une page « accès refusé » dit de l'utilisateur : ses rôles actuels et qui peut lui donner
    accès, c'est-à-dire les gestionnaires de ses organisations (hors lui-même)."""
    if not user.is_authenticated:
        return {"memberships": [], "gestionnaires": []}
    memberships = list(Membership.objects.active().filter(user=user).select_related("organisation"))
    gestionnaires = (
        Membership.objects.active()
        .filter(organisation__in=[m.organisation_id for m in memberships], role=Role.GESTIONNAIRE)
        .exclude(user=user)
        .select_related("user", "organisation")
        .order_by("organisation__nom", "user__last_name", "user__email")
    )
    return {"memberships": memberships, "gestionnaires": list(gestionnaires)}
