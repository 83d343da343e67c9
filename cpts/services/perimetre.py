"""CPTS and care structures of any set of communes (portrait de territoire).

Public reading: the CPTS whose ACI is in force (signed contracts) and the structures' register (name, kind, commune,
status). The ARS's reading (`details`): every CPTS not abandoned, with its stage and its missions, and the communes
that two CPTS claim. One query for the CPTS and their missions (a union), one for the structures (MSP sites, centres
de santé and ESP in one union)."""

import datetime

from django.db.models import CharField, DecimalField, F, IntegerField, Value

from cpts.enums import Etape, StatutMsp
from cpts.models import CentreSante, Cpts, EquipeSoinsPrimaires, MissionCpts, SiteMsp

THROUGH = Cpts.communes.through
FIELDS = {
    "id": "cpts_id",
    "public_id": "cpts__public_id",
    "nom": "cpts__nom",
    "etape": "cpts__etape",
    "taille": "cpts__taille",
    "date_aci": "cpts__date_aci",
    "date_fin_aci": "cpts__date_fin_aci",
    "date_abandon": "cpts__date_abandon",
    "population": "cpts__population",
    "departement": "cpts__departement__code",
    "beneficiaire_id": "cpts__beneficiaire_id",
}


def _signee(row: dict, on: datetime.date) -> bool:
    """The ACI is in force on `on` (same reading as `suivi.cpts_coverage`)."""
    return bool(
        row["date_aci"]
        and row["date_aci"] <= on
        and row["date_fin_aci"]
        and row["date_fin_aci"] > on
        and (row["date_abandon"] is None or row["date_abandon"] > on)
    )


def cpts_du_perimetre(commune_ids, *, on: datetime.date, details: bool) -> dict:
    """{cpts: [...], communes_couvertes: {commune ids covered by a signed CPTS}, chevauchements: {commune id: [names]},
    beneficiaires: [ledger record ids]}."""
    rows, missions = _rows(commune_ids, details)
    cpts: dict[int, dict] = {}
    couvertes, par_commune = set(), {}
    for row in rows:
        values = {key: row[field] for key, field in FIELDS.items()}
        item = cpts.setdefault(values["id"], {**values, "communes": 0, "signee": _signee(values, on)})
        item["communes"] += 1
        par_commune.setdefault(row["commune_id"], []).append(values["nom"])
        if item["signee"]:
            couvertes.add(row["commune_id"])
    if not details:
        cpts = {pk: item for pk, item in cpts.items() if item["signee"]}
    for item in cpts.values():
        item["public_id"] = str(item["public_id"])
        item["etape_libelle"] = Etape(item["etape"]).label
        for key in ("date_aci", "date_fin_aci", "date_abandon"):
            item[key] = item[key].isoformat() if item[key] else None
        item["missions"] = []
    for cpts_id, _ordre, libelle, dates in sorted(missions, key=lambda mission: mission[:3]):
        mission = MissionCpts(**dict(zip(MISSION_DATES, dates, strict=True)))
        cpts[cpts_id]["missions"].append({"libelle": libelle, "statut": mission.statut(on).label})
    return {
        "cpts": sorted(cpts.values(), key=lambda item: item["nom"]),
        "communes_couvertes": couvertes,
        "chevauchements": {pk: sorted(names) for pk, names in par_commune.items() if len(names) > 1} if details else {},
        "beneficiaires": [item["beneficiaire_id"] for item in cpts.values() if item["beneficiaire_id"] and details],
    }


MISSION_DATES = ("echeance_demarrage", "echeance_deploiement", "date_demarrage", "date_deploiement")
MISSION_FIELDS = {"ordre": "mission__ordre", "libelle": "mission__libelle"} | {date: date for date in MISSION_DATES}


