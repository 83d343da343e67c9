"""Benchmark: import all of France from @etalab/decoupage-administratif into a fresh database.

Prints the wall time of a first import and of an idempotent re-run. Uses DATABASE_URL when set
(PostgreSQL under `scripts/with-services.sh`), otherwise a throwaway SQLite file. Asserts nothing.
"""

import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
workdir = tempfile.mkdtemp(prefix="bench-territoires-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from territoires.models import EPCI, Commune  # noqa: E402


def timed(label: str, *args) -> float:
    started = time.perf_counter()
    call_command(*args, stdout=StringIO())
    elapsed = time.perf_counter() - started
    print(f"{label:<42} {elapsed:6.1f} s")
    return elapsed


def main() -> None:
    print(f"Database: {connection.vendor}")
    call_command("migrate", verbosity=0)
    timed("import_territoires (France, first run)", "import_territoires")
    timed("import_territoires (France, re-run)", "import_territoires")
    communes, epcis = Commune.objects.count(), EPCI.objects.count()
    print(f"Communes: {communes}  EPCI: {epcis}  population: {Commune.objects.population()}")


if __name__ == "__main__":
    main()
