"""Read helpers shared by the public pages, the map and the API."""

from django.conf import settings

from territoires.enums import ContourLevel
from territoires.models import Commune, Contour, Departement
from zonage.enums import Granularite
from zonage.models import ArreteZonage, Classement

SEARCH_LIMIT = 20


def search_communes(query: str):
    """Communes of the reference region matching a name or a postal code, accent-insensitive."""
    if not query or not query.strip():
        return Commune.objects.none()
    return (
        Commune.objects.filter(departement__region__code=settings.REFERENCE_REGION)
        .search(query)
        .select_related("departement")
        .order_by("-population", "nom")[:SEARCH_LIMIT]
    )


def map_arretes(user):
    """Arrêtés a user may show on the map: published ones for everyone, every version for the region's ARS agents."""
    return (
        ArreteZonage.objects.publics_or_visible_to(user)
        .filter(region__code=settings.REFERENCE_REGION)
        .select_related("profession")
        .order_by("profession__ordre", "-date_effet", "-pk")
    )


def region_departements():
    return Departement.objects.filter(region__code=settings.REFERENCE_REGION).order_by("code")


def map_communes(arrete, *, departement: Departement | None = None) -> list[dict]:
    """One dict per commune of the region (or département) with the zone the arrêté gives it (two queries)."""
    by_tvs = arrete.profession.granularite == Granularite.TVS
    zones = {}
    for row in Classement.objects.filter(arrete=arrete).select_related("zone"):
        zones[row.tvs_id if by_tvs else row.commune_id] = row.zone
    communes = Commune.objects.filter(departement__region_id=arrete.region_id)
    if departement is not None:
        communes = communes.filter(departement=departement)
    result = []
    for commune in communes.select_related("tvs", "departement").order_by("nom", "code_insee"):
        zone = zones.get(commune.tvs_id if by_tvs else commune.pk)
        result.append(
            {
                "code": commune.code_insee,
                "nom": commune.nom,
                "departement": commune.departement.code,
                "population": commune.population,
                "tvs": commune.tvs.nom if commune.tvs else "",
                "zone": zone.code if zone else "",
                "zone_libelle": zone.libelle if zone else "Non classée",
                "couleur": zone.couleur if zone else "#cccccc",
            }
        )
    return result


def commune_contours(codes: list[str]) -> dict[str, dict]:
    contours = Contour.objects.filter(level=ContourLevel.COMMUNE, code__in=codes).values_list("code", "geometry")
    return dict(contours)


def classement_rows_for_api(arrete):
    return (
        Classement.objects.filter(arrete=arrete)
        .select_related("tvs", "commune", "zone")
        .order_by("zone__ordre", "tvs__code", "commune__code_insee", "pk")
    )
