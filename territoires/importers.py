"""Import of the territorial referential from open data.

Sources:
- `@etalab/decoupage-administratif` (npm, pinned in package.json): régions, départements,
  communes (INSEE COG, populations légales, postal codes) and EPCI (DGCL membership).
- GeoJSON contours (IGN Admin Express via france-geojson, copied in data/geo/).
- A CSV of territoires de vie-santé (commune code, TVS code, TVS name).

Every import runs in one transaction: it applies whole or not at all. Errors are raised
as `ImportFailed` with a French message (and, for row-based files, every bad row).
"""

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from config.exports import looks_like_formula
from config.typography import fr_number, fr_plural, fr_quantity
from territoires.enums import ContourLevel, TvsSource
from territoires.models import (
    EPCI,
    Commune,
    CommuneEpci,
    CommuneTvs,
    Contour,
    Departement,
    ImportRun,
    PopulationCommune,
    Region,
    TerritoireVieSante,
)
from territoires.regions import derive_regions

BATCH_SIZE = 2000
Progress = Callable[[str], None]


class ImportFailed(Exception):
    """An import that cannot be applied. `errors` lists every problem found."""

    def __init__(self, message: str, errors: Iterable[str] = ()):
        self.errors = list(errors)
        super().__init__(message)


@dataclass
class SyncCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"créés": self.created, "mis à jour": self.updated, "inchangés": self.unchanged}


@dataclass
class ImportReport:
    counts: dict[str, SyncCounts] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _noop(_message: str) -> None:
    pass


def sync_rows(model, key: str, rows: dict[str, dict], *, prepare=None) -> SyncCounts:
    """Create or update `model` rows keyed by `key` so that they hold `rows`' values.

    Compares field by field to count unchanged rows, and writes with bulk operations.
    `prepare(instance)` runs on every new or changed instance before writing (derived fields).
    """
    counts = SyncCounts()
    existing = model.objects.in_bulk(list(rows), field_name=key)
    to_create, to_update = [], []
    fields = sorted({name for values in rows.values() for name in values})
    for code, values in rows.items():
        instance = existing.get(code)
        if instance is None:
            instance = model(**{key: code}, **values)
            if prepare:
                prepare(instance)
            to_create.append(instance)
            continue
        if all(getattr(instance, name) == value for name, value in values.items()):
            counts.unchanged += 1
            continue
        for name, value in values.items():
            setattr(instance, name, value)
        if prepare:
            prepare(instance)
        to_update.append(instance)
    model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        update_fields = fields + (["search_text"] if hasattr(model, "search_text") else [])
        model.objects.bulk_update(to_update, update_fields, batch_size=BATCH_SIZE)
    counts.created, counts.updated = len(to_create), len(to_update)
    return counts


def _set_search_text(instance) -> None:
    if isinstance(instance, Commune):
        instance.search_text = instance.build_search_text()
    else:
        from territoires.text import normalize

        instance.search_text = normalize(instance.nom)


# --- Communes, EPCI, départements, régions ---------------------------------------------

REQUIRED_KEYS = {
    "regions.json": {"code", "nom"},
    "departements.json": {"code", "nom", "region"},
    "communes.json": {"code", "nom", "type"},
    "epci.json": {"code", "nom", "type", "membres"},
}


