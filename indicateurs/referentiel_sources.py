"""Sources of the référentiel that data migrations cite, created on demand from `referentiel/data/*.toml`.

The référentiel fills its tables after `migrate` (a `post_migrate` handler); a data migration that links a row
to a Source cannot wait for it. `ensure_sources` creates just the sources it needs, with the same natural key
(`code`) and the same values as the TOML files, so the later load finds them and leaves them alone.
"""


def ensure_sources(apps, *codes: str) -> dict:
    """{code: Source} for the given codes, read from the référentiel's TOML files (historical model)."""
    from referentiel.seed import read_data

    Source = apps.get_model("referentiel", "Source")
    fields = {field.name for field in Source._meta.get_fields()}
    rows = {row["code"]: row for row in read_data()[0]}
    found = {}
    for code in codes:
        row = rows[code]  # a KeyError here is a typo in the migration: fail loudly
        defaults = {key: value for key, value in row.items() if key in fields and key != "code"}
        found[code], _ = Source.objects.get_or_create(code=code, defaults=defaults)
    return found
