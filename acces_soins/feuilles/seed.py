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

# The catalogue of solutions is Hauts-de-France's (region 32): what ARS Hauts-de-France retained after the CNR
# santé of late 2022. Other régions see it as « inspiration d'une autre région », never as their own catalogue.
# Only the words of the source are kept: the actions it names among « les actions emblématiques de ces plans
# d'actions ». The article gives no description of them and assigns none of them to one of its four themes.
CATALOGUE_REGION_CODE = "32"
CATALOGUE_DOCUMENT = "hdf-cnr-plans-actions"  # a Source of the référentiel (referentiel/data/sources.toml)
THEME_NOTE = "thème : classement de l'équipe, l'article ne rattache pas chaque action à l'un de ses quatre thèmes"

# (ordre, libellé, thème, passage of the source)
CATALOGUE = [
    (
        1,
        "Mettre en œuvre le guichet unique d'accueil et d'accompagnement des professionnels de santé",
        "acces_professionnels",
        "« mettre en œuvre le guichet unique d'accueil et d'accompagnement des professionnels de santé »",
    ),
    (
        2,
        "Démonstrateur de solutions en faveur de l'attractivité des professions de santé en territoire fragile",
        "attractivite",
        "« faire du projet Les Chartriers à Valenciennes un démonstrateur de solutions en faveur de l'attractivité "
        "des professions de santé en territoire fragile »",
    ),
    (
        3,
        "Développer la filière d'excellence (ou cordées de la réussite)",
        "attractivite",
        "« développer la filière d'excellence (ou cordées de la réussite) »",
    ),
    (
        4,
        "Généraliser à toutes les maternités le programme régional d'accompagnement à l'arrêt du tabac et autres "
        "substances",
        "prevention",
        "« généraliser à toutes les maternités le programme régional d'accompagnement à l'arrêt du tabac et autres "
        "substances »",
    ),
    (
        5,
        "Expérimenter la médiation en santé en milieu rural-semi urbain",
        "prevention",
        "« expérimenter la médiation en santé en milieu rural-semi urbain et les ambassadeurs en santé mentale »",
    ),
    (
        6,
        "Expérimenter les ambassadeurs en santé mentale",
        "prevention",
        "« expérimenter la médiation en santé en milieu rural-semi urbain et les ambassadeurs en santé mentale »",
    ),
]


def catalogue_source(passage: str) -> str:
    """What a seeded solution says of its source (its document is linked separately): the passage, and that the
    theme is our classification."""
    return f"{passage} — {THEME_NOTE}"
