"""The WSGI entry point freezes its start-up objects out of the garbage collector (config/wsgi.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wsgi_start_up_objects_are_frozen_with_every_view_imported():
    script = (
        "import gc, sys\n"
        "assert gc.get_freeze_count() == 0\n"
        "import config.wsgi\n"
        "print(gc.get_freeze_count(), 'cls.views.contrats' in sys.modules)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    frozen, views_imported = result.stdout.split()
    assert int(frozen) > 100_000  # the apps, models, URLconf and views
    assert views_imported == "True"
