"""``digibridge export-data FILE.zip``: the platform's whole data in one ZIP file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from ._common import ExportCommand


class Command(ExportCommand):
    help = (
        "Export every row of every DigiBridge model, the users and groups, and the uploaded "
        "files into one ZIP file with a manifest (format, versions, migration state, counts). "
        "The file holds password hashes and private messages: keep it safe."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the ZIP file to write (replaced if it exists)")
        self.add_database_argument(parser)

    def handle(self, *args, file: str, database: str, **options):
        target = Path(file)
        if target.is_dir():
            raise CommandError(f"{file} is a directory; give a file name (or use 'backup').")
        if not target.parent.exists():
            raise CommandError(f"No such directory: {target.parent}")
        self.export(target, database=database)
