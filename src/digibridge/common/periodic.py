"""Periodic jobs without a Celery beat.

The embedded default (no broker) runs the beat schedule in a small companion process that
``digibridge serve`` starts (``digibridge periodic``), so deadlines pass and reminders go out
on a single machine too. With a broker, ``digibridge worker --beat`` does this instead.
The time each job last ran is kept in ``var/periodic.json``, so a restart does not send the
weekly digest again.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)


class EmbeddedBeat:
    """Runs every task of ``CELERY_BEAT_SCHEDULE`` in-process at its interval (seconds)."""

    def __init__(self, *, state_path: Path | None = None, tick: float = 30.0) -> None:
        self.tick = tick
        self.state_path = state_path
        self.stopped = threading.Event()
        self.last_run: dict[str, float] = self._load()

    def _load(self) -> dict[str, float]:
        if self.state_path is None or not self.state_path.exists():
            return {}
        try:
            data = json.loads(self.state_path.read_text())
        except (OSError, ValueError):
            logger.warning("periodic: unreadable %s, starting afresh", self.state_path)
            return {}
        return {str(k): float(v) for k, v in data.items() if isinstance(v, int | float)}

    def _save(self) -> None:
        if self.state_path is None:
            return
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.last_run))
        tmp.replace(self.state_path)

    def run_due(self, now: float) -> list[str]:
        """Run the jobs whose interval has passed since they last ran; returns their names."""
        from digibridge.config.celery import app

        app.loader.import_default_modules()  # makes autodiscovery load every app's tasks
        ran = []
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
            interval = float(entry["schedule"])
            last = self.last_run.get(name)
            if last is not None and now < last + interval:
                continue
            self.last_run[name] = now
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
                if not connection.in_atomic_block:  # never inside a caller's transaction
                    close_old_connections()
        if ran:
            self._save()
        return ran

    def run_forever(self) -> None:
        while not self.stopped.is_set():
            self.run_due(time.time())
            self.stopped.wait(self.tick)
