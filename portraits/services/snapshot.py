"""The portrait de territoire of a perimeter, as JSON-ready data: the page, the PDF and the CSV/XLSX exports render
only this dict. Every block is computed from the portal's data through the service functions of the apps below,
with its source and vintage; the ARS's blocks are computed only for the ARS audience, the registers' figures for
the ARS and the comité d'évaluation.

The same number of queries for every perimeter kind whatever its size (tests/portraits/test_queries.py): 9 for a
visitor (perimeter, communes with their neighbours and contours, populations, zonage in two, structures, CPTS with
their missions, CLS with their fiches counted, the proximity rule), 15 for a siège agent (user, scope, indicators,
registers, funding).
"""

import datetime

from django.utils import timezone

from config.charts import centroid, project
from portraits.enums import Audience
from portraits.perimetres import Perimetre
from portraits.proximite import territoire_de_proximite
from territoires.services import CommunesPerimetre, perimetre_communes

SCHEMA = 1
CONTOURS = "IGN – Admin Express COG 2018, simplifié (france-geojson), Licence Ouverte / Etalab"
STRUCTURE_TYPES = {
    "msp": "Maison de santé pluriprofessionnelle",
    "centre": "Centre de santé",
    "esp": "Équipe de soins primaires",
}
POINT_COLOURS = {"msp": "#000091", "centre": "#c9191e", "esp": "#18753c"}


def _share(population: int, total: int) -> float:
    return population / total * 100 if total else 0.0


def _population(perimetre: CommunesPerimetre) -> dict:
    evolution = perimetre.evolution()
    latest = evolution[-1] if evolution else None
    millesimes = {commune.millesime for commune in perimetre.communes.values()}
    return {
        "total": perimetre.population(),
        "communes": len(perimetre.communes),
        "sans_population": sum(1 for commune in perimetre.communes.values() if commune.population is None),
        "departements": perimetre.par_departement(),
        "regions": [{key: value for key, value in row.items() if key != "id"} for row in perimetre.regions()],
        "evolution": evolution,
        "source": latest["source"]
        if latest
        else "INSEE, populations légales, via le référentiel territorial du portail",
        "millesime": latest["millesime"] if latest else "",
        "cog": ", ".join(sorted(millesimes)),
    }


def _communes_table(perimetre: CommunesPerimetre, zonage: list[dict]) -> list[dict]:
    zones = {row["profession"]: row["par_commune"] for row in zonage}
    return [
        {
            "code": commune.code_insee,
            "nom": commune.nom,
            "departement": commune.departement,
            "epci": commune.epci,
            "population": commune.population,
            "zones": {profession: par_commune.get(commune.code_insee, "") for profession, par_commune in zones.items()},
        }
        for commune in sorted(perimetre.communes.values(), key=lambda commune: (commune.nom, commune.code_insee))
    ]


def _couverture(perimetre: CommunesPerimetre, cls: dict, cpts: dict, structures: list[dict]) -> dict:
    total = perimetre.population()
    msp = {
        item["commune_id"]
        for item in structures
        if item["type"] == "msp" and item["dedans"] and item["en_fonctionnement"]
    }
    sets = {"cls": cls["communes_couvertes"], "cpts": cpts["communes_couvertes"], "msp": msp}
    sets["au_moins_un"] = set().union(*sets.values())
    rows = {}
    for key, ids in sets.items():
        population = perimetre.population_of(ids & set(perimetre.ids))
        rows[key] = {"population": population, "part": _share(population, total), "communes": len(ids)}
    return rows


def _carte(perimetre: CommunesPerimetre, structures: list[dict], names: dict[int, str]) -> dict:
    codes = {commune.code_insee: commune.id for commune in perimetre.communes.values()}
    geometries = perimetre.contours
    points, labels = {}, {}
    for index, item in enumerate(structures):
        if not item["dedans"]:
            continue
        if item["latitude"] is not None and item["longitude"] is not None:
            points[index] = (item["longitude"], item["latitude"])
        else:
            code = perimetre.communes[item["commune_id"]].code_insee
            point = centroid(geometries[code]) if code in geometries else None
            if point:
                points[index] = point
        labels[index] = item
    paths, projected, (largeur, hauteur) = project(geometries, points=points, width=480, tolerance=0.6)
    return {
        "largeur": largeur,
        "hauteur": hauteur,
        "sans_contour": len(codes) - len(geometries),
        "voisines": len(perimetre.voisines),
        "formes": [
            {"code": code, "nom": perimetre.communes[codes[code]].nom, "chemin": paths[code]} for code in sorted(paths)
        ],
        "points": [_point(labels[index], x, y, names) for index, (x, y) in projected.items()],
        "source": f"Contours : {CONTOURS}",
    }


