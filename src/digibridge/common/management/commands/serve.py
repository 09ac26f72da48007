"""Serve DigiBridge with gunicorn (a production WSGI server) and whitenoise for static files."""

from __future__ import annotations

import gc
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the platform with gunicorn on HOST:PORT (static files through whitenoise)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
        parser.add_argument("--threads", type=int, default=4, help="threads per worker")
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="skip collecting static files"
        )
        parser.add_argument(
            "--no-warm-index",
            action="store_true",
            help="do not build the matching index before starting the workers (each worker "
            "then builds its own on its first matches page)",
        )

    def warm_index(self) -> None:
        """Build the matching index once, here, before gunicorn forks its workers.

        The workers inherit it (copy-on-write memory) and only apply the changes made since,
        instead of each building its own on its first matches page: at 100,000 opportunities
        that is about two CPU-minutes and over 2 GB per worker.
        """
        from django.db import connections

        from digibridge.matching import index_store
        from digibridge.matching.engine import EngineError

        started = time.monotonic()
        try:
            index = index_store.store.get()
        except EngineError as exc:
            self.stderr.write(f"Matching index not built before start ({exc}).")
        else:
            self.stdout.write(
                f"Matching index: {len(index):,} opportunities in "
                f"{time.monotonic() - started:.1f} s, shared by the workers."
            )
        finally:
            connections.close_all()  # no connection may cross the fork
        # Objects made so far are never collected in the workers: the collector leaves their
        # memory pages alone, so the pages stay shared.
        gc.freeze()

    def handle(
        self, *args, host, port, workers, threads, no_collectstatic, no_warm_index, **options
    ):
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        companion = None
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # No broker: deadlines, reminders and digests run in a companion process (not a
            # thread: gunicorn forks, and threads do not survive a fork safely).
            import subprocess  # noqa: S404 - our own command, fixed argv
            import sys

            companion = subprocess.Popen([sys.executable, "-m", "digibridge", "periodic"])  # noqa: S603
        from gunicorn.app.base import BaseApplication

        from digibridge.common import metrics

        # Before the application (and prometheus_client) is imported: the workers forked below
        # inherit the variable and write their request metrics to files that /metrics sums.
        metrics.prepare_multiprocess_dir(settings.VAR_DIR)
        from digibridge.config.wsgi import application

        if not no_warm_index:
            self.warm_index()

        class Server(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", workers)
                self.cfg.set("threads", threads)
                self.cfg.set("accesslog", "-")
                self.cfg.set("timeout", 60)
                self.cfg.set("graceful_timeout", 10)
                self.cfg.set("child_exit", metrics.child_exit)

            def load(self):
                return application

        db = settings.DATABASES["default"]
        self.stdout.write(
            f"DigiBridge on http://{host}:{port}/ (database: {db['ENGINE'].rsplit('.', 1)[-1]} "
            f"{db.get('NAME')}); stop with Ctrl+C."
        )
        try:
            Server().run()
        finally:
            if companion is not None:
                companion.terminate()
                companion.wait(timeout=10)
