"""Checks shared by the tests of the pg_trgm search-index migrations (directory 0005 and
marketplace 0005): the SQL a search really executes, its plans, the indexes in the catalogue,
and the migration's behaviour without pg_trgm and on SQLite."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="pg_trgm indexes exist on PostgreSQL only"
)


def statement_of(run: Callable[[], object]) -> tuple[str, tuple]:
    """The SQL and parameters of the one statement ``run()`` executes."""
    executed = []

    def capture(execute, sql, params, many, context):
        executed.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        run()
    assert len(executed) == 1, executed
    return executed[0]


def explain(sql: str, params, **settings: str) -> str:
    """PostgreSQL's plan for the statement under ``SET LOCAL`` planner settings."""
    with transaction.atomic(), connection.cursor() as cursor:
        for name, value in settings.items():
            cursor.execute(f"SET LOCAL {name} = {value}")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def counts_by_plan(sql: str, params) -> dict[str, int]:
    """The count a ``COUNT`` statement gives with index scans off and with sequential scans
    off: the indexes must find what reading the table finds."""
    plans = {
        "sequential": dict(enable_indexscan="off", enable_bitmapscan="off"),
        "indexes": dict(enable_seqscan="off"),
    }
    counts = {}
    for label, settings in plans.items():
        with transaction.atomic(), connection.cursor() as cursor:
            for name, value in settings.items():
                cursor.execute(f"SET LOCAL {name} = {value}")
            cursor.execute(sql, params)
            counts[label] = cursor.fetchone()[0]
    return counts


def trigram_indexes(table: str, names) -> dict[str, str]:
    """Name -> definition of the indexes of ``table`` among ``names``."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        return {name: definition for name, definition in cursor.fetchall() if name in names}


def assert_trigram_indexes_created(table: str, indexes: dict[str, str]) -> None:
    """Every ``name: column`` of a migration's INDEXES is a GIN trigram index on the
    expression Django compiles ``icontains`` to."""
    found = trigram_indexes(table, set(indexes))
    assert set(found) == set(indexes)
    for name, column in indexes.items():
        assert "USING gin" in found[name]
        assert "gin_trgm_ops" in found[name]
        # PostgreSQL prints upper((name)::text), or upper(description) for a text column.
        assert re.search(rf"\(upper\(\(?{column}\b", found[name].replace('"', "")), found[name]


def run_without_pg_trgm(migration, app_label: str, caplog) -> None:
    """The migration's ``forwards`` for a role that may not create extensions, on a database
    without pg_trgm (dropped, with its indexes, inside the test's transaction): it must log a
    warning and leave the transaction usable."""
    role = "test_trgm_no_extensions"
    with connection.cursor() as cursor:
        cursor.execute("DROP EXTENSION pg_trgm CASCADE")  # drops the indexes too
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")  # rolled back with the test
        cursor.execute(f"SET ROLE {role}")
    try:
        with caplog.at_level(logging.WARNING, logger=f"digibridge.{app_label}"):
            with connection.schema_editor() as editor:
                migration.forwards(apps, editor)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert "pg_trgm is not available" in caplog.text
    assert "permission denied" in caplog.text


def assert_migration_does_nothing_on_sqlite(migration) -> None:
    # Not entered: SQLite's editor refuses to open inside the test's transaction, and the
    # migration must not need it to (collect_sql records what it would run).
    editor = connection.schema_editor(collect_sql=True)
    with CaptureQueriesContext(connection) as queries:
        migration.forwards(apps, editor)
        migration.backwards(apps, editor)
    assert editor.collected_sql == []
    assert len(queries) == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        assert not set(migration.INDEXES) & {row[0] for row in cursor.fetchall()}
