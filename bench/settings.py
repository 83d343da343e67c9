"""Settings of `make bench` (bench/run.py): the dev settings without DEBUG, on the bench database (DATABASE_URL),
with two bare reference endpoints added to the URLs (bench/urls.py)."""

import os

os.environ.setdefault("DEBUG", "false")

from config.settings.dev import *  # noqa: E402,F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
