"""Bulk rows for the benchmark data set: ids chosen here, COPY on PostgreSQL, executemany elsewhere.

Rows are dicts of attribute names (`departement_id`, not `departement`). Fields left out take their model default;
`auto_now(_add)` dates take the data set's reference instant and UUIDs come from the seeded generator, so that the
same seed writes the same rows. Nothing goes through `save()`, signals or history: this is a fixture, not a service.
"""

import datetime
import io
import json
import random
import uuid
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection, models

CHUNK = 20_000
NOW = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


class Writer:
    """Writes rows of any model in chunks; counts what it wrote per table."""

    def __init__(self, rng: random.Random, *, now: datetime.datetime = NOW):
        self.rng = rng
        self.now = now
        self.next_ids: dict[type, int] = {}
        self.counts: dict[str, int] = {}
        self.postgres = connection.vendor == "postgresql"

    # --- ids and values ------------------------------------------------------------------------------------------
    def ids(self, model, count: int) -> list[int]:
        """`count` new primary keys for `model`, after the largest one in the table (sequences reset at the end)."""
        if model not in self.next_ids:
            largest = model._base_manager.aggregate(m=models.Max("pk"))["m"] or 0
            self.next_ids[model] = largest + 1
        start = self.next_ids[model]
        self.next_ids[model] = start + count
        return list(range(start, start + count))

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _complete(self, model, row: dict) -> dict:
        for field in model._meta.concrete_fields:
            name = field.attname
            if name in row:
                continue
            if field.primary_key and isinstance(field, models.AutoField):
                continue
            if isinstance(field, models.UUIDField):
                row[name] = self.uuid()
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                row[name] = self.now if isinstance(field, models.DateTimeField) else self.now.date()
            elif field.has_default():
                row[name] = field.get_default()
            elif field.null:
                row[name] = None
            elif field.blank and isinstance(field, models.CharField | models.TextField):
                row[name] = ""
            else:
                raise ValueError(f"{model._meta.label}.{name}: no value and no default")
        return row

    # --- writing -------------------------------------------------------------------------------------------------
    def insert(self, model, rows: Iterable[dict]) -> int:
        """Write `rows` (an iterable, consumed in chunks: a generator keeps memory flat)."""
        written = 0
        chunk = []
        for row in rows:
            chunk.append(self._complete(model, row))
            if len(chunk) >= CHUNK:
                written += self._write(model, chunk)
                chunk = []
        if chunk:
            written += self._write(model, chunk)
        label = model._meta.db_table
        self.counts[label] = self.counts.get(label, 0) + written
        return written

    def link(self, field, pairs: Iterable[tuple[int, int]]) -> int:
        """Rows of a many-to-many table: (source id, target id) pairs."""
        through = field.remote_field.through
        source = field.m2m_column_name()
        target = field.m2m_reverse_name()
        return self.insert(through, ({source: a, target: b} for a, b in pairs))

    def _write(self, model, chunk: list[dict]) -> int:
        columns = list(chunk[0])
        fields = {f.attname: f for f in model._meta.concrete_fields}
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(fields[c].column) for c in columns)
        with connection.cursor() as cursor:
            if self.postgres:
                buffer = io.StringIO()
                for row in chunk:
                    buffer.write("\t".join(_copy_text(fields[c], row[c]) for c in columns))
                    buffer.write("\n")
                buffer.seek(0)
                cursor.cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", buffer)
            else:
                placeholders = ", ".join(["%s"] * len(columns))
                values = [[fields[c].get_db_prep_save(row[c], connection) for c in columns] for row in chunk]
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", values)
        return len(chunk)

    def reset_sequences(self) -> None:
        """Point every sequence past the ids chosen here (PostgreSQL; SQLite needs nothing)."""
        statements = connection.ops.sequence_reset_sql(_NoStyle(), list(self.next_ids))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _copy_text(field, value) -> str:
    """A value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if isinstance(field, models.JSONField):
        value = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, bool):
        return "t" if value else "f"
    elif isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    elif isinstance(value, int | Decimal | float | uuid.UUID):
        return str(value)
    elif isinstance(value, models.Model):
        return str(value.pk)
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class _NoStyle:
    def __getattr__(self, name):
        return lambda text: text


class Batch:
    """Rows of several tables kept in foreign-key order, written later by `Writer.write`."""

    def __init__(self):
        self.steps: list[tuple] = []

    def rows(self, model, rows) -> None:
        self.steps.append((model, None, rows))

    def link(self, model, field_name: str, pairs) -> None:
        self.steps.append((model, field_name, pairs))

    def write(self, writer: Writer) -> None:
        for model, field_name, rows in self.steps:
            if field_name is None:
                writer.insert(model, rows)
            else:
                writer.link(model._meta.get_field(field_name), rows)
        self.steps = []
