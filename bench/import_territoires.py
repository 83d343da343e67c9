"""Benchmark: import all of France from @etalab/decoupage-administratif into a fresh, empty database.

Prints the wall time of a first import and of an idempotent re-run, and the peak resident memory of the process
(goals: ≤ 30 s and ≤ 300 MB, issue #16), then appends them to bench/results/latest.md when `bench/run.py` wrote it
in the same `make bench`. With a PostgreSQL DATABASE_URL (`scripts/with-services.sh`), a throwaway database is
created on the same server and dropped afterwards, so the benchmark data set is left alone and the first import is
a real one; otherwise a throwaway SQLite file. Asserts nothing.
"""

import os
import resource
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.francais import decimal, entier  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "latest.md"
TIME_GOAL, MEMORY_GOAL = 30, 300  # seconds, MB
SERVER_URL = os.environ.get("DATABASE_URL", "")
SCRATCH = f"bench_import_{os.getpid()}"


def _on_server(sql: str) -> None:
    """Run one statement outside a transaction on the PostgreSQL server of DATABASE_URL."""
    import psycopg2

    connection = psycopg2.connect(SERVER_URL)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)
    connection.close()


def _scratch_url() -> str:
    """A fresh database for the import: a new one on the PostgreSQL server, else a SQLite file."""
    if SERVER_URL.startswith("postgres"):
        _on_server(f'CREATE DATABASE "{SCRATCH}"')
        return urlunsplit(urlsplit(SERVER_URL)._replace(path=f"/{SCRATCH}"))
    return f"sqlite:///{tempfile.mkdtemp(prefix='bench-territoires-')}/bench.sqlite3"


def _drop_scratch() -> None:
    if SERVER_URL.startswith("postgres"):
        _on_server(f'DROP DATABASE IF EXISTS "{SCRATCH}"')


def main() -> None:
    os.environ["DATABASE_URL"] = _scratch_url()
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, connections

        from territoires.models import EPCI, Commune

        print(f"Database: {connection.vendor} (fresh)")
        call_command("migrate", verbosity=0)

        def timed(label: str) -> float:
            started = time.perf_counter()
            call_command("import_territoires", stdout=StringIO())
            elapsed = time.perf_counter() - started
            print(f"{label:<42} {elapsed:6.1f} s")
            return elapsed

        first = timed("import_territoires (France, first run)")
        rerun = timed("import_territoires (France, re-run)")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
        communes, epcis = Commune.objects.count(), EPCI.objects.count()
        print(f"Communes: {communes}  EPCI: {epcis}  population: {Commune.objects.population()}")
        print(f"peak resident memory of the process: {peak:.0f} MB (migrations and both runs included)")
        vendor = connection.vendor
        connections.close_all()
    finally:
        _drop_scratch()
    if RESULTS.exists():
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write(
                "\n## Import de la géographie de toute la France\n\n"
                f"| Mesure | Valeur | Objectif |\n|---|---:|---|\n"
                f"| Premier import, base vide ({vendor}) | {decimal(first)} s | ≤ {TIME_GOAL} s : "
                f"{'atteint' if first <= TIME_GOAL else '**non atteint**'} |\n"
                f"| Nouvel import (idempotent) | {decimal(rerun)} s | — |\n"
                f"| Mémoire résidente maximale du processus | {peak:.0f} Mo | ≤ {MEMORY_GOAL} Mo : "
                f"{'atteint' if peak <= MEMORY_GOAL else '**non atteint**'} |\n"
                f"\n{entier(communes)} communes, {entier(epcis)} EPCI (@etalab/decoupage-administratif).\n"
            )


if __name__ == "__main__":
    main()
