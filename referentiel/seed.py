"""Load the register from `referentiel/data/*.toml`: shared sources (`sources.toml`), then one file per domain.

Each file is reviewed like code: every `[[parametre]]` names its region (or `region_code = ""` for a national
rule), its dates and its `source` (a code from `sources.toml`). Loading is idempotent (natural keys):
- after every `migrate` (and every test flush), a `post_migrate` handler creates the rows that are missing and
  leaves the others alone, so that a value edited in the admin is never overwritten;
- `manage.py charger_referentiel` also updates existing rows to what the files say (after a reviewed change).
"""

import tomllib
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
PARAMETRE_KEYS = ("domaine", "code", "cle", "region_code", "valide_du")


def read_data(data_dir: Path = DATA_DIR) -> tuple[list[dict], list[dict]]:
    """The sources and the values written in the TOML files, as dictionaries.

    `sources.toml` holds the documents several domains cite; a domain file may declare its own `[[source]]`s
    too. Every source is read before any value, so a value may cite a source of any file."""
    sources, parametres = [], []
    for path in sorted(data_dir.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        sources.extend({**row, "_file": path.name} for row in data.get("source", []))
        parametres.extend(
            {"cle": "", "region_code": "", **row, "_file": path.name} for row in data.get("parametre", [])
        )
    return sources, parametres


def _fields(model) -> set[str]:
    return {field.name for field in model._meta.get_fields()}


def load(apps, *, update: bool, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Create the missing sources and values of the TOML files; with `update`, also rewrite existing ones."""
    from decimal import Decimal

    Source = apps.get_model("referentiel", "Source")
    Parametre = apps.get_model("referentiel", "Parametre")
    source_fields, parametre_fields = _fields(Source), _fields(Parametre)
    sources, parametres = read_data(data_dir)
    write = Source.objects.update_or_create if update else Source.objects.get_or_create
    by_code, counts = {}, {"sources": 0, "parametres": 0, "crees": 0}
    for row in sources:
        defaults = {key: value for key, value in row.items() if key in source_fields and key not in ("code", "_file")}
        by_code[row["code"]], created = write(code=row["code"], defaults=defaults)
        counts["sources"] += 1
    for row in parametres:
        try:
            source = by_code[row["source"]]
        except KeyError:
            raise ValueError(f"{row['_file']} : source inconnue « {row.get('source')} » ({row['code']})") from None
        values = {key: value for key, value in row.items() if key in parametre_fields and not key.startswith("_")}
        values["source"] = source
        if values.get("valeur") is not None:
            values["valeur"] = Decimal(str(values["valeur"]))
        keys = {key: values.pop(key) for key in PARAMETRE_KEYS}
        write = Parametre.objects.update_or_create if update else Parametre.objects.get_or_create
        _, created = write(**keys, defaults=values)
        counts["parametres"] += 1
        counts["crees"] += int(created)
    return counts


def create_missing(sender, **kwargs) -> None:
    """`post_migrate` handler: the seeded register exists after `migrate` and after a test flush."""
    from django.apps import apps
    from django.db import connections

    using = kwargs.get("using", "default")
    if "referentiel_parametre" not in connections[using].introspection.table_names():
        return  # a partial `migrate` that has not reached this app yet
    load(apps, update=False)
