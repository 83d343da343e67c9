"""GeoJSON of the CPTS/MSP map: CPTS territories (one colour per CPTS) and MSP sites (points)."""

from cpts.enums import Etape
from territoires.enums import ContourLevel
from territoires.models import Contour

# Colour-blind-friendly qualitative palette (Okabe–Ito, then Tableau).
PALETTE = [
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#8C564B",
    "#BCBD22",
    "#17BECF",
    "#7F7F7F",
    "#1F77B4",
]
MSP_COLOUR = "#000091"


def _centroid(geometry: dict) -> tuple[float, float] | None:
    """Mean of the outer ring's vertices (good enough to place a marker in a commune)."""
    coordinates = geometry.get("coordinates") or []
    if geometry.get("type") == "MultiPolygon":
        coordinates = max(coordinates, key=lambda polygon: len(polygon[0]), default=[])
    ring = coordinates[0] if coordinates else []
    if not ring:
        return None
    return sum(point[0] for point in ring) / len(ring), sum(point[1] for point in ring) / len(ring)


def colour_of(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def carte_geojson(*, cpts_queryset, msp_queryset, centre_queryset=None) -> dict:
    """Features: one polygon per (CPTS, commune) coloured per CPTS, one point per MSP site and per centre de santé."""
    cpts_list = list(cpts_queryset.exclude(etape=Etape.ABANDONNEE).prefetch_related("communes").order_by("nom", "pk"))
    msp_list = list(msp_queryset.prefetch_related("sites__commune"))
    centres = list(centre_queryset.select_related("commune")) if centre_queryset is not None else []
    codes = {commune.code_insee for cpts in cpts_list for commune in cpts.communes.all()}
    codes |= {site.commune.code_insee for msp in msp_list for site in msp.sites.all()}
    codes |= {centre.commune.code_insee for centre in centres if centre.commune_id}
    contours = dict(Contour.objects.filter(level=ContourLevel.COMMUNE, code__in=codes).values_list("code", "geometry"))
    features = []
    for index, cpts in enumerate(cpts_list):
        for commune in cpts.communes.all():
            if commune.code_insee in contours:
                features.append(
                    {
                        "type": "Feature",
                        "geometry": contours[commune.code_insee],
                        "properties": {
                            "nom": cpts.nom,
                            "commune": commune.nom,
                            "etape": cpts.get_etape_display(),
                            "population": cpts.population,
                            "couleur": colour_of(index),
                        },
                    }
                )
    points = []
    for msp in msp_list:
        for site in msp.sites.all():
            if site.latitude is not None and site.longitude is not None:
                point = (float(site.longitude), float(site.latitude))
            else:
                point = _centroid(contours.get(site.commune.code_insee, {}))
            points.append((point, msp.nom, site.commune.nom, "Maison de santé pluriprofessionnelle"))
    for centre in centres:
        if centre.commune_id:
            point = _centroid(contours.get(centre.commune.code_insee, {}))
            points.append((point, centre.nom, centre.commune.nom, centre.get_sous_type_display() or "Centre de santé"))
    for point, nom, commune, kind in points:
        if point:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": list(point)},
                    "properties": {
                        "nom": nom,
                        "commune": commune,
                        "etape": kind,
                        "population": None,
                        "couleur": MSP_COLOUR,
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}
