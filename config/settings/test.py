"""Test settings: relax base.py for speed and determinism.

`make test` sets DATABASE_URL to a throwaway PostgreSQL and CELERY_BROKER_URL to a
throwaway Redis. Without them (a quick local `pytest`), SQLite and eager tasks are used.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("DATABASE_URL", "sqlite:///var/test.sqlite3")
os.environ.setdefault("SITE_URL", "http://testserver")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import BASE_DIR, DATABASES, STORAGES, TEMPLATES  # noqa: E402

# 0 in the test process; the servers and workers the fault and load tests start set it like production (60).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "0"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    name = DATABASES["default"]["NAME"]
    if not os.path.isabs(name):
        DATABASES["default"]["NAME"] = str(BASE_DIR / name)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Identities read on every request, never kept between requests: query counts are the cold-cache ones.
IDENTITE_CACHE_SECONDS = 0
# The worker processes of the fault tests write their e-mails to files (EMAIL_FILE_PATH) for the test to count.
EMAIL_BACKEND = os.environ.get("TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT", BASE_DIR / "var" / "test-media")


class InvalidTemplateVariable(str):
    """`string_if_invalid` that raises when one of *our* templates renders an undefined variable.

    Third-party templates (django-dsfr's widgets) rely on undefined variables rendering as
    '': those keep Django's default behaviour.
    """

    def __mod__(self, other):
        import inspect

        from django.template import TemplateSyntaxError

        frame = inspect.currentframe()
        while frame is not None:
            node = frame.f_locals.get("self")
            origin = getattr(node, "origin", None)
            if origin is not None and getattr(origin, "name", None):
                if str(origin.name).startswith(str(BASE_DIR / "templates")):
                    raise TemplateSyntaxError(f"Undefined template variable {other!r} in {origin.name}")
                return ""
            frame = frame.f_back
        return ""

    def __contains__(self, search):
        return search == "%s"


TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = InvalidTemplateVariable("%s")
IS_DEMO = False
# Serve static files straight from the finders (no collectstatic outside production).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
