"""A trigram index on the communes' normalised search text (PostgreSQL only).

`Commune.objects.search()` filters `search_text LIKE '%term%'` (name, INSEE code, postal codes): a B-tree cannot
serve a pattern with a leading wildcard, so a term that matches few communes, or none, read the whole table (35 000
rows at national scale) on every keystroke of the commune autocomplete. A GIN index with `gin_trgm_ops` answers such
patterns for terms of three characters or more. pg_trgm is a trusted extension (PostgreSQL ≥ 13): the database owner
may create it. SQLite, the demonstration's database, has neither, and scans its small table.
"""

from django.db import migrations

INDEX = "commune_search_trgm_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON territoires_commune USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("territoires", "0005_commune_list_order_indexes"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
