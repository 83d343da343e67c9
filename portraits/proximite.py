"""« Quel territoire de proximité ? »: the grouping of neighbouring EPCI a new CLS could cover, under the minimum
population of a CLS published by the perimeter's region in the référentiel (domain « cls », `seuil_population`).

Rules (decided here, documented in portraits/README.md):
- the region is that of the perimeter's largest population; a region without its own (or a national) row gets no
  grouping: the page says there is no regional rule, with other regions' rows as references only;
- the grouping is made of whole EPCI (a CLS is signed at EPCI scale), starting with the EPCI of the perimeter's
  communes; populations are the EPCI's own (all member communes, inside the region or not);
- two EPCI are neighbours when one of their communes touches one of the other's (`territoires.voisinage`: a shared
  vertex of the imported contours); an EPCI without contours has no neighbour;
- while the grouping does not meet the rule (its value AND operator), one neighbouring EPCI is added: among those
  not already in a CLS in force, the smallest whose population is enough, else the most populated (fewest EPCI),
  ties broken by SIREN. Neighbours already in a CLS in force are listed, never added.
"""

import datetime

from referentiel.services import regle_affichee
from territoires.models import EPCI
from territoires.services import CommunesPerimetre, graphe_epci

SOURCE_VOISINAGE = (
    "Voisinage des communes calculé depuis leurs contours (IGN – Admin Express COG 2018) ; population des EPCI : "
    "toutes leurs communes membres (référentiel territorial du portail)"
)


def _regle(parametre) -> dict:
    source = parametre.source
    return {
        "valeur": parametre.valeur_affichee,
        "a_confirmer": parametre.a_confirmer,
        "region_code": parametre.region_code,
        "source": f"{source.auteur or source.titre}{', ' + source.date_affichee if source.date_affichee else ''}",
        "precision": parametre.source_precision,
    }


def territoire_de_proximite(perimetre: CommunesPerimetre, *, on: datetime.date) -> dict:
    from cls.services.perimetre import epcis_couverts

    regions = perimetre.regions()
    result = {
        "region": regions[0]["nom"] if regions else "",
        "plusieurs_regions": len(regions) > 1,
        "regle": None,
        "references": [],
        "epci": [],
        "ecartes": [],
        "population": 0,
        "atteint": False,
        "message": "",
        "source": SOURCE_VOISINAGE,
    }
    if not regions:
        result["message"] = "Le périmètre ne compte aucune commune."
        return result
    shown = regle_affichee("cls", "seuil_population", region=regions[0]["code"], on=on)
    result["references"] = [_regle(reference) for reference in shown.references]
    parametre = shown.parametre
    if parametre is None or parametre.valeur is None or not parametre.operateur:
        result["message"] = (
            f"Pas de règle régionale publiée pour la population minimale d'un contrat local de santé en "
            f"{result['region']} : le portail ne propose pas de regroupement."
        )
        return result
    result["regle"] = _regle(parametre)
    start = {commune.epci_id for commune in perimetre.communes.values() if commune.epci_id}
    if not start:
        result["message"] = "Les communes du périmètre n'appartiennent à aucun EPCI : aucun regroupement n'est proposé."
        return result
    noeuds, voisins = graphe_epci([row["id"] for row in regions])
    missing = start - set(noeuds)
    populations = {node.id: node.population for node in noeuds.values()}
    names = {node.id: (node.siren, node.nom) for node in noeuds.values()}
    for pk, siren, nom, population in EPCI.objects.filter(pk__in=missing).values_list(
        "pk", "siren", "nom", "population"
    ):
        populations[pk], names[pk] = population, (siren, nom)
    couverts = epcis_couverts(set(noeuds) | start, on=on)
    group = sorted(start, key=lambda pk: names[pk][0])
    population = sum(populations[pk] for pk in group)
    for pk in group:
        reason = "EPCI du périmètre" + (" (déjà couvert par un CLS en vigueur)" if pk in couverts else "")
        result["epci"].append(_row(pk, names, populations, reason))
    ecartes = set()
    while not parametre.satisfait(population):
        frontier = {n for pk in group for n in voisins.get(pk, ()) if n not in group}
        ecartes |= frontier & couverts
        candidates = sorted(frontier - couverts, key=lambda pk: names[pk][0])
        if not candidates:
            break
        sufficient = [pk for pk in candidates if parametre.satisfait(population + populations[pk])]
        if sufficient:
            choice = min(sufficient, key=lambda pk: populations[pk])
            reason = "le plus petit EPCI voisin qui suffit à atteindre la règle"
        else:
            choice = max(candidates, key=lambda pk: populations[pk])
            reason = "l'EPCI voisin le plus peuplé (la règle n'est pas encore atteinte)"
        group.append(choice)
        population += populations[choice]
        result["epci"].append(_row(choice, names, populations, reason))
    result["ecartes"] = [
        _row(pk, names, populations, "déjà couvert par un CLS en vigueur")
        for pk in sorted(ecartes, key=lambda pk: names[pk][0])
    ]
    result["population"] = population
    result["atteint"] = parametre.satisfait(population)
    if result["atteint"] and len(group) == len(start):
        result["message"] = "Les EPCI du périmètre atteignent déjà, seuls, la règle régionale."
    elif not voisins:
        result["message"] = "Aucun voisinage d'EPCI n'est connu (contours des communes non importés)."
    elif not result["atteint"]:
        result["message"] = "Les EPCI voisins disponibles ne suffisent pas à atteindre la règle régionale."
    return result


def _row(pk: int, names: dict, populations: dict, raison: str) -> dict:
    siren, nom = names[pk]
    return {"siren": siren, "nom": nom, "population": populations[pk], "raison": raison}
