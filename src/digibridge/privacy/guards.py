"""The audit log (``accounts.AuditEntry``) is append-only, enforced twice:

* in Django: ``pre_save``/``pre_delete`` receivers (connected in ``apps.py``) refuse to change
  or delete a stored entry, so a caller gets a clear :class:`AuditAppendOnlyError`;
* in the database: triggers on SQLite and PostgreSQL refuse any UPDATE or DELETE of a row, so
  ``QuerySet.update()``, raw SQL and the admin cannot rewrite history either. Both raise an
  ``IntegrityError``.

One change stays possible: ``actor`` set to NULL with every other column unchanged, which is
what the database does (ON DELETE SET NULL) when a user account is deleted. Accounts are
normally erased (anonymised) rather than deleted, which keeps the actor.

Emptying the whole database (``manage.py flush``, used by transactional tests and restores) is
allowed: PostgreSQL's TRUNCATE fires no row triggers, and on SQLite this app's ``flush`` command
lifts the triggers for the duration of the flush. Other code that must empty the table (the
archive's forced import) wraps that in :func:`lifted`.

``install`` is idempotent; it runs from migration 0001 and after every ``migrate``
(``post_migrate``), because SQLite drops a table's triggers when a migration rebuilds it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError

TABLE = "accounts_auditentry"

SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
    WHEN NOT (OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL AND NEW.id = OLD.id
              AND NEW.action IS OLD.action AND NEW.object_type IS OLD.object_type
              AND NEW.object_id IS OLD.object_id AND NEW.detail IS OLD.detail
              AND NEW.created_at IS OLD.created_at)
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: UPDATE refused'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: DELETE refused'); END""",
]
SQLITE_UNINSTALL = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
]

POSTGRES_INSTALL = [
    """CREATE OR REPLACE FUNCTION digibridge_audit_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
         AND (NEW.id, NEW.action, NEW.object_type, NEW.object_id, NEW.detail, NEW.created_at)
             IS NOT DISTINCT FROM
             (OLD.id, OLD.action, OLD.object_type, OLD.object_id, OLD.detail, OLD.created_at)
      THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP
        USING ERRCODE = 'restrict_violation';
    END $$""",
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION digibridge_audit_append_only()""",
]
POSTGRES_UNINSTALL = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS digibridge_audit_append_only()",
]


class AuditAppendOnlyError(IntegrityError):
    """An audit entry was about to be changed or deleted."""


def _statements(vendor: str, *, install: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_UNINSTALL
    if vendor == "postgresql":
        return POSTGRES_INSTALL if install else POSTGRES_UNINSTALL
    return []  # other databases: the Django-level guard only


def install(connection) -> None:
    if TABLE not in connection.introspection.table_names():
        return  # accounts not migrated (yet): migration 0001 and post_migrate install it
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, install=True):
            cursor.execute(sql)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, install=False):
            cursor.execute(sql)


@contextmanager
def lifted(connection) -> Iterator[None]:
    """Lift the database guard for a wholesale replacement of the data (a forced import or
    restore that empties every table first); it is back afterwards, also after an error."""
    uninstall(connection)
    try:
        yield
    finally:
        install(connection)


def installed(connection) -> bool:
    """True when the database triggers are in place (for the checks and the tests)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
            return cursor.fetchone()[0] == len(SQLITE_INSTALL)
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT COUNT(*) FROM pg_trigger WHERE tgname = %s", [f"{TABLE}_append_only"]
            )
            return cursor.fetchone()[0] == 1
    return False


def refuse_audit_change(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance._state.adding:  # new entries, and fixtures loaded by a restore
        return
    raise AuditAppendOnlyError("Audit entries are append-only: an entry cannot be changed.")


def refuse_audit_delete(sender, instance, **kwargs) -> None:
    raise AuditAppendOnlyError("Audit entries are append-only: an entry cannot be deleted.")


def reinstall_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    install(connections[using])
