"""Benchmark of the new-match notices job (``matching.notify.new_matches_notify``).

Usage::

    .venv/bin/python benchmarks/match_notices.py [--opportunities 5000] [--users 50] [--json]

Runs against a fresh SQLite database in a temporary directory, filled by
``benchmarks/scale_data.py``'s generator (multilingual demo texts recombined, synthetic
embeddings; ``--organisations`` organisations, ``--opportunities`` opportunities, ``--users``
users who each act for an organisation). Steps, each timed:

1. the first run: every opportunity was just published, so every user's every open
   opportunity is looked at (``matches_for`` as that user) and the pairs above the default
   threshold are notified;
2. a second run right after: nothing changed since, so it returns at once;
3. a run after ``--touched`` more opportunities were published: only pairs with one of them
   are new.

It checks that the second run notifies nobody and that no pair is notified twice.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=1_000)
    parser.add_argument("--opportunities", type=int, default=5_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--touched", type=int, default=20)
    parser.add_argument("--random-vectors", action="store_true", help="skip the real embedder")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="digibridge-match-notices-bench-"))
    os.environ["DIGIBRIDGE_VAR_DIR"] = str(workdir / "var")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digibridge.config.settings")
    os.environ.setdefault("DIGIBRIDGE_LOG_LEVEL", "WARNING")
    os.environ.setdefault(
        "DIGIBRIDGE_EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend"
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    import scale_data
    from digibridge.marketplace.models import Opportunity
    from digibridge.matching.index_store import store
    from digibridge.matching.notify import new_matches_notify
    from digibridge.outreach.models import MatchAlert, Notification

    figures: dict[str, float | int] = {}
    try:
        call_command("migrate", interactive=False, verbosity=0)
        sizes = scale_data.Sizes(
            organisations=args.organisations,
            opportunities=args.opportunities,
            participants=max(args.users, 10),
            meetings=20,
            users=args.users,
            blocks=1,
            slots_per_block=4,
        )
        scale_data.generate(sizes, real_vectors=not args.random_vectors)
        start = time.perf_counter()
        store.get()
        figures["index_build_s"] = round(time.perf_counter() - start, 2)
        figures["opportunities"] = Opportunity.objects.count()

        def run(name: str, now) -> dict:
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                report = new_matches_notify(now=now)
                seconds = time.perf_counter() - began
            figures[f"{name}_s"] = round(seconds, 3)
            figures[f"{name}_queries"] = len(queries)
            figures[f"{name}_users_notified"] = report.users_notified
            figures[f"{name}_pairs"] = report.pairs
            return report.notified

        now = timezone.now()
        published = Opportunity.objects.filter(status="published")
        fresh = list(published.order_by("?").values_list("pk", flat=True)[: args.touched])
        # Everything was published two hours ago, except a few held back for step 3.
        two_hours_ago = now - dt.timedelta(hours=2)
        published.update(published_at=two_hours_ago, updated_at=two_hours_ago)
        Opportunity.objects.filter(pk__in=fresh).update(status="draft")
        run("first_run", now)
        second = run("second_run", now + dt.timedelta(hours=2))
        assert second == {}, "the second run notified again"
        later = now + dt.timedelta(hours=4)
        Opportunity.objects.filter(pk__in=fresh).update(
            status="published", published_at=later - dt.timedelta(minutes=1)
        )
        run("after_publishing_run", later)
        figures["published_for_the_last_run"] = len(fresh)
        pairs = MatchAlert.objects.count()
        distinct = MatchAlert.objects.values("user", "source", "target").distinct().count()
        assert pairs == distinct
        figures["notices"] = Notification.objects.filter(kind="match").count()
        figures["users_with_memberships"] = args.users
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:>32}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
