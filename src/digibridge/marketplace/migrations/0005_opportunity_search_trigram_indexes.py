"""Trigram indexes for the opportunity search on PostgreSQL (issue #9).

``opportunity_search`` matches ``q`` with ``icontains`` on the title and the description, which
Django compiles on PostgreSQL to ``UPPER("column"::text) LIKE UPPER('%q%')``, and on the
owner's name in a subquery (served by directory 0005's index on the organisation name). A
pg_trgm GIN index on exactly each of the two expressions lets the planner answer the OR with a
BitmapOr of index scans instead of reading the whole table. Terms under 3 characters (two CJK
characters) give no trigrams; the planner then keeps the sequential scan.

Nothing happens on other databases. On PostgreSQL, when pg_trgm cannot be created (not
installed on the server, no permission), a warning is logged and the indexes are skipped, so
``migrate`` goes on: search stays correct, only slower. See docs/deployment.md ("Search
indexes") for adding them later. Reversing drops the indexes and leaves the extension.

The SQL is written out (as in directory 0005): ``django.contrib.postgres`` is not an installed
app, so its ``OpClass`` would not be placed outside the expression's parentheses. The helpers
are copied rather than imported from directory 0005, so that this migration keeps working if
the directory's migrations are squashed one day.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger("digibridge.marketplace")

TABLE = "marketplace_opportunity"
# Index name -> column; the opportunity columns opportunity_search matches with icontains.
INDEXES = {
    "opportunity_title_trgm": "title",
    "opportunity_description_trgm": "description",
}


def create_trigram_extension(schema_editor) -> bool:
    """``CREATE EXTENSION IF NOT EXISTS pg_trgm`` in a savepoint (a failed statement must not
    abort the migration's transaction); False, with a warning, when it fails."""
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        logger.warning(
            "pg_trgm is not available (%s): marketplace search indexes skipped; search works "
            "but reads the whole table. Install pg_trgm (package postgresql-contrib, or ask the "
            "DBA to run CREATE EXTENSION pg_trgm in this database), then re-run this "
            "migration; see docs/deployment.md, 'Search indexes'.",
            reason,
        )
        return False
    return True


def forwards(apps, schema_editor):
    """A GIN index on ``UPPER(column::text) gin_trgm_ops`` (the expression of icontains) for
    each column of ``INDEXES``; PostgreSQL only."""
    if schema_editor.connection.vendor != "postgresql":
        return
    if not create_trigram_extension(schema_editor):
        return
    quote = schema_editor.quote_name
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(TABLE)} "
            f"USING gin ((UPPER({quote(column)}::text)) gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0004_opportunity_newest_index"),
        # The organisation-name index the owner subquery of the search uses.
        ("directory", "0005_search_trigram_indexes"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
