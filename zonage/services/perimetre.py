"""The zonage of any set of communes (portrait de territoire): for each profession, the zone of each commune under
the arrêté in force and under every published version, with the population of each zone and the aids opened.

Only published arrêtés (public acts) are read. A TVS classement covers a commune through the TVS version the arrêté
names (else the commune's current TVS); populations are those of the arrêté's millésime when imported for these
communes, else the current ones (said in `millesime`). A perimeter across two regions reads each commune's zone in
its own region's arrêtés. Four queries whatever the number of communes, professions and versions.
"""

import datetime
from collections import defaultdict

from django.db.models import FilteredRelation, Q

from territoires.services import CommunesPerimetre, tvs_par_version
from zonage.models import ArreteZonage, Classement, ZoneCategorie


def _zone_of(commune, arrete, classes: dict, tvs_versions: dict) -> int | None:
    """The zone id the arrêté gives the commune (by its TVS of the arrêté's version, or directly)."""
    by_commune = classes.get(("commune", arrete.pk, commune.id))
    if by_commune is not None:
        return by_commune
    tvs_id = tvs_versions.get(arrete.version_tvs, {}).get(commune.id) if arrete.version_tvs else commune.tvs_id
    return classes.get(("tvs", arrete.pk, tvs_id)) if tvs_id else None


def _en_vigueur(arrete, on: datetime.date) -> bool:
    return (
        arrete.date_effet is not None and arrete.date_effet <= on and (arrete.date_fin is None or arrete.date_fin >= on)
    )


def zonage_du_perimetre(perimetre: CommunesPerimetre, *, on: datetime.date) -> list[dict]:
    """One dict per profession that has a published arrêté in the perimeter's regions (JSON-ready)."""
    communes = list(perimetre.communes.values())
    region_ids = {commune.region_id for commune in communes}
    arretes = list(
        ArreteZonage.objects.publics()
        .filter(region_id__in=region_ids)
        .select_related("profession")
        .order_by("profession__ordre", "profession_id", "date_effet", "pk")
    )
    if not arretes:
        return []
    tvs_versions = tvs_par_version(perimetre.ids, {arrete.version_tvs for arrete in arretes})
    tvs_ids = {commune.tvs_id for commune in communes if commune.tvs_id} | {
        tvs_id for versions in tvs_versions.values() for tvs_id in versions.values()
    }
    classes = {}
    rows = Classement.objects.filter(arrete__in=[arrete.pk for arrete in arretes]).filter(
        tvs_id__in=tvs_ids
    ) | Classement.objects.filter(arrete__in=[arrete.pk for arrete in arretes], commune_id__in=perimetre.ids)
    for arrete_id, tvs_id, commune_id, zone_id in rows.values_list("arrete_id", "tvs_id", "commune_id", "zone_id"):
        key = ("tvs", arrete_id, tvs_id) if tvs_id else ("commune", arrete_id, commune_id)
        classes[key] = zone_id
    professions = {arrete.profession_id for arrete in arretes}
    # The zones and the aids in force they open, in one query (a zone without aid comes once, with None).
    en_vigueur = (Q(aides__valide_du__isnull=True) | Q(aides__valide_du__lte=on)) & (
        Q(aides__valide_au__isnull=True) | Q(aides__valide_au__gte=on)
    )
    rows = (
        ZoneCategorie.objects.filter(profession_id__in=professions)
        .annotate(aide=FilteredRelation("aides", condition=en_vigueur))
        .order_by("ordre", "pk", "aide__ordre", "aide__code")
        .values("id", "code", "libelle", "couleur", "ordre", "profession_id", "aide__libelle")
    )
    zones: dict[int, dict] = {}
    aides: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        libelle = row.pop("aide__libelle")
        zones.setdefault(row["id"], row)
        if libelle is not None:
            aides[row["id"]].append(libelle)
    by_profession: dict[int, list[ArreteZonage]] = defaultdict(list)
    for arrete in arretes:
        by_profession[arrete.profession_id].append(arrete)
    return [
        _profession(items, communes, perimetre, classes, tvs_versions, zones, aides, on)
        for items in by_profession.values()
    ]


def _repartition(arrete, communes, perimetre, classes, tvs_versions) -> dict:
    mine = [commune for commune in communes if commune.region_id == arrete.region_id]
    par_zone: dict[int | None, list[int]] = defaultdict(list)
    for commune in mine:
        par_zone[_zone_of(commune, arrete, classes, tvs_versions)].append(commune.id)
    millesime = arrete.millesime_population if arrete.millesime_population in perimetre.populations else ""
    return {
        "arrete": arrete,
        "communes": mine,
        "par_zone": par_zone,
        "population": {zone_id: perimetre.population_of(ids, millesime) for zone_id, ids in par_zone.items()},
        "millesime": millesime,
    }


def _profession(arretes, communes, perimetre, classes, tvs_versions, zones, aides, on) -> dict:
    profession = arretes[0].profession
    profession_zones = sorted(
        (zone for zone in zones.values() if zone["profession_id"] == profession.pk), key=lambda zone: zone["ordre"]
    )
    current = [arrete for arrete in arretes if _en_vigueur(arrete, on)]
    latest_per_region = {}
    for arrete in current:
        latest_per_region[arrete.region_id] = arrete  # arrêtés are ordered by effect date: the latest wins
    repartitions = [
        _repartition(arrete, communes, perimetre, classes, tvs_versions) for arrete in latest_per_region.values()
    ]
    total = sum(sum(rep["population"].values()) for rep in repartitions)
    par_commune = {}
    for rep in repartitions:
        for zone_id, ids in rep["par_zone"].items():
            for commune_id in ids:
                par_commune[perimetre.communes[commune_id].code_insee] = zones[zone_id]["code"] if zone_id else ""
    zone_rows = []
    for zone in profession_zones:
        population = sum(rep["population"].get(zone["id"], 0) for rep in repartitions)
        nombre = sum(len(rep["par_zone"].get(zone["id"], [])) for rep in repartitions)
        zone_rows.append(
            {
                "code": zone["code"],
                "libelle": zone["libelle"],
                "couleur": zone["couleur"],
                "communes": nombre,
                "population": population,
                "part": population / total * 100 if total else 0.0,
                "aides": aides.get(zone["id"], []),
            }
        )
    historique = []
    for arrete in arretes:
        rep = _repartition(arrete, communes, perimetre, classes, tvs_versions)
        historique.append(
            {
                "reference": arrete.reference,
                "public_id": str(arrete.public_id),
                "date_effet": arrete.date_effet.isoformat() if arrete.date_effet else None,
                "date_fin": arrete.date_fin.isoformat() if arrete.date_fin else None,
                "statut": arrete.get_statut_display(),
                "en_vigueur": arrete in latest_per_region.values(),
                "millesime": rep["millesime"],
                "zones": {zone["code"]: rep["population"].get(zone["id"], 0) for zone in profession_zones},
                "non_classees": rep["population"].get(None, 0),
            }
        )
    return {
        "profession": profession.libelle,
        "code": profession.code,
        "en_vigueur": [
            {
                "reference": rep["arrete"].reference,
                "public_id": str(rep["arrete"].public_id),
                "millesime": rep["millesime"],
            }
            for rep in repartitions
        ],
        "zones": zone_rows,
        "non_classees": sum(len(rep["par_zone"].get(None, [])) for rep in repartitions),
        "population_non_classee": sum(rep["population"].get(None, 0) for rep in repartitions),
        "historique": historique,
        "par_commune": par_commune,
    }
