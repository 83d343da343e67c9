"""Reads about organisations that other apps need without touching the models."""

from comptes.enums import OrganisationType
from comptes.models import Organisation
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
