"""The map layer of any register: one GeoJSON feature per entry (a point in its commune, or the contours of its
perimeter), drawn by `static/js/choropleth-map.js` like the CPTS and zonage maps."""

from cpts.services.carte import _centroid as centroid  # one geometry helper for every map of points
from registres.display import texte
from territoires.enums import ContourLevel
from territoires.models import Contour

MAX_FEATURES = 2000
# One colour per status (DSFR-compatible, colour-blind friendly): en projet, en cours, suspendu, terminé.
COULEURS = {"projet": "#E69F00", "actif": "#000091", "suspendu": "#D55E00", "termine": "#7F7F7F"}


def carte_geojson(registre, entrees, *, personnels: bool) -> dict:
    """Features of the entries (at most MAX_FEATURES): properties are the list columns, read like on the page."""
    entrees = list(entrees[:MAX_FEATURES])
    codes = set()
    for entree in entrees:
        if entree.commune_id:
            codes.add(entree.commune.code_insee)
        if registre.perimetre:
            codes |= {commune.code_insee for commune in entree.communes.all()}
    contours = dict(Contour.objects.filter(level=ContourLevel.COMMUNE, code__in=codes).values_list("code", "geometry"))
    colonnes = [name for name in registre.colonnes_liste if name in registre.champs_visibles(personnels)]
    features = []
    for entree in entrees:
        properties = {
            "nom": entree.libelle,
            "statut": entree.get_statut_display(),
            "couleur": COULEURS.get(entree.statut, "#000091"),
            **{name: texte(entree, name) for name in colonnes},
        }
        if registre.has_zone:
            properties["zone"] = entree.zone.code if entree.zone_id else "non couverte"
        perimetre = [commune.code_insee for commune in entree.communes.all()] if registre.perimetre else []
        for code in perimetre:
            if code in contours:
                features.append({"type": "Feature", "geometry": contours[code], "properties": properties})
        if entree.commune_id and entree.commune.code_insee in contours:
            point = centroid(contours[entree.commune.code_insee])
            if point:
                features.append(
                    {"type": "Feature", "geometry": {"type": "Point", "coordinates": point}, "properties": properties}
                )
    return {"type": "FeatureCollection", "features": features}


def details(registre, *, personnels: bool) -> list[str]:
    """The `data-details` of the map element: « field:Label » for each property of the popups."""
    colonnes = [name for name in registre.colonnes_liste if name in registre.champs_visibles(personnels)]
    items = ["statut:Statut"] + [f"{name}:{registre.label(name)}" for name in colonnes]
    if registre.has_zone:
        items.append("zone:Zone à la date")
    return items