def _read_json_list(path: Path) -> list[dict]:
    if not path.is_file():
        raise ImportFailed(f"Fichier source introuvable : {path}. Lancez « npm ci » pour installer les données.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFailed(f"Fichier source illisible (JSON invalide) : {path} — {exc}") from exc
    required = REQUIRED_KEYS[path.name]
    if not isinstance(data, list) or not all(isinstance(row, dict) and required <= row.keys() for row in data):
        raise ImportFailed(
            f"Fichier source inattendu : {path} doit être une liste d'objets "
            f"ayant les champs {', '.join(sorted(required))}."
        )
    return data


def package_version(source_dir: Path) -> str:
    try:
        return json.loads((source_dir / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "inconnue"


# The package's README maps each major version to a COG vintage.
COG_YEAR_BY_MAJOR = {"4": "2024", "5": "2025", "6": "2026"}
# INSEE populations légales of millésime N come into force on 1 January N+3 (domain.md §2): the package of COG year
# N carries one population per commune, of millésime N-3 (6.0.0: Paris 2 103 778, Marseille 886 040; its epci.json
# members carry another vintage, Marseille 877 215, which is not imported).
POPULATION_LAG_YEARS = 3


def population_millesime_of(cog_year: str) -> str:
    """The vintage of the populations légales in force in a COG year ("2026" → "2023")."""
    if not (len(cog_year) == 4 and cog_year.isdigit()):
        raise ImportFailed(
            f"Millésime du COG « {cog_year} » inconnu : précisez le millésime des populations (--millesime-population)."
        )
    return str(int(cog_year) - POPULATION_LAG_YEARS)


def sync_vintage(model, millesime: str, values: dict[int, dict]) -> SyncCounts:
    """Create or update the rows of one vintage keyed by commune id (rows of other vintages are untouched)."""
    return sync_vintage_rows(model.objects.all(), "millesime", millesime, values)


def sync_vintage_rows(queryset, key: str, vintage: str, values: dict[int, dict]) -> SyncCounts:
    """Create or update, in `queryset`'s model, the rows `{key: vintage}` of the communes in `values`."""
    model = queryset.model
    counts = SyncCounts()
    existing = {row.commune_id: row for row in queryset.filter(**{key: vintage}, commune_id__in=values)}
    to_create, to_update = [], []
    for commune_id, fields in values.items():
        row = existing.get(commune_id)
        if row is None:
            to_create.append(model(commune_id=commune_id, **{key: vintage}, **fields))
        elif all(getattr(row, name) == value for name, value in fields.items()):
            counts.unchanged += 1
        else:
            for name, value in fields.items():
                setattr(row, name, value)
            to_update.append(row)
    model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        model.objects.bulk_update(
            to_update, sorted({name for v in values.values() for name in v}), batch_size=BATCH_SIZE
        )
    counts.created, counts.updated = len(to_create), len(to_update)
    return counts


def import_decoupage(
    *,
    source_dir: Path,
    region_code: str | None = None,
    millesime_population: str | None = None,
    progress: Progress = _noop,
) -> ImportReport:
    data_dir = source_dir / "data"
    regions_src = _read_json_list(data_dir / "regions.json")
    departements_src = _read_json_list(data_dir / "departements.json")
    communes_src = _read_json_list(data_dir / "communes.json")
    epci_src = _read_json_list(data_dir / "epci.json")
    version = package_version(source_dir)
    millesime = COG_YEAR_BY_MAJOR.get(version.split(".")[0], version[:4])
    millesime_population = millesime_population or population_millesime_of(millesime)
    source_label = f"@etalab/decoupage-administratif {version} (COG {millesime})"

    if region_code is not None and region_code not in {row["code"] for row in regions_src}:
        raise ImportFailed(f"Région inconnue dans la source : {region_code}.")
    regions = {row["code"]: row for row in regions_src if region_code in (None, row["code"])}
    departements = {row["code"]: row for row in departements_src if row["region"] in regions}
    communes = {
        row["code"]: row
        for row in communes_src
        if row["type"] == "commune-actuelle" and row.get("departement") in departements
    }
    population_by_code = {
        row["code"]: row.get("population") or 0 for row in communes_src if row["type"] == "commune-actuelle"
    }
    epci_of_commune, epcis = {}, {}
    for row in epci_src:
        member_codes = [member["code"] for member in row["membres"]]
        if any(code in communes for code in member_codes):
            epcis[row["code"]] = row
            for code in member_codes:
                epci_of_commune[code] = row["code"]

    report = ImportReport()
    with transaction.atomic():
        progress(f"Régions : {len(regions)}")
        report.counts["régions"] = sync_rows(
            Region,
            "code",
            {code: {"nom": row["nom"], "type_nom": row.get("typeLiaison")} for code, row in regions.items()},
        )
        region_ids = dict(Region.objects.filter(code__in=regions).values_list("code", "id"))

        progress(f"Départements : {len(departements)}")
        report.counts["départements"] = sync_rows(
            Departement,
            "code",
            {
                code: {"nom": row["nom"], "type_nom": row.get("typeLiaison"), "region_id": region_ids[row["region"]]}
                for code, row in departements.items()
            },
        )
        departement_ids = dict(Departement.objects.filter(code__in=departements).values_list("code", "id"))

        progress(f"EPCI : {len(epcis)}")
        report.counts["EPCI"] = sync_rows(
            EPCI,
            "siren",
            {
                siren: {
                    # The DGCL source doubles apostrophes as quotes: CA de Blois ''Agglopolys''.
                    "nom": row["nom"].replace("''", "\u00ab\u00a0", 1).replace("''", "\u00a0\u00bb", 1),
                    "type": row["type"],
                    "population": sum(population_by_code.get(m["code"], 0) for m in row["membres"]),
                }
                for siren, row in epcis.items()
            },
            prepare=_set_search_text,
        )
        epci_ids = dict(EPCI.objects.filter(siren__in=epcis).values_list("siren", "id"))

        progress(f"Communes : {len(communes)}")
        report.counts["communes"] = sync_rows(
            Commune,
            "code_insee",
            {
                code: {
                    "nom": row["nom"],
                    "type_nom": row.get("typeLiaison"),
                    "departement_id": departement_ids[row["departement"]],
                    "epci_id": epci_ids.get(epci_of_commune.get(code)),
                    "population": row.get("population"),
                    "codes_postaux": sorted(row.get("codesPostaux", [])),
                    "anciens_codes": sorted(row.get("anciensCodes", [])),
                    "millesime": millesime,
                }
                for code, row in communes.items()
            },
            prepare=_set_search_text,
        )
        commune_ids = dict(Commune.objects.filter(code_insee__in=communes).values_list("code_insee", "id"))
        progress(f"Appartenances aux EPCI (COG {millesime}) et populations (millésime {millesime_population})")
        report.counts["EPCI (millésime)"] = sync_vintage(
            CommuneEpci,
            millesime,
            {
                commune_ids[code]: {"epci_id": epci_ids[epci_of_commune[code]]}
                for code in communes
                if epci_of_commune.get(code) in epci_ids
            },
        )
        report.counts["populations"] = sync_vintage(
            PopulationCommune,
            millesime_population,
            {
                commune_ids[code]: {"population": row["population"], "source": source_label}
                for code, row in communes.items()
                if row.get("population") is not None
            },
        )
        in_scope = Commune.objects.filter(departement__code__in=departements)
        stale = in_scope.exclude(code_insee__in=communes).count()
        if stale:
            report.notes.append(
                f"{fr_quantity(stale, 'commune absente', 'communes absentes')} de la source, "
                f"{fr_plural(stale, 'conservée')} pour l'historique."
            )
        total = fr_number(sum(population_by_code[code] for code in communes))
        members = sum(1 for code in communes if code in epci_of_commune)
        report.notes.append(
            f"Population municipale totale : {total} habitants (millésime {millesime_population}) ; "
            f"{fr_quantity(members, 'commune membre', 'communes membres')} d'un EPCI."
        )
        ImportRun.objects.create(
            kind="territoires",
            source=f"{source_label}, populations millésime {millesime_population}",
            scope=f"région {region_code}" if region_code else "France entière",
            counts={name: counts.as_dict() for name, counts in report.counts.items()},
        )
        # Rows written before their région existed (the indicators' seeded regional perimeter, migrated before any
        # import) get their derived région key now.
        derive_regions()
    return report


# --- Contours ------------------------------------------------------------------------------

GEOMETRY_TYPES = {"Polygon", "MultiPolygon"}


def _polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else list(geometry["coordinates"])


def import_contours(*, path: Path, level: str, source: str, progress: Progress = _noop) -> ImportReport:
    """Attach GeoJSON contours by INSEE code.

    For communes, polygons of former communes merged since the file's vintage are attached
    to the commune that absorbed them (through `anciens_codes`), as parts of a MultiPolygon.
    """
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ImportFailed(f"Fichier introuvable ou illisible : {path}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFailed(f"Fichier GeoJSON invalide : {path} — {exc}") from exc
    if isinstance(document, dict) and document.get("type") == "Feature":
        document = {"type": "FeatureCollection", "features": [document]}
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise ImportFailed("Le fichier doit être une FeatureCollection (ou une Feature) GeoJSON.")

    errors, parts = [], defaultdict(list)
    for index, feature in enumerate(document.get("features", []), start=1):
        code = str((feature.get("properties") or {}).get("code", "")).strip()
        geometry = feature.get("geometry") or {}
        if not code:
            errors.append(f"Objet n°{index} : propriété « code » manquante.")
        elif geometry.get("type") not in GEOMETRY_TYPES:
            errors.append(f"Objet n°{index} (code {code}) : géométrie {geometry.get('type')!r} non prise en charge.")
        else:
            parts[code].extend(_polygons(geometry))
    if errors:
        raise ImportFailed("Le fichier de contours contient des erreurs ; rien n'a été importé.", errors)

    if level == ContourLevel.COMMUNE:
        known = dict(Commune.objects.values_list("code_insee", "anciens_codes"))
        absorbed_by = {old: code for code, olds in known.items() for old in olds}
    elif level == ContourLevel.DEPARTEMENT:
        known = dict.fromkeys(Departement.objects.values_list("code", flat=True))
        absorbed_by = {}
    else:
        known = dict.fromkeys(Region.objects.values_list("code", flat=True))
        absorbed_by = {}

    merged, unmatched, rekeyed = defaultdict(list), [], []
    for code, polygons in parts.items():
        target = code if code in known else absorbed_by.get(code)
        if target is None:
            unmatched.append(code)
            continue
        if target != code:
            rekeyed.append(f"{code} → {target}")
        merged[target].extend(polygons)

    rows = {}
    for code, polygons in merged.items():
        geometry = (
            {"type": "Polygon", "coordinates": polygons[0]}
            if len(polygons) == 1
            else {"type": "MultiPolygon", "coordinates": polygons}
        )
        rows[code] = {"geometry": geometry, "source": source}

    report = ImportReport()
    with transaction.atomic():
        existing = Contour.objects.filter(level=level)
        report.counts["contours"] = _sync_contours(existing, level, rows)
        ImportRun.objects.create(
            kind=f"contours ({level})",
            source=source,
            counts={"contours": report.counts["contours"].as_dict(), "non rattachés": len(unmatched)},
        )
    if rekeyed:
        report.notes.append(
            f"{fr_quantity(len(rekeyed), 'contour')} de communes fusionnées {fr_plural(len(rekeyed), 'rattaché')} "
            "à la commune actuelle : "
            f"{', '.join(sorted(rekeyed))}."
        )
    if unmatched:
        report.notes.append(
            f"{fr_quantity(len(unmatched), 'code')} sans correspondance, {fr_plural(len(unmatched), 'ignoré')} : "
            f"{', '.join(sorted(unmatched))}."
        )
    if level == ContourLevel.COMMUNE:
        from territoires.voisinage import voisinages_recompute

        report.notes.append(f"{voisinages_recompute()} paire(s) de communes voisines calculée(s) depuis les contours.")
    missing = sorted(set(known) - set(merged))
    if missing and level != ContourLevel.REGION:
        report.notes.append(f"{fr_quantity(len(missing), 'territoire')} de la base sans contour dans ce fichier.")
    return report


def _sync_contours(existing, level: str, rows: dict[str, dict]) -> SyncCounts:
    counts = SyncCounts()
    current = {contour.code: contour for contour in existing}
    to_create, to_update = [], []
    for code, values in rows.items():
        contour = current.get(code)
        if contour is None:
            to_create.append(Contour(level=level, code=code, **values))
        elif contour.geometry == values["geometry"] and contour.source == values["source"]:
            counts.unchanged += 1
        else:
            contour.geometry, contour.source = values["geometry"], values["source"]
            to_update.append(contour)
    Contour.objects.bulk_create(to_create, batch_size=500)
    Contour.objects.bulk_update(to_update, ["geometry", "source"], batch_size=500)
    counts.created, counts.updated = len(to_create), len(to_update)
    return counts


def read_utf8(path: Path) -> str:
    """The text of an uploaded CSV, or ImportFailed with the reason in French."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ImportFailed(f"Fichier introuvable ou illisible : {path}") from exc
    except UnicodeDecodeError as exc:
        raise ImportFailed("Le fichier doit être encodé en UTF-8.") from exc


# --- Territoires de vie-santé --------------------------------------------------------------

TVS_COLUMNS = ("code_commune", "code_tvs", "nom_tvs")


def import_tvs(
    *, path: Path, version: str, source: str = TvsSource.DREES, courant: bool = True, progress: Progress = _noop
) -> ImportReport:
    """Assign communes to TVS from a CSV (code_commune;code_tvs;nom_tvs). All or nothing.

    The assignment is kept as version `version` (`CommuneTvs`), which an arrêté de zonage names; with `courant`
    it also becomes the communes' current TVS (`Commune.tvs`)."""
    version = (version or "").strip()
    if not version or len(version) > 40:
        raise ImportFailed("Nommez la version de la liste des TVS (40 caractères au plus), par ex. « DREES 2022 ».")
    text = read_utf8(path)
    if "\x00" in text:
        raise ImportFailed("Le fichier n'est pas un fichier texte CSV (il contient des octets nuls).")
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text.strip() else ",", delimiters=",;\t")
        reader = csv.DictReader(text.splitlines(), dialect=dialect)
        header = [name.strip() for name in reader.fieldnames or []]
        rows = list(reader)
    except csv.Error as exc:
        raise ImportFailed(f"En-tête attendu : {';'.join(TVS_COLUMNS)} (fichier CSV illisible : {exc}).") from exc
    if tuple(header[:3]) != TVS_COLUMNS:
        raise ImportFailed(f"En-tête attendu : {';'.join(TVS_COLUMNS)} (reçu : {';'.join(header) or 'vide'}).")

    known = set(Commune.objects.values_list("code_insee", flat=True))
    errors, assignment, names, seen = [], {}, {}, {}
    for line, row in enumerate(rows, start=2):
        commune = (row.get("code_commune") or "").strip()
        code = (row.get("code_tvs") or "").strip()
        name = (row.get("nom_tvs") or "").strip()
        formulas = [value for value in (commune, code, name) if looks_like_formula(value)]
        if formulas:
            errors.append(
                f"Ligne {line} : « {formulas[0][:40]} » est une formule de tableur ; remplacez-la par sa valeur."
            )
            continue
        if not (commune and code and name):
            errors.append(f"Ligne {line} : valeur manquante (code_commune, code_tvs et nom_tvs sont obligatoires).")
            continue
        if commune not in known:
            errors.append(f"Ligne {line} : commune inconnue « {commune} ».")
            continue
        if commune in seen:
            errors.append(
                f"Ligne {line} : la commune {commune} figure déjà ligne {seen[commune]} (une commune, un TVS)."
            )
            continue
        if names.setdefault(code, name) != name:
            errors.append(f"Ligne {line} : le TVS {code} porte déjà le nom « {names[code]} ».")
            continue
        seen[commune] = line
        assignment[commune] = code
    if errors:
        raise ImportFailed(f"{fr_quantity(len(errors), 'ligne')} en erreur ; rien n'a été importé.", errors)
    if not assignment:
        raise ImportFailed("Le fichier ne contient aucune ligne.")

    report = ImportReport()
    with transaction.atomic():
        report.counts["TVS"] = sync_rows(
            TerritoireVieSante, "code", {code: {"nom": name, "source": source} for code, name in names.items()}
        )
        tvs_ids = dict(TerritoireVieSante.objects.filter(code__in=names).values_list("code", "id"))
        communes = list(Commune.objects.filter(code_insee__in=assignment).only("id", "code_insee", "tvs_id"))
        targets = {commune.pk: tvs_ids[assignment[commune.code_insee]] for commune in communes}
        report.counts[f"version {version}"] = _sync_tvs_version(version, targets)
        if courant:
            changed = []
            for commune in communes:
                if commune.tvs_id != targets[commune.pk]:
                    commune.tvs_id = targets[commune.pk]
                    changed.append(commune)
            Commune.objects.bulk_update(changed, ["tvs_id"], batch_size=BATCH_SIZE)
            report.notes.append(
                f"{fr_quantity(len(changed), 'commune rattachée', 'communes rattachées')} à un nouveau TVS, "
                f"{fr_quantity(len(communes) - len(changed), 'inchangée')}."
            )
        else:
            report.notes.append(
                f"Version « {version} » enregistrée ; le rattachement courant des communes est inchangé."
            )
        ImportRun.objects.create(
            kind="tvs",
            source=f"{Path(path).name} (version {version})",
            counts={"TVS": report.counts["TVS"].as_dict(), "communes": len(communes)},
        )
    return report


def _sync_tvs_version(version: str, targets: dict[int, int]) -> SyncCounts:
    """The version holds exactly the file's assignment: rows of communes absent from the file are removed."""
    CommuneTvs.objects.filter(version=version).exclude(commune_id__in=targets).delete()
    return sync_vintage_rows(
        CommuneTvs.objects.all(), "version", version, {pk: {"tvs_id": t} for pk, t in targets.items()}
    )
