"""The zonage of any set of communes (portrait de territoire): for each profession, the zone of each commune under
the arrêté in force and under every published version, with the population of each zone and the aids opened.

Only published arrêtés (public acts) are read. A TVS classement covers a commune through the TVS version the arrêté
names (else the commune's current TVS); populations are those of the arrêté's millésime when imported for these
communes, else the current ones (said in `millesime`). A perimeter across two regions reads each commune's zone in
its own region's arrêtés. Two queries whatever the number of communes, professions and versions.
"""

import datetime
from collections import defaultdict

from django.db.models import CharField, F, FilteredRelation, IntegerField, Q, Value

from territoires.models import CommuneTvs
from territoires.services import CommunesPerimetre
from zonage.models import ArreteZonage, Classement, ZoneCategorie

COLUMNS = ("kind", "n1", "n2", "n3", "n4", "s1", "s2", "s3", "s4", "s5")


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
    classes, zones, aides, tvs_versions = _classements_et_zones(arretes, communes, perimetre.ids, on)
    by_profession: dict[int, list[ArreteZonage]] = defaultdict(list)
    for arrete in arretes:
        by_profession[arrete.profession_id].append(arrete)
    return [
        _profession(items, communes, perimetre, classes, tvs_versions, zones, aides, on)
        for items in by_profession.values()
    ]


def _classements_et_zones(arretes, communes, commune_ids, on: datetime.date) -> tuple:
    """The arrêtés' classements of the perimeter ({(kind, arrête id, TVS or commune id): zone id}), the professions'
    zones and the aids in force they open, and the communes' TVS in the TVS versions the arrêtés name ({version:
    {commune id: TVS id}}, as `territoires.services.tvs_par_version`), in one query: the union of the classements,
    of the zones joined to their aids (a zone without aid comes once, with None) and of the versioned TVS. Columns:
    kind, four integers, five texts."""
    text = Value(None, output_field=CharField())
    integer = Value(None, output_field=IntegerField())
    commune_ids = list(commune_ids)
    versions = sorted({arrete.version_tvs for arrete in arretes if arrete.version_tvs})
    versionnees = CommuneTvs.objects.filter(commune_id__in=commune_ids, version__in=versions)
    tvs = Q(tvs_id__in={commune.tvs_id for commune in communes if commune.tvs_id})
    if versions:
        tvs |= Q(tvs_id__in=versionnees.values("tvs_id"))
    classements = (
        Classement.objects.filter(tvs | Q(commune_id__in=commune_ids), arrete__in=[arrete.pk for arrete in arretes])
        .annotate(kind=Value("c"), n1=F("arrete_id"), n2=F("tvs_id"), n3=F("commune_id"), n4=F("zone_id"))
        .annotate(s1=text, s2=text, s3=text, s4=text, s5=text)
        .order_by()
        .values_list(*COLUMNS)
    )
    en_vigueur = (Q(aides__valide_du__isnull=True) | Q(aides__valide_du__lte=on)) & (
        Q(aides__valide_au__isnull=True) | Q(aides__valide_au__gte=on)
    )
    zone_rows = (
        ZoneCategorie.objects.filter(profession_id__in={arrete.profession_id for arrete in arretes})
        .annotate(aide=FilteredRelation("aides", condition=en_vigueur))
        .annotate(kind=Value("z"), n1=F("id"), n2=F("ordre"), n3=F("profession_id"), n4=F("aide__ordre"))
        .annotate(s1=F("code"), s2=F("libelle"), s3=F("couleur"), s4=F("aide__libelle"), s5=F("aide__code"))
        .order_by()
        .values_list(*COLUMNS)
    )
    parts = [zone_rows]
    if versions:
        parts.append(
            versionnees.annotate(kind=Value("v"), n1=F("commune_id"), n2=F("tvs_id"), n3=integer, n4=integer)
            .annotate(s1=F("version"), s2=text, s3=text, s4=text, s5=text)
            .order_by()
            .values_list(*COLUMNS)
        )
    rows = classements.union(*parts, all=True)
    classes: dict[tuple, int] = {}
    zones: dict[int, dict] = {}
    aides: dict[int, list[str]] = defaultdict(list)
    tvs_versions: dict[str, dict[int, int]] = {}
    # zones in their order, then their aids in theirs (ordre, code)
    for kind, n1, n2, n3, n4, s1, s2, s3, s4, _ in rows.order_by("kind", "n2", "n1", "n4", "s5"):
        if kind == "v":
            tvs_versions.setdefault(s1, {})[n1] = n2
            continue
        if kind == "c":
            key = ("tvs", n1, n2) if n2 else ("commune", n1, n3)
            classes[key] = n4
            continue
        zones.setdefault(n1, {"id": n1, "code": s1, "libelle": s2, "couleur": s3, "ordre": n2, "profession_id": n3})
        if s4 is not None:
            aides[n1].append(s4)
    return classes, zones, aides, tvs_versions


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