def _rows(commune_ids, details: bool) -> tuple[list[dict], list[tuple]]:
    """The CPTS of the communes, one row per (commune, CPTS), and with the details their missions (cpts id, order,
    label, dates), in one query: the union of both, each row naming its kind, the other's columns empty."""
    touching = THROUGH.objects.filter(commune_id__in=list(commune_ids)).exclude(cpts__etape=Etape.ABANDONNEE)
    empty = {name: _constant(None, field) for name, field in _fields(MISSION_FIELDS, MissionCpts).items()}
    rows = touching.annotate(kind=Value("c"), **_columns({"commune": "commune_id", **FIELDS}), **_columns(empty))
    names = ["kind", *_names({"commune": "", **FIELDS}), *_names(MISSION_FIELDS)]
    rows = rows.order_by().values_list(*names)
    if details:
        none = {name: _constant(None, field) for name, field in _fields(FIELDS, THROUGH).items() if name != "id"}
        none = {"commune": _constant(None, IntegerField()), "id": "cpts_id", **none}
        missions = MissionCpts.objects.filter(cpts_id__in=touching.values("cpts_id")).annotate(
            kind=Value("m"), **_columns(none), **_columns(MISSION_FIELDS)
        )
        missions = missions.order_by().values_list(*names)
        rows = rows.union(missions, all=True)
    found, missions_found = [], []
    for row in rows:
        values = dict(zip(names, row, strict=True))
        if values["kind"] == "m":
            dates = tuple(values[f"c_{date}"] for date in MISSION_DATES)
            missions_found.append((values["c_id"], values["c_ordre"], values["c_libelle"], dates))
        else:
            found.append(
                {"commune_id": values["c_commune"]} | {field: values[f"c_{key}"] for key, field in FIELDS.items()}
            )
    return found, missions_found


def _names(fields: dict) -> list[str]:
    return [f"c_{key}" for key in fields]


def _columns(fields: dict) -> dict:
    return {f"c_{key}": F(field) if isinstance(field, str) else field for key, field in fields.items()}


def _fields(fields: dict, model) -> dict:
    """The model field behind each lookup (for typed empty columns)."""
    result = {}
    for key, lookup in fields.items():
        current = model
        for part in lookup.split("__"):
            field = current._meta.get_field(part)
            current = field.related_model or current
        result[key] = field.target_field if field.is_relation else field
    return result


COLUMNS = ("type", "nom", "commune_id", "statut", "latitude", "longitude", "beneficiaire_id")


def _constant(value, field):
    return Value(value, output_field=field)


def structures_du_perimetre(commune_ids, *, voisines=()) -> list[dict]:
    """MSP (each site), centres de santé and ESP whose commune is in the perimeter or touches it. One query (a union
    whose columns have the same types on PostgreSQL)."""
    ids = list(commune_ids) + list(voisines)
    no_coordinate = _constant(None, DecimalField(max_digits=8, decimal_places=5))
    msp = SiteMsp.objects.filter(commune_id__in=ids).order_by().values_list(
        _constant("msp", CharField()), "msp__nom", "commune_id", "msp__statut", "latitude", "longitude",
        "msp__beneficiaire_id",
    )  # fmt: skip
    centres = CentreSante.objects.filter(commune_id__in=ids).order_by().values_list(
        _constant("centre", CharField()), "nom", "commune_id", "statut", no_coordinate, no_coordinate,
        "beneficiaire_id",
    )  # fmt: skip
    esp = EquipeSoinsPrimaires.objects.filter(commune_id__in=ids).order_by().values_list(
        _constant("esp", CharField()), "nom", "commune_id", "statut", no_coordinate, no_coordinate,
        _constant(None, IntegerField()),
    )  # fmt: skip
    inside = set(commune_ids)
    result = []
    for row in msp.union(centres, esp, all=True):
        item = dict(zip(COLUMNS, row, strict=True))
        item["dedans"] = item["commune_id"] in inside
        item["en_fonctionnement"] = item["statut"] == StatutMsp.EN_FONCTIONNEMENT
        item["statut_libelle"] = StatutMsp(item["statut"]).label if item["statut"] else ""
        item["latitude"] = float(item["latitude"]) if item["latitude"] is not None else None
        item["longitude"] = float(item["longitude"]) if item["longitude"] is not None else None
        result.append(item)
    return sorted(result, key=lambda item: (not item["dedans"], item["type"], item["nom"]))


def perimetre_de_la_cpts(public_id, user):
    """(name, communes queryset) of a CPTS the user may see — its own, the ARS's, or any whose ACI is signed —
    else None."""
    from django.db.models import Q

    from territoires.models import Commune

    cpts = (
        Cpts.objects.filter(Q(pk__in=Cpts.objects.visible_to(user)) | Q(date_aci__isnull=False))
        .filter(public_id=public_id)
        .only("pk", "nom")
        .first()
    )
    if cpts is None:
        return None
    return cpts.nom, Commune.objects.filter(cpts=cpts)
