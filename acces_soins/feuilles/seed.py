"""Seed data of the territorial roadmaps, used by the data migration 0005 and by `link_departements`.

Both lists are data, editable afterwards by the siège gestionnaires (admin, catalogue page).
"""

REGION_CODE = "24"

TERRITOIRES_SOURCE = (
    "ARS Centre-Val de Loire : territoires de démocratie sanitaire délimités par arrêté du directeur général "
    "(un territoire par département, chacun doté d'un conseil territorial de santé) — référence de l'arrêté à confirmer"
)

# (code, nom, conseil territorial de santé, codes of the départements covered)
TERRITOIRES_CVL = [
    ("18", "Cher", "Conseil territorial de santé du Cher", ["18"]),
    ("28", "Eure-et-Loir", "Conseil territorial de santé d'Eure-et-Loir", ["28"]),
    ("36", "Indre", "Conseil territorial de santé de l'Indre", ["36"]),
    ("37", "Indre-et-Loire", "Conseil territorial de santé d'Indre-et-Loire", ["37"]),
    ("41", "Loir-et-Cher", "Conseil territorial de santé de Loir-et-Cher", ["41"]),
    ("45", "Loiret", "Conseil territorial de santé du Loiret", ["45"]),
]

CATALOGUE_SOURCE = (
    "ARS Hauts-de-France, « Conseil national de la refondation : un plan d'actions dans chaque territoire "
    "de santé » (solutions retenues après les CNR santé de fin 2022), adaptée en liste régionale"
)

# (ordre, libellé, thème, description, sites exemples) — the solutions the source names explicitly.
CATALOGUE = [
    (
        1,
        "Guichet unique d'accueil et d'accompagnement des professionnels de santé",
        "acces_professionnels",
        "Un point d'entrée unique pour accueillir les professionnels de santé qui s'installent et les "
        "accompagner dans leurs démarches (aides, locaux, exercice coordonné).",
        "",
    ),
    (
        2,
        "Démonstrateur de solutions en faveur de l'attractivité des professions de santé en territoire fragile",
        "attractivite",
        "Faire d'un projet local un démonstrateur des solutions qui rendent un territoire fragile attractif "
        "pour les professionnels de santé.",
        "Projet Les Chartriers, Valenciennes",
    ),
    (
        3,
        "Filière d'excellence (cordées de la réussite) vers les études de santé",
        "attractivite",
        "Accompagner des lycéens du territoire vers les études de santé pour former les professionnels "
        "de demain au plus près des besoins.",
        "",
    ),
    (
        4,
        "Programme d'accompagnement à l'arrêt du tabac et autres substances dans toutes les maternités",
        "prevention",
        "Généraliser à toutes les maternités le programme régional d'accompagnement des femmes enceintes "
        "à l'arrêt du tabac et des autres substances.",
        "",
    ),
    (
        5,
        "Médiation en santé en milieu rural et semi-urbain",
        "prevention",
        "Expérimenter des médiateurs en santé qui vont vers les publics éloignés du soin et de la prévention.",
        "",
    ),
    (
        6,
        "Ambassadeurs en santé mentale",
        "prevention",
        "Expérimenter un réseau d'ambassadeurs formés au repérage et à l'orientation en santé mentale.",
        "",
    ),
]
