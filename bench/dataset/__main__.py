"""`python -m bench.dataset --scale national|region|smoke --seed N`: build the FICTITIOUS benchmark data set on the
database of DATABASE_URL (migrated, empty of programme data). Prints the time of each step and the row counts."""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dataset", description=__doc__)
    parser.add_argument("--scale", choices=["national", "region", "smoke"], default="national")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--migrate", action="store_true", help="apply the migrations first")
    options = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.dataset import MARKER, SCALES, build
    from territoires.models import ImportRun

    started = time.perf_counter()
    if options.migrate:
        call_command("migrate", verbosity=0)
        print(f"migrate: {time.perf_counter() - started:.1f} s")
    if ImportRun.objects.filter(kind=MARKER).exists():
        print("Ce jeu de données est déjà construit sur cette base : repartez d'une base vide (make bench-data).")
        return 1
    print(f"Jeu de données FICTIF « {options.scale} », graine {options.seed}, base {connection.vendor}")
    built_at = time.perf_counter()
    result = build(SCALES[options.scale], seed=options.seed, log=print)
    elapsed = time.perf_counter() - built_at
    for table, count in result.counts.items():
        print(f"  {table:<44} {count:>10,}".replace(",", " "))
    print(f"{result.rows:,} lignes en {elapsed:.1f} s (hors migrations)".replace(",", " "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
