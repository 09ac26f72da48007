"""The console commands: progress, messages, confirmation."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from digibridge.directory.models import Organisation
from tests.archive.conftest import exported_rows, rich_data


def run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **kwargs)
    return out.getvalue()


@pytest.mark.django_db
def test_export_data_prints_progress_and_a_summary(tmp_path):
    rich_data()
    output = run("export-data", str(tmp_path / "all.zip"))
    assert "directory.organisation: " in output
    assert re.search(r"Exported \d+ rows of \d+ models and 5 files to .*all\.zip", output)
    assert (tmp_path / "all.zip").is_file()
    assert not (tmp_path / "all.zip.part").exists()


@pytest.mark.django_db
def test_export_data_refuses_a_directory_or_a_missing_parent(tmp_path):
    with pytest.raises(CommandError, match="is a directory"):
        run("export-data", str(tmp_path))
    with pytest.raises(CommandError, match="No such directory"):
        run("export-data", str(tmp_path / "nowhere" / "a.zip"))


@pytest.mark.django_db
def test_backup_into_a_directory_names_the_file_by_date(tmp_path):
    output = run("backup", str(tmp_path))
    (backup,) = tmp_path.glob("digibridge-backup-*.zip")
    assert re.fullmatch(r"digibridge-backup-\d{8}-\d{6}\.zip", backup.name)
    assert str(backup) in output


@pytest.mark.django_db
def test_import_data_asks_before_replacing_and_cancels_on_no(tmp_path, monkeypatch):
    rich_data()
    run("export-data", str(tmp_path / "a.zip"))
    before = exported_rows()
    Organisation.objects.create(name="Made after", slug="after")

    with pytest.raises(CommandError, match="already holds data"):
        run("import-data", str(tmp_path / "a.zip"))
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Cancelled"):
        run("import-data", str(tmp_path / "a.zip"), "--force")
    assert Organisation.objects.filter(slug="after").exists()

    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    output = run("import-data", str(tmp_path / "a.zip"), "--force")
    assert "Imported" in output
    assert exported_rows() == before


@pytest.mark.django_db
def test_restore_with_yes_replaces_without_asking(tmp_path, monkeypatch):
    rich_data()
    run("backup", str(tmp_path / "b.zip"))
    before = exported_rows()
    Organisation.objects.create(name="Made after", slug="after")
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail("asked"))
    output = run("restore", str(tmp_path / "b.zip"), "--force", "--yes")
    assert "Restored" in output
    assert exported_rows() == before


@pytest.mark.django_db
def test_import_data_of_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run("import-data", str(tmp_path / "missing.zip"))
