"""Backup and restore: into a new database, from an older version (migrated forward on the
way), and the refusals."""

import json
import zipfile

import pytest
from django.apps import apps
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from digibridge.archive import selectors, services
from digibridge.common.errors import DomainError
from digibridge.directory.models import Organisation
from digibridge.marketplace.models import RfqResponse
from digibridge.outreach.models import Conversation
from tests.archive.conftest import exported_rows, rich_data, stored_files

# The migration a simulated older backup predates: it added Conversation.rfq_response.
OLDER_THAN = ("outreach", "0002_conversation_rfq_response_alter_conversation_origin")


def _delete_files(files):
    for model, field, name in files:
        apps.get_model(model)._meta.get_field(field).storage.delete(name)


@pytest.mark.slow
def test_backup_restores_into_a_new_database(fresh_database, tmp_path):
    rich_data()
    before, files = exported_rows(), stored_files()
    backup = tmp_path / "backup.zip"
    services.archive_export(target=backup)
    _delete_files(files)

    services.archive_restore(source=backup, using=fresh_database)

    assert exported_rows(fresh_database) == before
    assert stored_files(fresh_database) == files
    assert selectors.applied_migrations(using=fresh_database) == selectors.applied_migrations()
    # Ids continue after the restored ones (sequences reset on PostgreSQL).
    highest = max(row[0] for row in before["directory.organisation"])
    new = Organisation.objects.using(fresh_database).create(name="New", slug="new")
    assert new.pk > highest


def _as_older_backup(source, target) -> set[str]:
    """Rewrite an archive as one made before OLDER_THAN: that migration and everything that
    depends on it unrecorded, and the rows as the models were then (tables that did not exist
    dropped, columns that did not exist removed). Returns the migrations taken out."""
    loader = MigrationLoader(connections["default"])
    later = set(loader.graph.backwards_plan(OLDER_THAN))
    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        state = {
            app: [name for name in names if (app, name) not in later]
            for app, names in manifest["migrations"].items()
        }
        nodes = [(app, names[-1]) for app, names in state.items() if names]
        old = loader.project_state(nodes, at_end=True).apps
        with zipfile.ZipFile(target, "w") as older:
            for info in archive.infolist():
                if info.filename.startswith("files/"):
                    older.writestr(info, archive.read(info))
            kept = []
            for entry in manifest["models"]:
                try:
                    model = old.get_model(entry["label"])
                except LookupError:
                    continue
                names = {field.name for field in model._meta.get_fields()}
                lines = []
                for line in archive.read(entry["file"]).decode().splitlines():
                    row = json.loads(line)
                    row["fields"] = {k: v for k, v in row["fields"].items() if k in names}
                    lines.append(json.dumps(row, ensure_ascii=False))
                older.writestr(entry["file"], "\n".join(lines) + "\n")
                kept.append(entry)
            manifest.update(migrations=state, models=kept)
            older.writestr("manifest.json", json.dumps(manifest))
    return {f"{app}.{name}" for app, name in later}


@pytest.mark.slow
def test_restore_of_an_older_backup_migrates_it_forward(fresh_database, tmp_path):
    data = rich_data()
    Conversation.objects.filter(pk=data["conversation"].pk).update(
        rfq_response=RfqResponse.objects.get()
    )
    before = exported_rows()
    services.archive_export(target=tmp_path / "now.zip")
    taken_out = _as_older_backup(tmp_path / "now.zip", tmp_path / "older.zip")
    assert "outreach.0002_conversation_rfq_response_alter_conversation_origin" in taken_out

    services.archive_restore(source=tmp_path / "older.zip", using=fresh_database)

    # Every migration applied now, the older ones before the rows were loaded.
    assert selectors.applied_migrations(using=fresh_database) == selectors.applied_migrations()
    after = exported_rows(fresh_database)
    restored = Conversation.objects.using(fresh_database).get(pk=data["conversation"].pk)
    assert restored.rfq_response_id is None  # the column came with the later migration
    assert restored.subject == data["conversation"].subject
    # Every other row and column that the older version had is there, unchanged.
    loader = MigrationLoader(connections[fresh_database])
    with zipfile.ZipFile(tmp_path / "older.zip") as older:
        manifest = json.loads(older.read("manifest.json"))
    nodes = [(app, names[-1]) for app, names in manifest["migrations"].items() if names]
    old = loader.project_state(nodes, at_end=True).apps
    compared = 0
    for model in selectors.exported_models():
        label = model._meta.label_lower
        try:
            old_model = old.get_model(label)
        except LookupError:
            continue
        columns = [f.attname for f in model._meta.concrete_fields]
        had = {f.attname for f in old_model._meta.concrete_fields}
        keep = [i for i, name in enumerate(columns) if name in had]
        assert [tuple(row[i] for i in keep) for row in after[label]] == [
            tuple(row[i] for i in keep) for row in before[label]
        ], label
        compared += len(after[label])
    assert compared > 50


@pytest.mark.django_db
def test_restore_refuses_a_backup_from_a_newer_version(tmp_path):
    services.archive_export(target=tmp_path / "a.zip")
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest["migrations"]["directory"].append("0999_from_the_future")
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(tmp_path / "future.zip", "w") as future:
        for name, content in members.items():
            future.writestr(name, content)
    with pytest.raises(DomainError, match="newer version.*directory.0999_from_the_future"):
        services.archive_restore(source=tmp_path / "future.zip")


@pytest.mark.django_db
def test_restore_over_data_needs_force_then_replaces_it(tmp_path):
    rich_data()
    before = exported_rows()
    services.archive_export(target=tmp_path / "a.zip")
    Organisation.objects.create(name="Made after the backup", slug="after")

    with pytest.raises(DomainError, match="already holds data"):
        services.archive_restore(source=tmp_path / "a.zip")
    assert Organisation.objects.filter(slug="after").exists()

    services.archive_restore(source=tmp_path / "a.zip", force=True)
    assert exported_rows() == before
