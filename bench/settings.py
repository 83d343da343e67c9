"""Settings of `make bench` (bench/run.py): the dev settings without DEBUG, on the bench database (DATABASE_URL),
with two bare reference endpoints added to the URLs (bench/urls.py)."""

import os

os.environ.setdefault("DEBUG", "false")

from config.settings.dev import *  # noqa: E402,F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
# As in production (prod.py): one Redis cache for both gunicorn workers (sessions, API throttling, the zonage
# API's responses), when the bench runs with Redis.
if os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("CACHE_URL", os.environ["CELERY_BROKER_URL"]),
        }
    }
# The load comes from one address at hundreds of requests a minute: every API endpoint, the bare one and the
# portal's, keeps its throttle classes (the same work per request) under rates the bench does not reach, so
# neither answers 429 and the two are compared like for like.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1000000/minute", "user": "1000000/minute"}}  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
