"""``digibridge import-data FILE.zip``: load an export into an empty instance."""

from __future__ import annotations

import time

from digibridge.archive import services

from ._common import ArchiveCommand


class Command(ArchiveCommand):
    help = (
        "Import an archive written by 'export-data' or 'backup' at this version's migration "
        "state: every row and uploaded file, all or nothing in one transaction. The database "
        "must be empty (a freshly migrated instance is) unless --force replaces its data. "
        "An archive from an older version needs 'digibridge restore', which migrates."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the ZIP file to read")
        self.add_database_argument(parser)
        self.add_replace_arguments(parser)

    def handle(self, *args, file: str, database: str, force: bool, yes: bool, **options):
        self.confirm_replace(force=force, yes=yes, database=database)
        started = time.perf_counter()
        self.stdout.write(f"Importing {file}…")
        manifest = self.run_service(
            services.archive_import, source=file, force=force, using=database
        )
        rows = sum(entry["rows"] for entry in manifest["models"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {rows} rows of {len(manifest['models'])} models and "
                f"{manifest['files']['count']} files (archive of {manifest['created_at']}, "
                f"version {manifest['app_version']}) in {time.perf_counter() - started:.1f} s."
            )
        )
