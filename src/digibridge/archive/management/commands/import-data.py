"""``digibridge import-data FILE.zip``: load an export into an empty instance."""

from __future__ import annotations

from ._common import LoadCommand


class Command(LoadCommand):
    help = (
        "Import an archive written by 'export-data' or 'backup' at this version's migration "
        "state: every row and uploaded file, all or nothing in one transaction. The database "
        "must be empty (a freshly migrated instance is) unless --force replaces its data. "
        "An archive from an older version needs 'digibridge restore', which migrates."
    )
    service_name = "archive_import"
    doing, done = "Importing", "Imported"
