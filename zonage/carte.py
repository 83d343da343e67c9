"""Static SVG maps of a zonage classification (consultation file, scenario comparison), from the commune contours.

A map is first computed as JSON-ready data (projected path per commune and its zone), so that a PDF renders from its
frozen snapshot; `carte_svg` draws it with the zone colours of the profession (data: `ZoneCategorie.couleur`)."""

from config.charts import map_svg, project_paths
from territoires.services import contours_communes

NON_CLASSEE = "#dddddd"


def carte_zones(zone_par_commune: dict[str, str], *, noms: dict[str, str] | None = None, width: int = 480) -> dict:
    """{largeur, hauteur, formes: [{code, nom, chemin, zone}]} for the communes that have a contour (one query)."""
    geometries = contours_communes(zone_par_commune)
    paths, (largeur, hauteur) = project_paths(geometries, width=width, tolerance=1.2)
    noms = noms or {}
    return {
        "largeur": largeur,
        "hauteur": hauteur,
        "sans_contour": len(zone_par_commune) - len(paths),
        "formes": [
            {"code": code, "nom": noms.get(code, code), "chemin": paths[code], "zone": zone_par_commune[code]}
            for code in sorted(paths)
        ],
    }


def carte_svg(carte: dict, zones: list[dict], *, title: str):
    """`zones`: [{code, libelle, couleur}] of the profession, in legend order."""
    colours = {zone["code"]: zone["couleur"] for zone in zones}
    labels = {zone["code"]: zone["libelle"] for zone in zones}
    shapes = [
        {
            "chemin": forme["chemin"],
            "couleur": colours.get(forme["zone"], NON_CLASSEE),
            "libelle": f"{forme['nom']} : {labels.get(forme['zone'], 'non classée')}",
        }
        for forme in carte["formes"]
    ]
    present = {forme["zone"] for forme in carte["formes"]}
    legend = [(zone["libelle"], zone["couleur"]) for zone in zones if zone["code"] in present]
    return map_svg(shapes, width=carte["largeur"], height=carte["hauteur"], title=title, legend=legend)
