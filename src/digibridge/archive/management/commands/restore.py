"""``digibridge restore FILE.zip``: restore a backup, migrating it when it is older."""

from __future__ import annotations

from ._common import LoadCommand


class Command(LoadCommand):
    help = (
        "Restore a backup made by 'digibridge backup' (or 'export-data') into an empty "
        "database, new or migrated. A backup from an older version is loaded at its own "
        "migration state and then migrated forward. --force replaces existing data."
    )
    service_name = "archive_restore"
    doing, done = "Restoring", "Restored"