def _point(item: dict, x: float, y: float, names: dict[int, str]) -> dict:
    kind = item["type"]
    return {
        "x": x,
        "y": y,
        "type": kind,
        "libelle": f"{STRUCTURE_TYPES[kind]} : {item['nom']} ({names.get(item['commune_id'], '')})",
        "couleur": POINT_COLOURS[kind],
    }


def _indicateurs(perimetre_obj: Perimetre, perimetre: CommunesPerimetre) -> dict:
    from indicateurs.selectors import valeurs_comparees

    own = None
    if perimetre_obj.kind in ("epci", "departement", "cls", "cpts"):
        own = (perimetre_obj.kind, perimetre_obj.code)
    departements = [(row["code"], row["nom"]) for row in perimetre.par_departement()]
    regions = [(row["code"], row["nom"]) for row in perimetre.regions()]
    columns = (
        ([{"key": f"{own[0]}:{own[1]}", "libelle": "Ce périmètre"}] if own else [])
        + [
            {"key": f"departement:{code}", "libelle": f"{nom} ({code})"}
            for code, nom in departements
            if not own or own != ("departement", code)
        ]
        + [{"key": f"region:{code}", "libelle": nom} for code, nom in regions]
    )
    keys = [tuple(column["key"].split(":", 1)) for column in columns]
    return {
        "colonnes": columns,
        "lignes": valeurs_comparees(keys),
        "niveau_propre": own is not None,
        "source": "Valeurs des indicateurs d'évaluation saisies, importées ou calculées dans le portail "
        "(dernier semestre connu)",
    }


def _registres(perimetre: CommunesPerimetre, registres: list, on: datetime.date) -> dict:
    from registres.services.perimetre import registres_du_perimetre

    departements = sorted({commune.departement_id for commune in perimetre.communes.values()})
    lignes = registres_du_perimetre(registres, perimetre.ids, departements, on=on)
    return {
        "lignes": lignes,
        "total": sum(ligne["entrees"] for ligne in lignes),
        "source": "Registres du plan d'accès aux soins tenus dans le portail : entrées en cours à la date du "
        "portrait dont la commune (ou le périmètre) est dans le périmètre",
    }


def perimetre_ids(perimetre: CommunesPerimetre) -> tuple[list[int], list[int]]:
    """(region ids, département ids) of the perimeter's communes: who may see its ARS blocks depends on them."""
    communes = perimetre.communes.values()
    return sorted({c.region_id for c in communes}), sorted({c.departement_id for c in communes})


def audience_of(user, perimetre: CommunesPerimetre) -> str:
    """The audience whose portrait of these communes the user sees (`portraits.perms.portrait_audience`)."""
    from portraits.perms import portrait_audience

    region_ids, departement_ids = perimetre_ids(perimetre)
    region_codes = {commune.region for commune in perimetre.communes.values()}
    return portrait_audience(user, region_ids=region_ids, departement_ids=departement_ids, region_codes=region_codes)


def _operateur(regions: list[dict], *, pdf: bool) -> str:
    """The agency issuing the portrait, frozen with the figures: the ARS of the perimeter's most populated région.
    The PDF prints the name in that région's identity (`ars_nom`: one query, in the worker); the page, which does not
    print it, names it after the région without a query (`nom_derive`)."""
    from django.conf import settings

    from comptes.selectors import ars_nom, nom_derive

    if not regions:
        return ars_nom(region_code=settings.REFERENCE_REGION)
    if pdf:
        return ars_nom(region_code=regions[0]["code"])
    return nom_derive(regions[0]["nom"])


