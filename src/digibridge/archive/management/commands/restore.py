"""``digibridge restore FILE.zip``: restore a backup, migrating it when it is older."""

from __future__ import annotations

import time

from digibridge.archive import services

from ._common import ArchiveCommand


class Command(ArchiveCommand):
    help = (
        "Restore a backup made by 'digibridge backup' (or 'export-data') into an empty "
        "database, new or migrated. A backup from an older version is loaded at its own "
        "migration state and then migrated forward. --force replaces existing data."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup ZIP file")
        self.add_database_argument(parser)
        self.add_replace_arguments(parser)

    def handle(self, *args, file: str, database: str, force: bool, yes: bool, **options):
        self.confirm_replace(force=force, yes=yes, database=database)
        started = time.perf_counter()
        self.stdout.write(f"Restoring {file}…")
        manifest = self.run_service(
            services.archive_restore, source=file, force=force, using=database
        )
        rows = sum(entry["rows"] for entry in manifest["models"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows} rows and {manifest['files']['count']} files from the backup "
                f"of {manifest['created_at']} (version {manifest['app_version']}) in "
                f"{time.perf_counter() - started:.1f} s."
            )
        )
