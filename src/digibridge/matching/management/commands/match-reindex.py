"""``digibridge match-reindex``: embed every opportunity again and rebuild the index."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Re-embed opportunities whose text changed (all with --force) and rebuild the index."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="re-embed every opportunity")

    def handle(self, *args, force: bool, **options):
        from digibridge.matching import engine
        from digibridge.matching.index_store import store
        from digibridge.matching.services import opportunity_vectors_refresh

        started = time.monotonic()

        def bar(done: int, total: int) -> None:
            width = 30
            filled = int(width * done / total) if total else width
            sys.stderr.write(f"\rEmbedding [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            sys.stderr.flush()

        try:
            embedded = opportunity_vectors_refresh(force=force, progress=bar)
        except engine.EngineError as exc:
            raise CommandError(f"matching unavailable: {exc}") from exc
        sys.stderr.write("\n")
        store.reset()
        index = store.get()
        self.stdout.write(
            f"{embedded} opportunities embedded; index holds {len(index)} "
            f"({time.monotonic() - started:.1f} s). Catalan pivot: "
            f"{'on' if engine.apertium_available() else 'off (apertium not installed)'}."
        )
