"""DigiBridge settings: one module, read from environment variables with embedded defaults.

The embedded default is a single machine: SQLite under ``var/``, jobs run in-process, debug
off. Production sets ``DATABASE_URL`` (PostgreSQL), ``DIGIBRIDGE_SECRET_KEY``,
``DIGIBRIDGE_ALLOWED_HOSTS`` and, for workers, ``DIGIBRIDGE_BROKER_URL``.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DIGIBRIDGE_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """Use DIGIBRIDGE_SECRET_KEY, else a key generated once and kept in var/secret_key."""
    configured = os.environ.get("DIGIBRIDGE_SECRET_KEY")
    if configured:
        return configured
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # Exclusive create: two processes starting at once keep the same key.
    try:
        with open(path, "x") as handle:
            handle.write(key)
        path.chmod(0o600)
    except FileExistsError:
        key = path.read_text().strip()
    return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("DIGIBRIDGE_DEBUG")
ALLOWED_HOSTS = env_list("DIGIBRIDGE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DIGIBRIDGE_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_countries",
    "digibridge.common",
    "digibridge.accounts",
    "digibridge.directory",
    "digibridge.marketplace",
    "digibridge.matching",
    "digibridge.events",
    "digibridge.cooperation",
    "digibridge.outreach",
    "digibridge.reports",
    "digibridge.privacy",
    "digibridge.archive",
]

MIDDLEWARE = [
    "digibridge.common.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "digibridge.privacy.audit_hooks.CurrentRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "digibridge.common.middleware.TimezoneMiddleware",
    "digibridge.common.middleware.InputGuardMiddleware",
]

ROOT_URLCONF = "digibridge.config.urls"
WSGI_APPLICATION = "digibridge.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "digibridge.common.context_processors.platform",
                "digibridge.outreach.context_processors.unread",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'digibridge.sqlite3'}"),
        conn_max_age=int(os.environ.get("DIGIBRIDGE_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and background jobs write side by side.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "common:home"
LOGOUT_REDIRECT_URL = "common:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("DIGIBRIDGE_PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("es", _("Spanish")),
    ("ca", _("Catalan")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("DIGIBRIDGE_TIME_ZONE", "Europe/Madrid")
# Time zones a user may pick: where the programme's events happen, plus UTC.
PLATFORM_TIME_ZONES = ["Europe/Madrid", "Asia/Shanghai", "UTC", "Europe/London", "Europe/Berlin"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Uploaded files: on local disk under var/media unless DIGIBRIDGE_MEDIA_ROOT points elsewhere (a
# shared mount when several app servers run) or DIGIBRIDGE_FILE_STORAGE names another Django
# storage backend (for example an object store's).
MEDIA_URL = os.environ.get("DIGIBRIDGE_MEDIA_URL", "media/")
MEDIA_ROOT = Path(os.environ.get("DIGIBRIDGE_MEDIA_ROOT", VAR_DIR / "media")).resolve()
STORAGES = {
    "default": {
        "BACKEND": os.environ.get(
            "DIGIBRIDGE_FILE_STORAGE", "django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_BACKEND = os.environ.get(
    "DIGIBRIDGE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DIGIBRIDGE_FROM_EMAIL", "DigiBridge <noreply@localhost>")

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Served over HTTPS (DIGIBRIDGE_HTTPS, or the older DIGIBRIDGE_SECURE_COOKIES): secure cookies,
# HSTS, and plain-HTTP requests redirected. Off by default because the embedded server answers
# plain HTTP on 127.0.0.1; never on with DEBUG. See docs/security.md.
HTTPS = env_bool("DIGIBRIDGE_HTTPS", env_bool("DIGIBRIDGE_SECURE_COOKIES")) and not DEBUG
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("DIGIBRIDGE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]  # probes from inside the network
SECURE_HSTS_SECONDS = int(os.environ.get("DIGIBRIDGE_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DIGIBRIDGE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("DIGIBRIDGE_HSTS_PRELOAD")
# Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto (opt-in, since a
# client could send the header itself when there is no proxy) and its X-Forwarded-For.
if env_bool("DIGIBRIDGE_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
DIGIBRIDGE_TRUSTED_PROXIES = int(
    os.environ.get(
        "DIGIBRIDGE_TRUSTED_PROXIES", "1" if env_bool("DIGIBRIDGE_BEHIND_PROXY") else "0"
    )
)
# Content-Security-Policy: "enforce", "report-only" or "off"; DIGIBRIDGE_CSP replaces the policy
# ("{nonce}" stands for the response's nonce).
DIGIBRIDGE_CSP_MODE = os.environ.get("DIGIBRIDGE_CSP_MODE", "enforce")
DIGIBRIDGE_CSP = os.environ.get("DIGIBRIDGE_CSP", "")
# Log-in throttling (accounts/throttle.py): failures per account and per client address within
# the window lock it for the lock-out period. The address limit is higher: at an event venue
# many people share one address.
DIGIBRIDGE_LOGIN_MAX_FAILURES = int(os.environ.get("DIGIBRIDGE_LOGIN_MAX_FAILURES", "5"))
DIGIBRIDGE_LOGIN_MAX_FAILURES_PER_IP = int(
    os.environ.get("DIGIBRIDGE_LOGIN_MAX_FAILURES_PER_IP", "50")
)
DIGIBRIDGE_LOGIN_FAILURE_WINDOW = int(os.environ.get("DIGIBRIDGE_LOGIN_FAILURE_WINDOW", "900"))
DIGIBRIDGE_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("DIGIBRIDGE_LOGIN_LOCKOUT_SECONDS", "900"))
# Password-reset e-mails one address may be sent within that window.
DIGIBRIDGE_PASSWORD_RESET_MAX = int(os.environ.get("DIGIBRIDGE_PASSWORD_RESET_MAX", "3"))
# Two-factor authentication: mandatory for operators and administrators when on.
DIGIBRIDGE_OPERATOR_2FA_REQUIRED = env_bool("DIGIBRIDGE_OPERATOR_2FA_REQUIRED")
AUTHENTICATION_BACKENDS = ["digibridge.accounts.backends.ThrottledModelBackend"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "digibridge.common.security.SecurityHeadersMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "digibridge.accounts.middleware.TwoFactorMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("digibridge.common.security.SecurityHeadersMiddleware") + 1,
    "digibridge.common.security.RequestSizeLimitMiddleware",
)
# The largest request body accepted (413 above it); each kind of upload has its own lower limit
# (an order response may carry ten 10 MB documents).
DIGIBRIDGE_MAX_REQUEST_BYTES = int(
    os.environ.get("DIGIBRIDGE_MAX_REQUEST_BYTES", str(128 * 1024 * 1024))
)

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background jobs: in-process unless a broker is configured.
CELERY_BROKER_URL = os.environ.get("DIGIBRIDGE_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# In the embedded default a task that fails is reported on the digibridge.tasks log, never
# raised into the request that queued it (the user's action succeeded; e-mail may be down).
CELERY_TASK_EAGER_PROPAGATES = False
# When the broker is down, give up publishing quickly: the task then runs in-process.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE = {
    "expire-opportunities": {
        "task": "digibridge.marketplace.tasks.expire_due_opportunities",
        "schedule": 3600.0,
    },
    "expire-meeting-requests": {
        "task": "digibridge.events.tasks.expire_meeting_requests",
        "schedule": 900.0,
    },
    "close-requests-for-responses": {
        "task": "digibridge.marketplace.tasks.close_due_requests_for_responses",
        "schedule": 300.0,
    },
    "outreach-invitation-reminders": {
        "task": "digibridge.outreach.tasks.send_invitation_reminders",
        "schedule": 86400.0,
    },
    "outreach-weekly-digest": {
        "task": "digibridge.outreach.tasks.send_weekly_digest",
        "schedule": 604800.0,
    },
    "matching-new-match-notices": {
        "task": "digibridge.matching.tasks.notify_new_matches",
        "schedule": 3600.0,
    },
    "privacy-retention": {
        "task": "digibridge.privacy.tasks.anonymise_expired_registrations",
        "schedule": 86400.0,
    },
}
# Production workers (``digibridge worker``): results kept where the app can read them (the
# broker's Redis unless DIGIBRIDGE_RESULT_BACKEND says otherwise), one named queue, and a
# visibility timeout longer than the longest task so that an unacknowledged task (acks late)
# is redelivered after a worker dies instead of being lost.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("DIGIBRIDGE_TASK_QUEUE", "digibridge")
CELERY_RESULT_BACKEND = (
    os.environ.get(
        "DIGIBRIDGE_RESULT_BACKEND",
        CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis://", "rediss://")) else "",
    )
    or None
)
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_RESULT_EXTENDED = True
CELERY_TASK_TRACK_STARTED = True
CELERY_TASK_SOFT_TIME_LIMIT = int(os.environ.get("DIGIBRIDGE_TASK_SOFT_TIME_LIMIT", "1800"))
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 600}
CELERY_WORKER_CONCURRENCY = int(os.environ.get("DIGIBRIDGE_WORKER_CONCURRENCY", "2"))
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")


def cache_from_url(url: str) -> dict:
    """A CACHES entry from DIGIBRIDGE_CACHE_URL.

    ``redis://host:port/db`` (shared by all app servers), ``db://table`` (run
    ``digibridge createcachetable``), ``dummy://``; empty means per-process memory.
    """
    if not url or url.startswith("locmem://"):
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "digibridge",
        }
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "digibridge",
        }
    if url.startswith("db://"):
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": url.removeprefix("db://") or "digibridge_cache",
        }
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ValueError(f"DIGIBRIDGE_CACHE_URL: unsupported scheme in {url!r}")


CACHE_URL = os.environ.get("DIGIBRIDGE_CACHE_URL", "")
CACHES = {"default": cache_from_url(CACHE_URL)}
# Sessions stay in the database unless DIGIBRIDGE_SESSION_STORE says "cache" (Redis only: a
# per-process cache would log users out between app servers) or "cached_db".
SESSION_ENGINE = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
}[os.environ.get("DIGIBRIDGE_SESSION_STORE", "db")]

DIGIBRIDGE_PAGE_SIZE = int(os.environ.get("DIGIBRIDGE_PAGE_SIZE", "20"))
# Listing totals are cached until a table they read changes (common/counting.py). With the
# per-process memory cache, other worker processes see a change after at most this long; with
# Redis every process sees every write at once, and only writes made outside DigiBridge (psql)
# wait for it, so the default there is longer: recounting 100,000 rows for each user's own
# total every 30 s was a sixth of a core under the 50-user load.
DIGIBRIDGE_COUNT_CACHE_SECONDS = int(
    os.environ.get(
        "DIGIBRIDGE_COUNT_CACHE_SECONDS",
        "300" if CACHES["default"]["BACKEND"].endswith("RedisCache") else "30",
    )
)
# Conversation attachments: outside MEDIA_ROOT, served only after a permission check.
DIGIBRIDGE_PRIVATE_ROOT = Path(os.environ.get("DIGIBRIDGE_PRIVATE_ROOT", VAR_DIR / "private"))
DIGIBRIDGE_SITE_URL = os.environ.get("DIGIBRIDGE_SITE_URL", "")
# Privacy: registrations are anonymised this many days after their event ends; where the
# deployment keeps its data (shown on the operators' record of processing, e.g. "EU (Barcelona)"
# or "China (Beijing)": cross-border transfer rules of the GDPR and the PIPL depend on it).
DIGIBRIDGE_RETENTION_DAYS = int(os.environ.get("DIGIBRIDGE_RETENTION_DAYS", "730"))
DIGIBRIDGE_DATA_LOCATION = os.environ.get("DIGIBRIDGE_DATA_LOCATION", "")


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line (``DIGIBRIDGE_LOG_FORMAT=json``), for log collectors.

    Keys: time (UTC, ISO 8601), level, logger, message, plus any ``extra=`` fields a caller
    passed (the failed-task log adds task_name, task_id, ...) and the traceback if any.
    """

    _standard = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in self._standard and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool) else repr(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


LOG_FORMAT = os.environ.get("DIGIBRIDGE_LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": JsonLogFormatter}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DIGIBRIDGE_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Dense candidate retrieval of the matching index: "numpy" (in memory, the embedded default) or
# "pgvector" (an HNSW index in PostgreSQL with the vector extension; see docs/deployment.md).
DIGIBRIDGE_MATCHING_BACKEND = os.environ.get("DIGIBRIDGE_MATCHING_BACKEND", "numpy")
# /metrics (Prometheus text): clients from these addresses/networks, or any client with
# "Authorization: Bearer <DIGIBRIDGE_METRICS_TOKEN>" when a token is set.
DIGIBRIDGE_METRICS_ALLOWED_IPS = env_list("DIGIBRIDGE_METRICS_ALLOWED_IPS", "127.0.0.1,::1")
DIGIBRIDGE_METRICS_TOKEN = os.environ.get("DIGIBRIDGE_METRICS_TOKEN", "")
# Seconds /healthz waits for the broker before reporting it down.
DIGIBRIDGE_HEALTH_TIMEOUT = float(os.environ.get("DIGIBRIDGE_HEALTH_TIMEOUT", "2"))
