"""The business catalogues of `cpts`, read from the `referentiel/data/*.toml` files next to the register values.

- `[[mission]]` (cpts.toml): the ACI missions — code, label, type, order, the date each exists from, its source;
- `[[critere]]` (msp.toml): the MSP ACI criteria — code, label, type, order, dates;
- `[[contrat_anterieur_aci]]` (cpts.toml): contracts signed before the ACI, as a source states them.

Numbers are never here: deadlines, amounts and points are `[[parametre]]` rows of the same files. Seeded by
migration 0007 (and by the tests after a flush); `get_or_create` leaves rows edited in the admin alone.
"""

import tomllib

from referentiel.seed import DATA_DIR, read_data


def read_catalogue(table: str) -> list[dict]:
    rows = []
    for path in sorted(DATA_DIR.glob("*.toml")):
        rows.extend(tomllib.loads(path.read_text(encoding="utf-8")).get(table, []))
    return rows


def ensure_sources(apps, codes) -> dict:
    """The `referentiel.Source` rows of these codes, created from the TOML files when missing."""
    Source = apps.get_model("referentiel", "Source")
    fields = {field.name for field in Source._meta.get_fields()}
    wanted = set(codes)
    by_code = {}
    for row in read_data()[0]:
        if row["code"] in wanted:
            defaults = {key: value for key, value in row.items() if key in fields and key != "code"}
            by_code[row["code"]], _ = Source.objects.get_or_create(code=row["code"], defaults=defaults)
    missing = wanted - set(by_code)
    if missing:
        raise ValueError(f"Sources inconnues dans referentiel/data : {', '.join(sorted(missing))}")
    return by_code


def _with_sources(apps, rows: list[dict]) -> list[dict]:
    sources = ensure_sources(apps, {row["source"] for row in rows})
    return [{**row, "source": sources[row["source"]]} for row in rows]


def seed_missions(apps, *, source_field: str = "source") -> None:
    Mission = apps.get_model("cpts", "Mission")
    for row in _with_sources(apps, read_catalogue("mission")):
        values = {key: value for key, value in row.items() if key != "code"}
        values[source_field] = values.pop("source")
        Mission.objects.get_or_create(code=row["code"], defaults=values)


def seed_criteres(apps) -> None:
    CritereAciMsp = apps.get_model("cpts", "CritereAciMsp")
    for row in read_catalogue("critere"):
        values = {key: value for key, value in row.items() if key not in ("code", "valide_du")}
        CritereAciMsp.objects.get_or_create(code=row["code"], valide_du=row["valide_du"], defaults=values)


def seed_contrats_anterieurs(apps) -> None:
    ContratAnterieurAci = apps.get_model("cpts", "ContratAnterieurAci")
    for row in _with_sources(apps, read_catalogue("contrat_anterieur_aci")):
        values = {key: value for key, value in row.items() if key not in ("nom", "date_signature")}
        ContratAnterieurAci.objects.get_or_create(nom=row["nom"], date_signature=row["date_signature"], defaults=values)


def seed(apps) -> None:
    """Create the missing catalogue rows (idempotent)."""
    seed_missions(apps)
    seed_criteres(apps)
    seed_contrats_anterieurs(apps)
