"""Run a Celery worker for the platform's background tasks (``digibridge worker``)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Run a background worker (Celery) on the broker in DIGIBRIDGE_BROKER_URL. "
        "--beat also runs the periodic schedule (run it in exactly one worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--concurrency",
            type=int,
            default=settings.CELERY_WORKER_CONCURRENCY,
            help="worker processes (default DIGIBRIDGE_WORKER_CONCURRENCY or 2)",
        )
        parser.add_argument(
            "--queues",
            default=settings.CELERY_TASK_DEFAULT_QUEUE,
            help="comma-separated queues to consume (default DIGIBRIDGE_TASK_QUEUE)",
        )
        parser.add_argument(
            "--beat", action="store_true", help="also run the periodic schedule (Celery beat)"
        )
        parser.add_argument(
            "--loglevel", default="INFO", help="DEBUG, INFO, WARNING or ERROR (default INFO)"
        )
        parser.add_argument(
            "--pool",
            default="prefork",
            choices=["prefork", "solo", "threads"],
            help="execution pool (default prefork)",
        )
        parser.add_argument(
            "--max-tasks-per-child",
            type=int,
            default=200,
            help="recycle a worker process after this many tasks (bounds memory growth)",
        )
        parser.add_argument("--hostname", default=None, help="node name (default celery@host)")

    def handle(self, *args, **options):
        if not settings.CELERY_BROKER_URL:
            raise CommandError(
                "No broker configured: set DIGIBRIDGE_BROKER_URL (for example "
                "redis://127.0.0.1:6379/0). Without one, tasks run in-process."
            )
        from digibridge.config.celery import app

        app.worker_main(self.worker_argv(**options))

    @staticmethod
    def worker_argv(
        *, concurrency, queues, beat, loglevel, pool, max_tasks_per_child, hostname, **_
    ) -> list[str]:
        """Celery's own command line for these options.

        Gossip and mingle are off: they only share state (revoked ids, clock) between workers,
        cost seconds at start-up and chatter on the broker; the platform does not rely on them.
        """
        argv = [
            "worker",
            f"--concurrency={concurrency}",
            f"--queues={queues}",
            f"--loglevel={loglevel}",
            f"--pool={pool}",
            f"--max-tasks-per-child={max_tasks_per_child}",
            "--without-gossip",
            "--without-mingle",
        ]
        if hostname:
            argv.append(f"--hostname={hostname}")
        if beat:
            argv += ["--beat", f"--schedule={settings.CELERY_BEAT_SCHEDULE_FILENAME}"]
        return argv