def portrait_snapshot(
    perimetre_obj: Perimetre,
    *,
    audience: str,
    registres: list | None = None,
    on: datetime.date | None = None,
    perimetre: CommunesPerimetre | None = None,
    pdf: bool = False,
    proximite: bool = True,
) -> dict:
    """Every figure the portrait shows, as JSON-ready data (pure read). `registres`: the registers whose figures it
    shows (`portraits.perms.registres_du_portrait`: none to the public); `perimetre`: its communes, when already
    loaded (the page reads them first to decide the audience); `pdf`: for the PDF, which names the agency issuing
    it (see `_operateur`); `proximite`: False leaves out the « territoire de proximité » (None: the CSV/XLSX exports
    do not show it, and spare its query)."""
    from cls.services.perimetre import cls_du_perimetre
    from cpts.services.perimetre import cpts_du_perimetre, structures_du_perimetre
    from zonage.services.perimetre import zonage_du_perimetre

    on = on or timezone.localdate()
    details = audience == Audience.ARS
    perimetre = perimetre or perimetre_communes(perimetre_obj.communes, voisines=True, contours=True)
    ids = perimetre.ids
    zonage = zonage_du_perimetre(perimetre, on=on)
    structures = structures_du_perimetre(ids, voisines=perimetre.voisines)
    cpts = cpts_du_perimetre(ids, on=on, details=details)
    cls = cls_du_perimetre(ids, on=on, details=details)
    names = {commune.id: commune.nom for commune in perimetre.communes.values()}
    from django.conf import settings

    snapshot = {
        "schema": SCHEMA,
        "operateur": _operateur(perimetre.regions(), pdf=pdf),
        "donnees_fictives": settings.IS_DEMO,
        "date": on.isoformat(),
        "genere_le": timezone.localtime().isoformat(timespec="seconds"),
        "audience": audience,
        "perimetre": {
            "kind": perimetre_obj.kind,
            "kind_libelle": perimetre_obj.kind_libelle,
            "code": perimetre_obj.code,
            "libelle": perimetre_obj.libelle,
            "querystring": perimetre_obj.querystring,
            "inconnus": list(perimetre_obj.inconnus),
        },
        "population": _population(perimetre),
        "communes": _communes_table(perimetre, zonage),
        "zonage": [{key: value for key, value in row.items() if key != "par_commune"} for row in zonage],
        "structures": [
            {**item, "type_libelle": STRUCTURE_TYPES[item["type"]], "commune": names.get(item["commune_id"], "")}
            for item in structures
        ],
        "cpts": {"liste": cpts["cpts"], "source": "Registre des CPTS du portail (étapes, ACI, taille, missions)"},
        "cls": {"liste": cls["contrats"], "source": "Contrats locaux de santé suivis dans le portail"},
        "couverture": _couverture(perimetre, cls, cpts, structures),
        "proximite": territoire_de_proximite(perimetre, on=on) if proximite else None,
        "carte": _carte(perimetre, structures, names),
        "indicateurs": None,
        "registres": None,
        "financements": None,
        "chevauchements": None,
    }
    if registres:
        snapshot["registres"] = _registres(perimetre, registres, on)
    if details:
        from financements.selectors import ressources_par_financeur_et_annee

        beneficiaires = [cls["beneficiaires"], cpts["beneficiaires"]]
        beneficiaires.append(
            [item["beneficiaire_id"] for item in structures if item["dedans"] and item["beneficiaire_id"]]
        )
        snapshot["indicateurs"] = _indicateurs(perimetre_obj, perimetre)
        snapshot["financements"] = {
            "lignes": [
                {**row, **{key: float(row[key]) for key in ("engage", "verse", "cofinance")}}
                for row in ressources_par_financeur_et_annee(beneficiaires=beneficiaires)
            ],
            "source": "Grand livre des financements du portail : engagements de l'ARS (année de l'enveloppe), "
            "versements (année du versement), co-financements (année) des CLS, CPTS, MSP et centres du périmètre",
        }
        snapshot["chevauchements"] = {
            "cpts": [
                {"commune": perimetre.communes[pk].nom, "code": perimetre.communes[pk].code_insee, "cpts": noms}
                for pk, noms in sorted(cpts["chevauchements"].items(), key=lambda item: perimetre.communes[item[0]].nom)
            ],
            "cls_non_alignes": [contrat for contrat in cls["contrats"] if not contrat.get("aligne", True)],
        }
    return snapshot
