"""How indicateurs and acces_soins cite a document of the référentiel (`referentiel.Source`).

- `document_field()`: the link to the document; the passage (or, without a document, the source in words) goes
  in a text field beside it, and `source_affichee()` / `CiteSource.source_affichee` print both.
- `ensure_sources()`: the référentiel fills its tables after `migrate` (a `post_migrate` handler); a data
  migration that links a row to a Source cannot wait for it, so it creates just the sources it needs, with the
  same natural key (`code`) and values as `referentiel/data/*.toml`: the later load finds them and leaves them.
"""

from django.db import models


def document_field(verbose_name: str = "document source", *, required: bool = False) -> models.ForeignKey:
    """A link to the document of the référentiel a row cites (never deleted while cited)."""
    return models.ForeignKey(
        "referentiel.Source",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=not required,
        blank=not required,
        related_name="+",
    )


def source_affichee(document, source: str) -> str:
    """« Titre du document (décembre 2017), passage » — or the free-text source alone."""
    return ", ".join(part for part in (str(document) if document else "", source) if part)


class CiteSource:
    """For a model with `document` (a Source) and `source` (its passage, or the source in words)."""

    @property
    def source_affichee(self) -> str:
        return source_affichee(self.document, self.source)


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
