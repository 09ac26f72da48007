"""What the archive commands share: progress on the console, domain errors as command errors,
and the confirmation before data is replaced."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from digibridge.archive import services
from digibridge.common.errors import DomainError


class ArchiveCommand(BaseCommand):
    def add_database_argument(self, parser) -> None:
        parser.add_argument(
            "--database", default="default", help="the database alias (default: default)"
        )

    def add_replace_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the data the database holds (asks for confirmation)",
        )
        parser.add_argument(
            "--yes", action="store_true", help="with --force: replace without asking"
        )

    def say(self, message: str) -> None:
        self.stdout.write(f"  {message}")

    def confirm_replace(self, *, force: bool, yes: bool, database: str) -> None:
        if not force or yes:
            return
        answer = input(
            f"This deletes every row in the database '{database}' and logs everyone out. "
            "Type 'yes' to continue: "
        )
        if answer.strip().lower() != "yes":
            raise CommandError("Cancelled; nothing was changed.")

    def run_service(self, function, **kwargs):
        try:
            return function(progress=self.say, **kwargs)
        except DomainError as exc:
            raise CommandError(exc.message) from exc


class ExportCommand(ArchiveCommand):
    def export(self, target: Path, *, database: str) -> None:
        started = time.perf_counter()
        self.stdout.write(f"Exporting to {target}…")
        manifest = self.run_service(services.archive_export, target=target, using=database)
        rows = sum(entry["rows"] for entry in manifest["models"])
        missing = len(manifest["files"]["missing"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {rows} rows of {len(manifest['models'])} models and "
                f"{manifest['files']['count']} files to {target} "
                f"({target.stat().st_size} bytes) in {time.perf_counter() - started:.1f} s."
            )
        )
        if missing:
            self.stderr.write(f"{missing} files named by rows were missing from storage.")


class LoadCommand(ArchiveCommand):
    """``import-data`` and ``restore``: read an archive into the database."""

    service_name = ""  # a function of digibridge.archive.services
    doing, done = "", ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive (ZIP file) to read")
        self.add_database_argument(parser)
        self.add_replace_arguments(parser)

    def handle(self, *args, file: str, database: str, force: bool, yes: bool, **options):
        self.confirm_replace(force=force, yes=yes, database=database)
        started = time.perf_counter()
        self.stdout.write(f"{self.doing} {file}…")
        manifest = self.run_service(
            getattr(services, self.service_name), source=file, force=force, using=database
        )
        rows = sum(entry["rows"] for entry in manifest["models"])
        self.stdout.write(
            self.style.SUCCESS(
                f"{self.done} {rows} rows of {len(manifest['models'])} models and "
                f"{manifest['files']['count']} files (archive of {manifest['created_at']}, "
                f"version {manifest['app_version']}) in {time.perf_counter() - started:.1f} s."
            )
        )
