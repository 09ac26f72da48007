"""``digibridge import FILE --kind organisations [--dry-run]``: import a spreadsheet."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from digibridge.common.errors import DomainError
from digibridge.reports import importing, services


class Command(BaseCommand):
    help = (
        "Import organisations, people, opportunities, agreements or event registrations from an "
        ".xlsx or .csv file. "
        "All or nothing: a file with any error imports nothing and every error is listed. "
        "Rows with an external_id imported before are updated, not duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="an .xlsx workbook (first sheet) or a .csv file")
        parser.add_argument("--kind", required=True, choices=importing.KINDS)
        parser.add_argument("--dry-run", action="store_true", help="check the file, write nothing")

    def handle(self, *args, file: str, kind: str, dry_run: bool, **options):
        started = time.perf_counter()
        last = [0.0]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.perf_counter()
            if now - last[0] < 0.5 and done != total:
                return
            last[0] = now
            if stage == "validate":
                self.stdout.write(f"  checked {done} rows…")
            else:
                self.stdout.write(f"  written {done}/{total} rows ({100 * done // total}%)")

        self.stdout.write(f"Reading {file} ({kind})…")
        try:
            outcome = services.import_file(
                file, kind=kind, by=None, dry_run=dry_run, progress=progress
            )
        except FileNotFoundError as exc:
            raise CommandError(f"No such file: {file}") from exc
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        report = outcome.report
        elapsed = time.perf_counter() - started
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            if report.errors_left_off:
                self.stderr.write(f"… and {report.errors_left_off} more errors.")
            raise CommandError(
                f"{len(report.errors) + report.errors_left_off} errors in {report.rows_read} "
                "rows; nothing was imported."
            )
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"{report.rows_read} rows checked, no errors (dry run).")
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.rows_read} rows imported: created {outcome.created}, "
                f"updated {outcome.updated} in {elapsed:.1f} s."
            )
        )
