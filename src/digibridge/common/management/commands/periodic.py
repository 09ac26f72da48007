"""``digibridge periodic``: run the beat schedule in this process (embedded deployments)."""

from __future__ import annotations

import signal

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (deadlines, reminders, digests) without a broker; "
        "`digibridge serve` starts this by itself when no broker is configured."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run what is due, then exit")
        parser.add_argument("--tick", type=float, default=30.0, help="seconds between checks")

    def handle(self, *args, once: bool, tick: float, **options):
        import time

        from digibridge.common.periodic import EmbeddedBeat

        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        beat = EmbeddedBeat(state_path=settings.VAR_DIR / "periodic.json", tick=tick)
        if once:
            ran = beat.run_due(time.time())
            self.stdout.write(f"ran: {', '.join(ran) or 'nothing was due'}")
            return
        signal.signal(signal.SIGTERM, lambda *_: beat.stopped.set())
        try:
            beat.run_forever()
        except KeyboardInterrupt:
            pass
