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

The index SQL and the pg_trgm guard are in ``digibridge.common.trigram``.
"""

from django.db import migrations

from digibridge.common import trigram

TABLE = "marketplace_opportunity"
# Index name -> column; the opportunity columns opportunity_search matches with icontains.
INDEXES = {
    "opportunity_title_trgm": "title",
    "opportunity_description_trgm": "description",
}


def forwards(apps, schema_editor):
    trigram.add_indexes(schema_editor, "marketplace", TABLE, INDEXES)


def backwards(apps, schema_editor):
    trigram.remove_indexes(schema_editor, INDEXES)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0004_opportunity_newest_index"),
        # The organisation-name index the owner subquery of the search uses.
        ("directory", "0005_search_trigram_indexes"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
