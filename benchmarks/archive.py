"""Benchmark of the full data export, import and restore (``digibridge export-data``,
``import-data``, ``restore``).

Usage::

    .venv/bin/python benchmarks/archive.py [--opportunities 50000] [--json] [--keep]

Runs against a fresh SQLite database in a temporary directory (or ``DATABASE_URL`` when set,
which must then be an empty, migrated database you do not mind replacing). Steps, each timed:

1. load the demo programme (without embeddings) and ``--opportunities`` more opportunities,
   each with two sectors and target markets, plus a 1 MB uploaded document;
2. export everything to a ZIP (``archive_export``);
3. import it back over the same database (``archive_import(force=True)``: delete, load, check
   references, reset sequences, write files);
4. on SQLite, restore it into a new, empty database file in another process
   (``digibridge restore``: migrate, load, migrate the rest).

It checks that every count survives the round trip.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--opportunities", type=int, default=50_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="digibridge-archive-bench-"))
    os.environ.setdefault("DIGIBRIDGE_VAR_DIR", str(workdir / "var"))
    os.environ.setdefault("DIGIBRIDGE_MEDIA_ROOT", str(workdir / "media"))
    os.environ.setdefault("DIGIBRIDGE_PRIVATE_ROOT", str(workdir / "private"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digibridge.config.settings")
    os.environ.setdefault("DIGIBRIDGE_LOG_LEVEL", "WARNING")
    os.environ.setdefault(
        "DIGIBRIDGE_EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend"
    )
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.db import connection, transaction

    from digibridge.archive import services
    from digibridge.cooperation.demo import load_cooperation_demo
    from digibridge.cooperation.models import Agreement, AgreementDocument
    from digibridge.demo.loader import load_demo
    from digibridge.directory.models import Organisation, Sector
    from digibridge.events.demo import load_event_demo
    from digibridge.marketplace.demo_orders import load_orders_demo
    from digibridge.marketplace.models import Opportunity
    from digibridge.outreach.demo import load_outreach_demo

    log = (lambda *a: None) if args.json else print
    figures: dict[str, float | int | str] = {
        "database": connection.vendor,
        "extra_opportunities": args.opportunities,
    }

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load_demo()
    load_event_demo()
    load_cooperation_demo()
    load_orders_demo()
    load_outreach_demo()
    owners = list(Organisation.objects.values_list("pk", flat=True))
    sectors = list(Sector.objects.values_list("pk", flat=True))
    Through = Opportunity.sectors.through
    with transaction.atomic():
        for start in range(0, args.opportunities, 5000):
            batch = Opportunity.objects.bulk_create(
                Opportunity(
                    owner_id=owners[i % len(owners)],
                    kind="offer" if i % 2 else "request",
                    category="technology",
                    title=f"Benchmark solution {i} — 仓储机器人 {i}",
                    description="Autonomous forklifts for logistics parks. " * 6,
                    language="en",
                    target_countries=["ES", "CN"],
                    status="published",
                    visibility="public",
                )
                for i in range(start, min(start + 5000, args.opportunities))
            )
            Through.objects.bulk_create(
                Through(opportunity_id=o.pk, sector_id=sectors[(o.pk + k) % len(sectors)])
                for o in batch
                for k in (0, 1)
            )
    document = AgreementDocument(
        agreement=Agreement.objects.first(), original_name="big.pdf", size=1_000_000
    )
    document.file.save("big.pdf", ContentFile(b"%PDF-1.4 " + os.urandom(1_000_000)))
    figures["load_s"] = round(time.perf_counter() - started, 2)

    archive = workdir / "export.zip"
    started = time.perf_counter()
    manifest = services.archive_export(target=archive)
    figures["export_s"] = round(time.perf_counter() - started, 2)
    rows = sum(entry["rows"] for entry in manifest["models"])
    figures["rows"] = rows
    figures["archive_mb"] = round(archive.stat().st_size / 1e6, 2)
    figures["export_rows_per_s"] = round(rows / figures["export_s"])
    log(
        f"export: {rows} rows, {manifest['files']['count']} files, {figures['archive_mb']} MB "
        f"in {figures['export_s']} s"
    )

    counts = {entry["label"]: entry["rows"] for entry in manifest["models"]}
    started = time.perf_counter()
    services.archive_import(source=archive, force=True)
    figures["import_s"] = round(time.perf_counter() - started, 2)
    figures["import_rows_per_s"] = round(rows / figures["import_s"])
    log(f"import (forced, same database): {figures['import_s']} s")
    assert Opportunity.objects.count() == counts["marketplace.opportunity"]

    if connection.vendor == "sqlite":
        env = {
            **os.environ,
            "DIGIBRIDGE_VAR_DIR": str(workdir / "restored"),
            "DIGIBRIDGE_MEDIA_ROOT": str(workdir / "restored" / "media"),
            "DIGIBRIDGE_PRIVATE_ROOT": str(workdir / "restored" / "private"),
        }
        env.pop("DATABASE_URL", None)
        started = time.perf_counter()
        subprocess.run(  # noqa: S603 - our own command
            [sys.executable, "-m", "digibridge", "restore", str(archive)],
            env=env,
            check=True,
            capture_output=True,
        )
        figures["restore_new_db_s"] = round(time.perf_counter() - started, 2)
        log(
            f"restore into a new SQLite database (migrations included): "
            f"{figures['restore_new_db_s']} s"
        )

    if args.json:
        print(json.dumps(figures))
    if not args.keep:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
    else:
        log(f"kept {workdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
