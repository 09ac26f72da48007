"""``digibridge backup DIR-OR-FILE``: an archive of everything (see ``export-data``)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import CommandError

from ._common import ExportCommand


class Command(ExportCommand):
    help = (
        "Back up the platform (data, users, uploaded files) into one ZIP file, on SQLite and "
        "PostgreSQL alike. Given a directory, the file is named "
        "digibridge-backup-<UTC date and time>.zip. Restore it with 'digibridge restore'."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", help="a directory, or the ZIP file to write")
        self.add_database_argument(parser)

    def handle(self, *args, target: str, database: str, **options):
        path = Path(target)
        if path.is_dir():
            stamp = datetime.now(tz=UTC).strftime("%Y%m%d-%H%M%S")
            path = path / f"digibridge-backup-{stamp}.zip"
        elif not path.parent.exists():
            raise CommandError(f"No such directory: {path.parent}")
        self.export(path, database=database)
