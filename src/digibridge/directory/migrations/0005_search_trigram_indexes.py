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

The index SQL and the pg_trgm guard are in ``digibridge.common.trigram``.
"""

from django.db import migrations

from digibridge.common import trigram

TABLE = "directory_organisation"
# Index name -> column; the columns organisation_search matches with icontains.
INDEXES = {
    "directory_org_name_trgm": "name",
    "directory_org_names_trgm": "names",
    "directory_org_description_trgm": "description",
    "directory_org_city_trgm": "city",
}


def forwards(apps, schema_editor):
    trigram.add_indexes(schema_editor, "directory", TABLE, INDEXES)


def backwards(apps, schema_editor):
    trigram.remove_indexes(schema_editor, INDEXES)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_service_centres"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
