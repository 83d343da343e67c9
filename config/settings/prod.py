"""Production settings: every piece of infrastructure comes from the environment.

SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS, CELERY_BROKER_URL and SITE_URL have no fallback: a
missing variable stops the process at boot.
"""

from config.env import env_bool, env_int, env_list, env_str
from config.settings.base import *  # noqa: F403

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [f"https://{host}" for host in ALLOWED_HOSTS])
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
SITE_URL = env_str("SITE_URL")  # the links of the e-mails: no fallback
CELERY_TASK_ALWAYS_EAGER = False

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
# One cache for every process (login throttling, API throttling): Redis, the broker's by default.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("CACHE_URL", CELERY_BROKER_URL),
    }
}
IS_DEMO = False
