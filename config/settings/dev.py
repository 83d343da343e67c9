"""Demo and local development: SQLite, eager tasks, console e-mail, DEBUG on.

Only relaxes base.py. Never used in production: `prod.py` has no fallbacks.
"""

import os

from config.env import env_bool

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
os.environ.setdefault("DATABASE_URL", "sqlite:///var/demo.sqlite3")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("CONTACT_EMAIL", "contact@demo.ars.fr")

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import BASE_DIR, DATABASES, MIDDLEWARE, STORAGES  # noqa: E402

DEBUG = env_bool("DEBUG", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    name = DATABASES["default"]["NAME"]
    if not os.path.isabs(name):
        DATABASES["default"]["NAME"] = str(BASE_DIR / name)
# runserver serves static files from the finders: no collectstatic needed for the demo.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
IS_DEMO = True
# DEBUG shows Django's technical 404 page; the demo shows the portal's DSFR one (config/errors.py).
MIDDLEWARE = [*MIDDLEWARE, "config.middleware.ErrorPagesInDebugMiddleware"]
# Serve static files straight from the finders (no collectstatic outside production).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
