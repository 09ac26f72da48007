"""The round trip: everything exported, the database emptied, everything imported back, every
row of every exported model compared column by column, every file byte by byte."""

import json
import zipfile

import pytest

from digibridge.archive import selectors, services
from tests.archive.conftest import (
    FILES,
    FILLED,
    delete_everything,
    exported_rows,
    rich_data,
    stored_files,
)
from tests.conftest import reload_migration_data


def _load_the_demo():
    from digibridge.cooperation.demo import load_cooperation_demo
    from digibridge.demo.loader import load_demo
    from digibridge.events.demo import load_event_demo
    from digibridge.marketplace.demo_orders import load_orders_demo
    from digibridge.outreach.demo import load_outreach_demo

    load_demo()
    load_event_demo()
    load_cooperation_demo()
    load_orders_demo()
    load_outreach_demo()


@pytest.mark.slow
@pytest.mark.django_db
def test_round_trip_of_the_demo_and_every_app_is_lossless(tmp_path):
    _load_the_demo()
    rich_data()
    before = exported_rows()
    files_before = stored_files()
    filled = {label for label, rows in before.items() if rows}
    assert filled >= FILLED
    assert sum(len(rows) for rows in before.values()) > 3000
    assert {key[:2] for key in files_before} == set(FILES)

    archive = tmp_path / "export.zip"
    manifest = services.archive_export(target=archive)

    # Empty the instance (files too), as a new one is once migrated; then import.
    delete_everything()
    for model, field, name in files_before:
        from django.apps import apps

        apps.get_model(model)._meta.get_field(field).storage.delete(name)
    reload_migration_data()
    assert selectors.models_with_data() == []
    services.archive_import(source=archive)

    after = exported_rows()
    assert set(after) == set(before)
    for label in before:
        assert after[label] == before[label], f"{label} differs after the round trip"
    assert stored_files() == files_before
    assert manifest["files"]["count"] == len(files_before)
    assert {entry["label"]: entry["rows"] for entry in manifest["models"]} == {
        label: len(rows) for label, rows in before.items()
    }


@pytest.mark.django_db
def test_manifest_records_versions_migrations_and_counts(tmp_path):
    rich_data()
    manifest = services.archive_export(target=tmp_path / "a.zip")
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        stored = json.loads(archive.read("manifest.json"))
        names = set(archive.namelist())
    assert stored == manifest
    assert stored["format"] == "digibridge-archive" and stored["format_version"] == 1
    assert stored["app_version"] and stored["created_at"]
    assert "0001_initial" in stored["migrations"]["directory"]
    assert stored["migrations"] == selectors.applied_migrations()
    for entry in stored["models"]:
        assert entry["file"] in names
    assert any(name.startswith("files/outreach.message/attachment/") for name in names)
    # Sessions, permissions and content types are the target instance's own.
    labels = {entry["label"] for entry in stored["models"]}
    assert "sessions.session" not in labels and "auth.permission" not in labels
    assert "accounts.user" in labels and "auth.group" in labels


@pytest.mark.django_db
def test_rows_keep_their_microseconds_and_natural_keys_for_permissions(tmp_path):
    rich_data()
    services.archive_export(target=tmp_path / "a.zip")
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        notification = json.loads(archive.read("data/outreach.notification.jsonl").splitlines()[0])
        grant = json.loads(archive.read("data/auth.group_permissions.jsonl").splitlines()[0])
    assert ".123456" in notification["fields"]["created_at"]
    assert grant["fields"]["permission"] == ["change_sector", "directory", "sector"]
    assert isinstance(grant["fields"]["group"], int)
