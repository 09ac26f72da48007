"""DigiBridge settings: one module, read from environment variables with embedded defaults.

The embedded default is a single machine: SQLite under ``var/``, jobs run in-process, debug
off. Production sets ``DATABASE_URL`` (PostgreSQL), ``DIGIBRIDGE_SECRET_KEY``,
``DIGIBRIDGE_ALLOWED_HOSTS`` and, for workers, ``DIGIBRIDGE_BROKER_URL``.
"""

from __future__ import annotations

import os
import secrets
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "digibridge.common.middleware.TimezoneMiddleware",
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
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
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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
SESSION_COOKIE_SECURE = env_bool("DIGIBRIDGE_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background jobs: in-process unless a broker is configured.
CELERY_BROKER_URL = os.environ.get("DIGIBRIDGE_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE = {
    "expire-opportunities": {
        "task": "digibridge.marketplace.tasks.expire_due_opportunities",
        "schedule": 3600.0,
    },
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "digibridge",
    }
}

DIGIBRIDGE_PAGE_SIZE = int(os.environ.get("DIGIBRIDGE_PAGE_SIZE", "20"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DIGIBRIDGE_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
