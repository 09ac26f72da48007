"""Import into an empty instance: refusals with clear messages, all or nothing."""

import json
import zipfile

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session

from digibridge.archive import services
from digibridge.common.errors import DomainError
from digibridge.directory.models import Organisation
from tests.archive.conftest import exported_rows, rich_data, stored_files


def _rewrite(source, target, **changes):
    """Copy an archive with some members replaced (bytes) or removed (None)."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as copy:
        for info in archive.infolist():
            if info.filename not in changes:
                copy.writestr(info, archive.read(info))
        for name, content in changes.items():
            if content is not None:
                copy.writestr(name, content)
    return target


@pytest.fixture
def archive(db, tmp_path):
    rich_data()
    path = tmp_path / "a.zip"
    services.archive_export(target=path)
    return path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No such file"),
        (b"just text", "is not a ZIP file"),
    ],
)
def test_import_refuses_what_is_not_an_archive(tmp_path, content, message):
    path = tmp_path / "x.zip"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DomainError, match=message):
        services.archive_import(source=path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        (None, "no manifest.json"),
        (b"{not json", "not valid JSON"),
        (json.dumps({"format": "other"}).encode(), "unknown format"),
        (
            json.dumps({"format": "digibridge-archive", "format_version": 99}).encode(),
            "format version 99 is not supported",
        ),
        (
            json.dumps(
                {
                    "format": "digibridge-archive",
                    "format_version": 1,
                    "migrations": {},
                    "models": [{"label": "accounts.user"}],
                    "files": {},
                }
            ).encode(),
            "manifest is damaged",
        ),
    ],
)
def test_import_refuses_a_bad_manifest(archive, tmp_path, manifest, message):
    bad = _rewrite(archive, tmp_path / "bad.zip", **{"manifest.json": manifest})
    with pytest.raises(DomainError, match=message):
        services.archive_import(source=bad)


def test_import_refuses_a_database_with_data_and_leaves_it_alone(archive):
    before = exported_rows()
    with pytest.raises(DomainError, match=r"already holds data \(admin.logentry, auth"):
        services.archive_import(source=archive)
    assert exported_rows() == before


def test_forced_import_replaces_everything_and_logs_everyone_out(archive):
    before = exported_rows()
    Organisation.objects.create(name="Made after the export", slug="after")
    session = SessionStore()
    session["x"] = 1
    session.create()
    services.archive_import(source=archive, force=True)
    assert exported_rows() == before
    assert not Session.objects.exists()


def test_import_refuses_an_archive_of_another_migration_state(archive, tmp_path):
    with zipfile.ZipFile(archive) as source:
        manifest = json.loads(source.read("manifest.json"))
    manifest["migrations"]["outreach"] = manifest["migrations"]["outreach"][:1]
    older = _rewrite(archive, tmp_path / "o.zip", **{"manifest.json": json.dumps(manifest)})
    with pytest.raises(DomainError, match="another migration state.*outreach.*digibridge restore"):
        services.archive_import(source=older, force=True)


def test_a_bad_row_in_the_middle_imports_nothing(archive, tmp_path):
    """Users missing: every row naming one refers to nothing; the check before commit refuses
    the lot and the database keeps what it had."""
    with zipfile.ZipFile(archive) as source:
        manifest = json.loads(source.read("manifest.json"))
    for entry in manifest["models"]:
        if entry["label"] == "accounts.user":
            entry["rows"] = 0
    broken = _rewrite(
        archive,
        tmp_path / "b.zip",
        **{"data/accounts.user.jsonl": b"", "manifest.json": json.dumps(manifest).encode()},
    )
    before, files = exported_rows(), stored_files()
    with pytest.raises(DomainError, match="refer to rows it does not hold"):
        services.archive_import(source=broken, force=True)
    assert exported_rows() == before
    assert stored_files() == files


def test_counts_must_match_the_manifest(archive, tmp_path):
    with zipfile.ZipFile(archive) as source:
        manifest = json.loads(source.read("manifest.json"))
    for entry in manifest["models"]:
        if entry["label"] == "directory.organisation":
            entry["rows"] += 1
    bad = _rewrite(archive, tmp_path / "c.zip", **{"manifest.json": json.dumps(manifest)})
    with pytest.raises(DomainError, match="directory.organisation: the archive holds"):
        services.archive_import(source=bad, force=True)


def test_a_malformed_row_is_reported_with_its_model(archive, tmp_path):
    bad = _rewrite(archive, tmp_path / "d.zip", **{"data/directory.person.jsonl": b"{oops\n"})
    with pytest.raises(DomainError, match="Rows of directory.person could not be loaded"):
        services.archive_import(source=bad, force=True)


def test_a_failing_file_removes_the_files_already_written(archive, tmp_path, archive_storage):
    evil = "files/directory.organisation/logo/../../../escaped.txt"
    bad = _rewrite(archive, tmp_path / "e.zip", **{evil: b"outside"})
    before = exported_rows()
    media = archive_storage / "media"
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()
    with pytest.raises(DomainError, match="escaped.txt"):
        services.archive_import(source=bad, force=True)
    assert exported_rows() == before
    assert [p for p in media.rglob("*") if p.is_file()] == []
    assert not (tmp_path / "escaped.txt").exists()
