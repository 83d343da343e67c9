"""The map on which a user picks the communes of a free perimeter, one département at a time.

Server-side SVG projected from the simplified commune contours (`territoires.Contour`), like the zonage maps: one
shape per commune, a keyboard-focusable toggle button (`aria-pressed`) carrying its INSEE code. The codes field of
the form stays the source of truth: `static/js/portrait-carte.js` adds or removes the code of the shape clicked, and
the permalink is the list of codes. A whole region (1 750 communes) would weigh too much on one page: the map is
drawn per département (about 330 communes, 80 kB)."""

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from config.charts import project_paths
from territoires.models import Commune, Departement
from territoires.services import contours_communes

WIDTH = 560
TOLERANCE = 1.2  # pixels: a commune's outline keeps its shape, the page stays light


def departements_de_la_carte(region_code: str | None):
    """The départements a user may draw (those of the page's region), in code order."""
    from zonage.selectors import region_departements

    return region_departements(region_code)


def carte_de_choix(departement: Departement, choisies: Iterable[str]) -> dict:
    """{departement, largeur, hauteur, formes: [{code, nom, chemin, choisie}], sans_contour, choisies}: the communes
    of the département that have a contour, those already in the list marked chosen (two queries)."""
    choisies = set(choisies)
    noms = dict(Commune.objects.filter(departement=departement).values_list("code_insee", "nom"))
    paths, (largeur, hauteur) = project_paths(contours_communes(noms), width=WIDTH, tolerance=TOLERANCE)
    formes = [
        {"code": code, "nom": noms[code], "chemin": paths[code], "choisie": code in choisies}
        for code in sorted(paths, key=lambda code: (noms[code], code))
        if paths[code]
    ]
    return {
        "departement": {"code": departement.code, "nom": departement.nom},
        "largeur": largeur,
        "hauteur": hauteur,
        "formes": formes,
        "sans_contour": len(noms) - len(formes),
        "choisies": [forme for forme in formes if forme["choisie"]],
    }


def carte_de_choix_svg(carte: dict) -> SafeString:
    """The SVG of the map: a group of toggle buttons, one per commune, named by the commune and its code."""
    if not carte["formes"]:
        return mark_safe("")
    departement = carte["departement"]
    title = f"Communes du département {departement['nom']} ({departement['code']})"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="group" class="portrait-carte__svg" '
        f'aria-label="{escape(title)}" width="{carte["largeur"]}" height="{carte["hauteur"]}" '
        f'viewBox="0 0 {carte["largeur"]} {carte["hauteur"]}">'
    ]
    for forme in carte["formes"]:
        label = escape(f"{forme['nom']} ({forme['code']})")
        parts.append(
            f'<path d="{escape(forme["chemin"])}" data-commune="{escape(forme["code"])}" '
            f'data-nom="{escape(forme["nom"])}" role="button" tabindex="0" '
            f'aria-pressed="{"true" if forme["choisie"] else "false"}" aria-label="{label}" fill-rule="evenodd">'
            f"<title>{label}</title></path>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above
