"""Settings for the test suite: the production settings with fast, self-contained pieces."""

import os

from .settings import *  # noqa: F403
from .settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed, tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LANGUAGE_CODE = "en"
# Tests see a failing in-process task's exception (production reports it on the log instead).
CELERY_TASK_EAGER_PROPAGATES = True

# Several test runs may share one PostgreSQL server (developers running suites side by side):
# DIGIBRIDGE_TEST_DB_NAME gives each its own test database.
if _test_db_name := os.environ.get("DIGIBRIDGE_TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": _test_db_name}  # noqa: F405
