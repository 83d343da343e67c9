"""`celery -A config worker …` with test-only hooks, for the fault tests (never used in production).

- BILAN_RENDER_DELAY (seconds): the bilan PDF renders that much slower, so that a test can kill the worker while
  it renders; BILAN_RENDER_MARKER (a path) is written when the rendering starts.
"""

import os
import sys
import time
from pathlib import Path

import django


def _slow_render():
    from acces_soins import rendering

    delay = float(os.environ.get("BILAN_RENDER_DELAY", "0"))
    marker = os.environ.get("BILAN_RENDER_MARKER", "")
    original = rendering.render_bilan_pdf

    def render(snapshot):
        if marker:
            Path(marker).write_text(str(os.getpid()))
        time.sleep(delay)
        return original(snapshot)

    if delay or marker:
        rendering.render_bilan_pdf = render


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    _slow_render()
    from config.celery import app

    app.worker_main(sys.argv[1:])
