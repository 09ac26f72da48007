"""The pgvector copy of the embeddings (see ``digibridge.matching.pgvector_backend``).

Created only when DIGIBRIDGE_MATCHING_BACKEND=pgvector and the database is PostgreSQL with the
``vector`` extension available; on SQLite and on PostgreSQL without pgvector this migration does
nothing, and the backend creates the table itself when it is switched on later.
"""

from django.conf import settings
from django.db import migrations


def create_vector_table(apps, schema_editor):
    if getattr(settings, "DIGIBRIDGE_MATCHING_BACKEND", "numpy") != "pgvector":
        return
    from digibridge.matching import pgvector_backend

    pgvector_backend.ensure_schema(schema_editor.connection)


def drop_vector_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from digibridge.matching import pgvector_backend

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {pgvector_backend.TABLE}")
        cursor.execute(f"DROP TABLE IF EXISTS {pgvector_backend.STATE}")


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [migrations.RunPython(create_vector_table, drop_vector_table, elidable=False)]
