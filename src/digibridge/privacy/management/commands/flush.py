"""``flush`` that may empty the append-only audit log: on SQLite the audit triggers would refuse
the DELETE, so they are lifted for the flush and put back afterwards (PostgreSQL truncates,
which fires no row triggers). Everything else is Django's own ``flush``."""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections

from digibridge.privacy import guards


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with guards.lifted(connection):
            return super().handle(**options)
