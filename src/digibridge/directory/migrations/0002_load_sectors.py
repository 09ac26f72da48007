from django.db import migrations


def load(apps, schema_editor):
    from digibridge.directory.sectors import sync_sectors

    sync_sectors(apps.get_model("directory", "Sector"), using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
