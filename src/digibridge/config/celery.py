"""Celery application: background jobs on workers when DIGIBRIDGE_BROKER_URL is set, else run
in-process (``CELERY_TASK_ALWAYS_EAGER``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digibridge.config.settings")

app = Celery("digibridge")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
