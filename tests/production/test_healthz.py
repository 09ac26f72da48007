"""``/healthz`` and the production settings knobs."""

import json
import logging
import os
import subprocess
import sys

import pytest
from django.urls import reverse

from digibridge.config.settings import JsonLogFormatter, cache_from_url


@pytest.mark.django_db
def test_healthz_reports_database_broker_and_matching(client):
    response = client.get(reverse("common:healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["broker"]["status"] == "not_configured"
    matching = body["checks"]["matching"]
    assert matching["backend"] == "numpy" and matching["status"] == "ok"
    assert body["status"] == "ok"


@pytest.mark.django_db
def test_healthz_is_degraded_when_the_broker_is_down(client, settings):
    """Tasks then run in the app servers' processes (slower, not lost): the servers still do
    their work, so a load balancer must keep them (200), and the body says what is missing."""
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    settings.DIGIBRIDGE_HEALTH_TIMEOUT = 0.5
    from digibridge.config.celery import app

    saved = app.conf.broker_url
    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        response = client.get(reverse("common:healthz"))
    finally:
        app.conf.broker_url = saved
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["broker"]["status"] == "down"
    assert "in-process" in body["checks"]["broker"]["fallback"]


@pytest.mark.django_db
def test_healthz_matching_degraded_when_pgvector_is_asked_for_but_missing(client, settings):
    settings.DIGIBRIDGE_MATCHING_BACKEND = "pgvector"
    response = client.get(reverse("common:healthz"))
    assert response.status_code == 200
    matching = response.json()["checks"]["matching"]
    assert matching["status"] == "degraded"
    assert matching["pgvector"]["status"] == "unavailable"


def test_cache_url_schemes():
    assert cache_from_url("")["BACKEND"].endswith("LocMemCache")
    redis = cache_from_url("redis://127.0.0.1:6379/3")
    assert redis["BACKEND"].endswith("RedisCache") and redis["LOCATION"].endswith("/3")
    assert cache_from_url("db://cache_table")["LOCATION"] == "cache_table"
    with pytest.raises(ValueError, match="unsupported"):
        cache_from_url("memcached://x")


def test_json_log_formatter_writes_one_object_per_line():
    record = logging.makeLogRecord(
        {"name": "digibridge.tasks", "levelname": "ERROR", "msg": "task failed: %s", "args": ("x",)}
    )
    record.task_id = "abc"
    line = JsonLogFormatter().format(record)
    entry = json.loads(line)
    assert entry["message"] == "task failed: x"
    assert entry["task_id"] == "abc" and entry["logger"] == "digibridge.tasks"


def test_settings_read_cache_sessions_media_and_log_format_from_environment(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE, s.MEDIA_ROOT,"
        " s.LOGGING['handlers']['console'].get('formatter'), s.DIGIBRIDGE_MATCHING_BACKEND)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "digibridge.config.settings",
        "DIGIBRIDGE_VAR_DIR": str(tmp_path),
        "DIGIBRIDGE_CACHE_URL": "redis://127.0.0.1:6379/13",
        "DIGIBRIDGE_SESSION_STORE": "cache",
        "DIGIBRIDGE_MEDIA_ROOT": str(tmp_path / "uploads"),
        "DIGIBRIDGE_LOG_FORMAT": "json",
        "DIGIBRIDGE_MATCHING_BACKEND": "pgvector",
    }
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup();" + code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert out == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cache",
        str(tmp_path / "uploads"),
        "json",
        "pgvector",
    ]


def test_embedded_defaults_are_unchanged(settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    assert settings.DIGIBRIDGE_MATCHING_BACKEND == "numpy"
