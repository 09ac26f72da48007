"""Trigram indexes for the directory search on PostgreSQL (issue #9).

``organisation_search`` filters with ``icontains`` on name, names, description and city, which
Django compiles on PostgreSQL to ``UPPER("column"::text) LIKE UPPER('%q%')``. A pg_trgm GIN
index on exactly that expression lets the planner answer the four-way OR with a BitmapOr of
index scans instead of reading the whole table. Terms under 3 characters (two CJK characters)
give no trigrams; the planner then keeps the sequential scan.

Nothing happens on other databases. On PostgreSQL, when pg_trgm cannot be created (not
installed on the server, no permission), a warning is logged and the indexes are skipped, so
``migrate`` goes on: search stays correct, only slower. See docs/deployment.md ("Search
indexes") for adding them later. Reversing drops the indexes and leaves the extension.

The SQL is written out: ``django.contrib.postgres`` is not an installed app, so its ``OpClass``
would not be placed outside the expression's parentheses.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger("digibridge.directory")

TABLE = "directory_organisation"
# Index name -> column; the columns organisation_search matches with icontains.
INDEXES = {
    "directory_org_name_trgm": "name",
    "directory_org_names_trgm": "names",
    "directory_org_description_trgm": "description",
    "directory_org_city_trgm": "city",
}


def create_trigram_extension(schema_editor, app_label: str) -> bool:
    """``CREATE EXTENSION IF NOT EXISTS pg_trgm`` in a savepoint (a failed statement must not
    abort the migration's transaction); False, with a warning, when it fails."""
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        logger.warning(
            "pg_trgm is not available (%s): %s search indexes skipped; search works but "
            "reads the whole table. Install pg_trgm (package postgresql-contrib, or ask the "
            "DBA to run CREATE EXTENSION pg_trgm in this database), then re-run this "
            "migration; see docs/deployment.md, 'Search indexes'.",
            reason,
            app_label,
        )
        return False
    return True


def add_trigram_indexes(schema_editor, app_label: str, table: str, indexes: dict) -> None:
    """A GIN index on ``UPPER(column::text) gin_trgm_ops`` (the expression of icontains) for
    each ``name: column`` of ``indexes``; PostgreSQL only."""
    if schema_editor.connection.vendor != "postgresql":
        return
    if not create_trigram_extension(schema_editor, app_label):
        return
    quote = schema_editor.quote_name
    for name, column in indexes.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} "
            f"USING gin ((UPPER({quote(column)}::text)) gin_trgm_ops)"
        )


def remove_trigram_indexes(schema_editor, indexes: dict) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in indexes:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def forwards(apps, schema_editor):
    add_trigram_indexes(schema_editor, "directory", TABLE, INDEXES)


def backwards(apps, schema_editor):
    remove_trigram_indexes(schema_editor, INDEXES)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_service_centres"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
