"""The standalone setup of the bench scripts that need no bench database (bench/bilan.py, bench/simulateur.py): a
throwaway SQLite database in a temporary directory, Django set up on the test settings, the real geography of the
reference region (import_territoires) and the demonstration data each script asks for.

Import this module, and call `bootstrap()`, before anything imports Django models: it sets DATABASE_URL.
"""

import logging
import os
import sys
import tempfile
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "latest.md"


def bootstrap(prefix: str) -> Path:
    """Point Django at a new throwaway SQLite database, set it up, quiet the logs; returns the working directory
    (the database, the media files)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{prefix}-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["LOG_LEVEL"] = "WARNING"

    import django

    django.setup()
    from django.conf import settings

    logging.disable(logging.INFO)
    settings.MEDIA_ROOT = workdir / "media"
    return workdir


def _call(*args) -> None:
    from django.core.management import call_command

    call_command(*args, stdout=StringIO())


def import_geography(*, contours: bool = False) -> None:
    """Migrate the throwaway database and import the real geography of the reference region (communes, EPCI);
    with `contours`, the contours of its départements and communes too (the maps of the regional bilan), as
    `make demo` does."""
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _call("import_territoires", "--region", settings.REFERENCE_REGION)
    if contours:
        for name, level in (
            ("departements-centre-val-de-loire.geojson", "departement"),
            ("communes-centre-val-de-loire.simplified.geojson", "commune"),
        ):
            _call("import_contours", str(settings.GEO_DATA_DIR / name), "--niveau", level)


def demo_plan() -> None:
    """The seeded plan of the reference region with its fictitious follow-up (statuses, comités, decisions)."""
    from django.conf import settings

    settings.IS_DEMO = True
    from acces_soins.demo import create_demo_plan_follow_up

    create_demo_plan_follow_up()


def demo_zonage(workdir: Path) -> None:
    """The referential, the demonstration TVS of the reference region and the demonstration accounts and arrêtés
    (fictitious, as in `make demo`)."""
    from django.conf import settings

    settings.IS_DEMO = True
    _call("charger_referentiel")
    tvs_csv = workdir / "tvs-demo.csv"
    _call("build_demo_tvs", "--region", settings.REFERENCE_REGION, "--output", str(tvs_csv))
    _call("import_tvs", str(tvs_csv), "--source", "demo", "--version-tvs", "demo")
    _call("demo_comptes")
    _call("demo_zonage")


def append_results(markdown: str) -> None:
    """Append a section to bench/results/latest.md when it exists (after bench/run.py's table, in the same run)."""
    if RESULTS.exists():
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write(markdown)
