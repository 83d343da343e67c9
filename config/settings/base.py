"""Base settings: safe on their own, secure by default.

`prod.py` adds the infrastructure that must come from the environment; `dev.py` and
`test.py` only relax. Every environment variable is listed in the README and in
`.env.example`.
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from config.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_secret("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])

# --- Applications -------------------------------------------------------------------

INSTALLED_APPS = [
    # DSFR first so that its templates (forms, widgets) win.
    "dsfr",
    "widget_tweaks",
    "django.forms",
    "config.adminsite.AdminConfig",  # django.contrib.admin with French number input
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_celery_results",
    "django_htmx",
    "simple_history",
    "import_export",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Our apps, from the bottom of the import graph to the top.
    "territoires",
    "comptes",
    "referentiel",
    "instruction",
    "financements",
    "cls",
    "zonage",
    "cpts",
    "registres",
    "indicateurs",
    "acces_soins",
    "portraits",
    "national",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "config.middleware.LoginRequiredMiddleware",
    "comptes.middleware.ScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "comptes.audit.AuditDownloadMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes last: it turns lockouts raised by the authentication backend into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
                "comptes.context_processors.navigation",
                "comptes.context_processors.identite",
            ],
            # `config` is not an app: its template libraries are named here (typography, shared form rendering).
            "libraries": {
                "typographie": "config.templatetags.typographie",
                "formulaires": "config.templatetags.formulaires",
            },
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
DSFR_MARK_OPTIONAL_FIELDS = True

# --- Database -----------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A runaway query is cut after 30 s instead of holding a worker forever. JIT compilation is off: PostgreSQL
    # starts it on the planner's cost estimate, and a misestimated short query (a portrait's communes, an IN list
    # OR'ed with its neighbours: estimated 26 000 rows, 98 read) spent 88 ms compiling for 5 ms of execution. The
    # portal's queries are short; DATABASE_JIT=on gives the server's setting back.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={env_int('DATABASE_STATEMENT_TIMEOUT_MS', 30000)}"
        + ("" if env_str("DATABASE_JIT", "off") == "on" else " -c jit=off")
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -----------------------------------------------------------------

AUTH_USER_MODEL = "comptes.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "comptes:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Brute-force protection: 5 failures on one account (from any address) or from one IP address (on any
# account) lock it for 15 minutes, with a French page (templates/comptes/lockout.html).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "comptes/lockout.html"
AXES_VERBOSE = False

# --- Security -----------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day
# Sessions are read from the cache (Redis in production, see prod.py) and written through to the database: one
# query less on every logged-in page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_HTTPONLY = True  # no script reads it: htmx gets the token from hx-headers rendered server-side
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Browser features the portal never uses are switched off (django-permissions-policy).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
# Optional TOTP second factor for ARS staff (comptes.views.otp): the issuer shown in the authenticator app.
OTP_TOTP_ISSUER = "Santé Territoires"

# --- Files --------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist")]
# Private by default: uploaded files are never served by a public URL; downloads go
# through views that check access.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# No URL pattern serves MEDIA_URL: it only exists because some tools need a string.
MEDIA_URL = "/fichiers-prives/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# The first handler stops keeping a file past UPLOAD_MAX_SIZE while the request is read (config.uploads): a huge
# upload is dropped chunk by chunk, never held in memory nor stored, and the form says so in French.
FILE_UPLOAD_HANDLERS = [
    "config.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Where `import_territoires` reads the geographic reference (npm package, pinned).
DECOUPAGE_ADMINISTRATIF_DIR = BASE_DIR / "node_modules" / "@etalab" / "decoupage-administratif"
GEO_DATA_DIR = BASE_DIR / "data" / "geo"

# --- Internationalisation -----------------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
# Our French formats over Django's: narrow no-break space for thousands, dates typed « 03/12/2026 ».
FORMAT_MODULE_PATH = ["config.formats"]

# --- E-mail -------------------------------------------------------------------------

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Santé Territoires <ne-pas-repondre@sante-territoires.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -------------------------------------------------------------------------

# Unset broker: tasks run eagerly in the calling process (demo, quick local runs).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "memory://")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", CELERY_BROKER_URL.startswith("memory://"))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_TASK_TIME_LIMIT = 11 * 60
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
# The outbox of e-mail notifications (instruction.Notification): the beat sweep sends rows older than
# OUTBOX_SWEEP_DELAY seconds whose task never ran, and gives back claims older than OUTBOX_CLAIM_LEASE.
OUTBOX_SWEEP_DELAY = env_int("OUTBOX_SWEEP_DELAY", 60)
OUTBOX_CLAIM_LEASE = env_int("OUTBOX_CLAIM_LEASE", 10 * 60)
# A generated PDF in production (bilan, portrait, consultation file) is leased to its worker for this long,
# renewed while it renders: a worker killed mid-file loses it after at most this delay, and another worker takes
# it over (config.production). BILAN_LEASE_SECONDS is the older name of the same setting.
PRODUCTION_LEASE_SECONDS = env_int("PRODUCTION_LEASE_SECONDS", env_int("BILAN_LEASE_SECONDS", 60))

# --- API ----------------------------------------------------------------------------

REST_FRAMEWORK = {
    # The session first (a browser gets JSON 403, not a login redirect), then a token for the API's
    # institutional consumers (comptes.authentication).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "comptes.authentication.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Every endpoint is throttled: anonymous callers per IP address, others per account (the cache is shared
    # by every process in production: see CACHES in prod.py).
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute", "user": "1200/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Santé Territoires",
    "DESCRIPTION": "API de l'ARS : référentiel territorial, zonage, CLS, CPTS et indicateurs.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Two apps have a field named "etape" with their own stages: name their enums explicitly.
    "ENUM_NAME_OVERRIDES": {
        "EtapeClsEnum": "cls.enums.Etape",
        "EtapeCptsEnum": "cpts.enums.Etape",
        "StatutStructureEnum": "cpts.enums.StatutMsp",  # MSP, centres de santé and ESP
        "TailleCptsEnum": "cpts.enums.Taille",  # the size and the size at signature
    },
    # Every error answer (400, 403, 404, 429) is documented too (config/api_schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.api_schema.add_error_responses",
    ],
}

# --- Logging ------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO; keep its warnings only.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

SITE_NAME = "Santé Territoires"
# Where users write about the portal (error pages, legal notice, accessibility). Empty: the pages send
# users to their délégation départementale instead.
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "")
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"
# The legal notice names the host (« Société X, adresse ») when set.
HEBERGEUR = env_str("HEBERGEUR", "")
# Optional background tiles of the zonage map, e.g. "https://tile.openstreetmap.org/{z}/{x}/{y}.png"; empty: no
# tiles, the map works offline. When set, its origin is added to the CSP img-src below.
MAP_TILES_URL = env_str("MAP_TILES_URL", "")
MAP_TILES_ATTRIBUTION = env_str("MAP_TILES_ATTRIBUTION", "© les contributeurs d'OpenStreetMap")
if MAP_TILES_URL:
    _tiles = urlsplit(MAP_TILES_URL.replace("{s}.", "*."))
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")
# Absolute address of the portal, for the links of the e-mails (required in production, checked by `check --deploy`).
SITE_URL = env_str("SITE_URL", "")
SITE_OPERATOR = env_str("SITE_OPERATOR", "ARS Centre-Val de Loire")
REFERENCE_REGION = env_str("REFERENCE_REGION", "24")
# The regional identities (header, e-mails, PDFs) are cached this long (seconds): see comptes.selectors.
IDENTITE_CACHE_SECONDS = 300
IS_DEMO = False

# History of sensitive models is shown read-only in the admin (no revert button).
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Uploads ----------------------------------------------------------------------------
UPLOAD_MAX_SIZE = env_int("UPLOAD_MAX_SIZE", 10 * 1024 * 1024)  # bytes, checked by config.uploads
# All the files of one request together (a draft sends its signed letter and an annex at once).
UPLOAD_MAX_REQUEST_SIZE = 2 * UPLOAD_MAX_SIZE + 1024 * 1024
