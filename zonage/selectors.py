"""Read helpers shared by the public pages, the map and the API."""

from django.db.models import Prefetch

from territoires.enums import ContourLevel
from territoires.models import Commune, CommuneTvs, Contour, Departement
from zonage.enums import Granularite
from zonage.models import Aide, ArreteZonage, Classement

SEARCH_LIMIT = 20


def search_communes(query: str):
    """Communes of every region matching a name or a postal code, accent-insensitive, most populated first (each
    commune's page reads its region from the commune). Not capped: the caller pages or cuts it and says so
    (`SEARCH_LIMIT`)."""
    if not query or not query.strip():
        return Commune.objects.none()
    return Commune.objects.search(query).select_related("departement").order_by("-population", "nom")


def filter_map_rows(rows: list[dict], query: str) -> list[dict]:
    """The map rows (see `map_communes`) of the communes a search matches: name, INSEE code or postal code."""
    codes = set(search_communes(query).values_list("code_insee", flat=True))
    return [row for row in rows if row["code"] in codes]


def aides_en_vigueur(on):
    """Prefetch of each zone's aids in force on `on`, in display order."""
    return Prefetch("aides", queryset=Aide.objects.en_vigueur(on=on).order_by("ordre", "code"))


def map_arretes(user, region_code: str | None):
    """Arrêtés of a region a user may show on the map: published ones for everyone, every version for the region's
    ARS agents."""
    return (
        ArreteZonage.objects.publics_or_visible_to(user)
        .filter(region__code=region_code)
        .select_related("profession")
        .order_by("profession__ordre", "-date_effet", "-pk")
    )


def region_departements(region_code: str | None):
    return Departement.objects.filter(region__code=region_code).order_by("code")


def _tvs_of_communes(arrete) -> dict[int, tuple[int, str]] | None:
    """{commune id: (TVS id, TVS name)} in the TVS version the arrêté names; None when it names none (current TVS)."""
    if not arrete.version_tvs:
        return None
    rows = CommuneTvs.objects.filter(version=arrete.version_tvs, commune__departement__region_id=arrete.region_id)
    return {
        commune_id: (tvs_id, nom) for commune_id, tvs_id, nom in rows.values_list("commune_id", "tvs_id", "tvs__nom")
    } or None


UNCLASSIFIED = ("", "Non classée", "#cccccc")


def map_communes(arrete, *, departement: Departement | None = None) -> list[dict]:
    """One dict per commune of the region (or département) with the zone the arrêté gives it (two or three
    queries); a TVS classement covers the communes of the TVS version the arrêté names.

    Plain tuples from the database (no model instances): a region has thousands of communes, and the map page and
    its GeoJSON read them all."""
    by_tvs = arrete.profession.granularite == Granularite.TVS
    classements = Classement.objects.filter(arrete=arrete).values_list(
        "tvs_id" if by_tvs else "commune_id", "zone__code", "zone__libelle", "zone__couleur"
    )
    zones = {key: (code, libelle, couleur) for key, code, libelle, couleur in classements}
    versioned = _tvs_of_communes(arrete) if by_tvs else None
    communes = Commune.objects.filter(departement__region_id=arrete.region_id)
    if departement is not None:
        communes = communes.filter(departement=departement)
    columns = ("pk", "code_insee", "nom", "departement__code", "population", "tvs_id", "tvs__nom")
    result = []
    for pk, code, nom, departement_code, population, tvs_id, tvs_nom in communes.order_by(
        "nom", "code_insee"
    ).values_list(*columns):
        if versioned is not None:
            tvs_id, tvs_nom = versioned.get(pk, (None, None))
        zone_code, zone_libelle, couleur = zones.get(tvs_id if by_tvs else pk, UNCLASSIFIED) or UNCLASSIFIED
        result.append(
            {
                "code": code,
                "nom": nom,
                "departement": departement_code,
                "population": population,
                "tvs": tvs_nom or "",
                "zone": zone_code,
                "zone_libelle": zone_libelle,
                "couleur": couleur,
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
