"""Periodic jobs without a Celery beat: the embedded default runs the beat schedule in a
background thread of the ``serve`` process, so deadlines pass and reminders go out on a
single machine too. With a broker configured, ``digibridge worker --beat`` does this instead.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class EmbeddedBeat(threading.Thread):
    """Runs every task of ``CELERY_BEAT_SCHEDULE`` in-process at its interval (seconds)."""

    def __init__(self, *, tick: float = 30.0) -> None:
        super().__init__(name="digibridge-embedded-beat", daemon=True)
        self.tick = tick
        self.stopped = threading.Event()
        self.next_run: dict[str, float] = {}

    def run_due(self, now: float) -> list[str]:
        from digibridge.config.celery import app

        app.loader.import_default_modules()  # makes autodiscovery load every app's tasks
        ran = []
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
            interval = float(entry["schedule"])
            if now < self.next_run.get(name, 0.0):
                continue
            self.next_run[name] = now + interval
            task = app.tasks.get(entry["task"])
            if task is None:
                logger.warning("periodic task %s: unknown task %s", name, entry["task"])
                continue
            try:
                task.apply()
                ran.append(name)
            except Exception:  # one failing job must not stop the others
                logger.exception("periodic task %s failed", name)
            finally:
                close_old_connections()
        return ran

    def run(self) -> None:
        while not self.stopped.is_set():
            self.run_due(time.monotonic())
            self.stopped.wait(self.tick)

    def stop(self) -> None:
        self.stopped.set()
