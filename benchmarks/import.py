"""Benchmark of the spreadsheet import: 50,000 organisation rows, created then re-imported;
then people and event registrations.

Usage::

    .venv/bin/python benchmarks/import.py [--rows 50000] [--json] [--keep]

Runs against a fresh SQLite database in a temporary directory (or ``DATABASE_URL`` when set,
which must then be an empty, migrated database you do not mind filling). Steps, each timed:

1. write a CSV and an XLSX file of ``--rows`` organisations (openpyxl, write-only mode);
2. ``digibridge import`` path for the CSV: read + validate + write (all new rows);
3. the same for the XLSX with every name changed: read + validate + update (no new rows);
4. a dry run of the CSV (read + validate only);
5. the web path: the CSV again (names changed) as a background import job, the way the
   confirm step runs it (``import_job_start`` + the task), progress file included;
6. ``--rows`` people (one per organisation), then ``--rows`` registrations of them for one
   event: references resolved, capacity checked, registrations created.

It checks that the re-imports created nothing and that the row counts are right.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

HEADER = ["external_id", "name", "country", "type", "city", "website", "sectors", "size"]
COUNTRIES = ["CN", "ES", "DE", "FR", "IT", "NL", "PT", "PL"]
CITIES = ["Beijing", "Barcelona", "Munich", "Lyon", "Milan", "Eindhoven", "Lisbon", "Warsaw"]
SECTORS = ["smart-logistics", "energy-storage", "ai-large-models", "", "warehouse-automation"]
SIZES = ["micro", "small", "medium", "large"]


def rows(count: int, suffix: str = ""):
    for i in range(count):
        yield [
            f"BENCH-{i:06d}",
            f"Benchmark Enterprise {i}{suffix}",
            COUNTRIES[i % len(COUNTRIES)],
            "enterprise",
            CITIES[i % len(CITIES)],
            f"https://enterprise-{i}.example.org",
            SECTORS[i % len(SECTORS)],
            SIZES[i % len(SIZES)],
        ]


def write_csv(path: Path, count: int, suffix: str = "") -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows(count, suffix))


def write_xlsx(path: Path, count: int, suffix: str = "") -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("organisations")
    sheet.append(HEADER)
    for row in rows(count, suffix):
        sheet.append(row)
    workbook.save(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="digibridge-import-bench-"))
    os.environ.setdefault("DIGIBRIDGE_VAR_DIR", str(workdir / "var"))
    os.environ.setdefault("DIGIBRIDGE_MEDIA_ROOT", str(workdir / "media"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digibridge.config.settings")
    os.environ.setdefault("DIGIBRIDGE_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from digibridge.directory.models import Organisation
    from digibridge.reports import services

    log = (lambda *a: None) if args.json else print
    figures: dict[str, float | int | str] = {
        "rows": args.rows,
        "database": connection.vendor,
    }

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    figures["migrate_s"] = round(time.perf_counter() - started, 2)
    before = Organisation.objects.count()

    csv_path, xlsx_path = workdir / "organisations.csv", workdir / "organisations.xlsx"
    started = time.perf_counter()
    write_csv(csv_path, args.rows)
    figures["write_csv_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    write_xlsx(xlsx_path, args.rows, suffix=" (renamed)")
    figures["write_xlsx_s"] = round(time.perf_counter() - started, 2)
    figures["csv_mb"] = round(csv_path.stat().st_size / 1e6, 2)
    figures["xlsx_mb"] = round(xlsx_path.stat().st_size / 1e6, 2)
    log(f"{args.rows} rows: CSV {figures['csv_mb']} MB, XLSX {figures['xlsx_mb']} MB")

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "write" and (done == total or done % 10_000 == 0):
            log(f"  written {done}/{total}")

    started = time.perf_counter()
    outcome = services.import_file(csv_path, kind="organisations", by=None, dry_run=True)
    figures["csv_validate_s"] = round(time.perf_counter() - started, 2)
    assert outcome.report.ok, outcome.report.errors[:5]
    log(f"CSV read + validate (dry run): {figures['csv_validate_s']} s")

    started = time.perf_counter()
    outcome = services.import_file(csv_path, kind="organisations", by=None, progress=progress)
    figures["csv_import_create_s"] = round(time.perf_counter() - started, 2)
    assert outcome.created == args.rows and outcome.updated == 0, outcome
    log(f"CSV import, {outcome.created} created: {figures['csv_import_create_s']} s")

    started = time.perf_counter()
    outcome = services.import_file(xlsx_path, kind="organisations", by=None, progress=progress)
    figures["xlsx_reimport_update_s"] = round(time.perf_counter() - started, 2)
    assert outcome.created == 0 and outcome.updated == args.rows, outcome
    log(f"XLSX re-import, {outcome.updated} updated: {figures['xlsx_reimport_update_s']} s")

    assert Organisation.objects.count() == before + args.rows
    assert Organisation.objects.filter(name__endswith="(renamed)").count() == args.rows

    # 5. The web path: a background job, as the confirm step queues it.
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from digibridge.reports.models import ImportJob

    operator = get_user_model().objects.create_user(
        email="bench-operator@example.org", password=None, role="operator"
    )
    job_csv = services.imports_dir() / "bench-job.csv"
    write_csv(job_csv, args.rows, suffix=" (job)")
    started = time.perf_counter()
    with transaction.atomic():
        job = services.import_job_start(
            by=operator,
            kind="organisations",
            file_name=job_csv.name,
            original_name="organisations.csv",
            expected_rows=args.rows,
        )
    while not ImportJob.objects.get(pk=job.pk).finished:
        time.sleep(0.2)
    job.refresh_from_db()
    figures["web_job_update_s"] = round(time.perf_counter() - started, 2)
    assert job.status == "done" and job.updated == args.rows, (job.status, job.message)
    log(f"Web import job (background), {job.updated} updated: {figures['web_job_update_s']} s")

    # 6. People, then their registrations for one event.
    from digibridge.events.models import Event, Registration

    people_csv, registrations_csv = workdir / "people.csv", workdir / "registrations.csv"
    with open(people_csv, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "organisation", "first_name", "last_name", "email"])
        writer.writerows(
            [f"P-{i:06d}", f"BENCH-{i:06d}", "Ana", f"Bench {i}", f"person{i}@example.org"]
            for i in range(args.rows)
        )
    host = Organisation.objects.order_by("pk").first()
    event = Event.objects.create(
        name="Benchmark Forum",
        slug="benchmark-forum",
        host=host,
        start=timezone.now(),
        end=timezone.now() + dt.timedelta(hours=8),
        capacity=args.rows,
    )
    with open(registrations_csv, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "event", "person", "participant_type", "status"])
        writer.writerows(
            [f"R-{i:06d}", event.slug, f"P-{i:06d}", "enterprise_executive", "approved"]
            for i in range(args.rows)
        )
    started = time.perf_counter()
    outcome = services.import_file(people_csv, kind="people", by=None)
    figures["people_create_s"] = round(time.perf_counter() - started, 2)
    assert outcome.created == args.rows, outcome.report.errors[:5]
    log(f"People, {outcome.created} created: {figures['people_create_s']} s")
    started = time.perf_counter()
    outcome = services.import_file(registrations_csv, kind="registrations", by=None)
    figures["registrations_create_s"] = round(time.perf_counter() - started, 2)
    assert outcome.created == args.rows, outcome.report.errors[:5]
    assert Registration.objects.filter(event=event, status="approved").count() == args.rows
    log(f"Registrations, {outcome.created} created: {figures['registrations_create_s']} s")
    figures["rows_per_s_create"] = round(args.rows / figures["csv_import_create_s"])
    figures["rows_per_s_update"] = round(args.rows / figures["xlsx_reimport_update_s"])
    figures["rows_per_s_registrations"] = round(args.rows / figures["registrations_create_s"])
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        log(
            f"{figures['rows_per_s_create']} rows/s created, "
            f"{figures['rows_per_s_update']} rows/s updated"
        )
    if not args.keep:
        import shutil

        connection.close()
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        log(f"Kept {workdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
