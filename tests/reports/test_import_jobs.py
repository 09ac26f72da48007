"""Web imports as background jobs: the task path, the in-process thread, progress, reports."""

import datetime as dt
import json
import re
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from digibridge.directory.models import Organisation
from digibridge.reports import services
from digibridge.reports.models import ImportJob
from tests.accounts.factories import UserFactory
from tests.reports.factories import ORG_HEADER, org_rows, write_csv, write_xlsx


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, path, kind="organisations"):
    with open(path, "rb") as handle:
        return client.post(
            "/reports/import/",
            {"kind": kind, "file": SimpleUploadedFile(path.name, handle.read())},
        )


def upload_and_confirm(client, path, kind="organisations"):
    response = upload(client, path, kind)
    preview = client.get(response.url)
    assert preview.status_code == 200
    return client.post(f"{response.url}confirm/", {"action": "import"})


@pytest.mark.django_db
def test_large_file_through_the_celery_task(
    client, operator, tmp_path, settings, django_capture_on_commit_callbacks
):
    """No broker in tests: ``run_import.delay`` runs the task eagerly, as a worker would."""
    settings.DIGIBRIDGE_IMPORT_THREADS = False
    client.force_login(operator)
    path = write_xlsx(tmp_path / "orgs.xlsx", ORG_HEADER, org_rows(3000))
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = upload_and_confirm(client, path)
    job = ImportJob.objects.get()
    assert confirmed.url == f"/reports/import/jobs/{job.token}/"
    assert job.status == "done" and job.expected_rows == 3000
    assert (job.rows_read, job.created, job.updated) == (3000, 3000, 0)
    assert job.started_at <= job.finished_at
    assert Organisation.objects.count() == 3000
    assert not list((tmp_path / "media" / "imports").iterdir())  # upload and progress gone
    body = client.get(confirmed.url).content.decode()
    assert "Imported 3000 rows: 3000 created, 0 updated." in body
    listed = client.get("/reports/import/").content.decode()
    assert f'href="/reports/import/jobs/{job.token}/"' in listed and "Imported" in listed
    # The task is idempotent: a second delivery of the same job does nothing.
    assert services.import_job_run(job_id=job.pk) is None


@pytest.mark.django_db
def test_file_that_turns_bad_before_confirming_imports_nothing(
    client, operator, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.DIGIBRIDGE_IMPORT_THREADS = False
    client.force_login(operator)
    response = upload(client, write_csv(tmp_path / "orgs.csv", ORG_HEADER, org_rows(5)))
    client.get(response.url)
    # The job checks the file again when it runs: a row gone bad since the preview is reported
    # and nothing is imported.
    pending = next((tmp_path / "media" / "imports").glob("*.csv"))
    rows = org_rows(5)
    rows[3][2] = "Atlantis"
    write_csv(pending, ORG_HEADER, rows)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"{response.url}confirm/", {"action": "import"})
    job = ImportJob.objects.get()
    assert job.status == "invalid"
    assert job.errors == [
        "Row 5, column “country”: Unknown country “Atlantis”; use a two-letter "
        "code such as CN or ES."
    ]
    body = client.get(confirmed.url).content.decode()
    assert "1 error: nothing was imported." in body and "Atlantis" in body
    assert not Organisation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_embedded_default_runs_in_a_thread_and_the_page_polls_until_done(
    client, operator, tmp_path, settings
):
    settings.DIGIBRIDGE_IMPORT_THREADS = True
    client.force_login(operator)
    path = write_csv(tmp_path / "orgs.csv", ORG_HEADER, org_rows(4000))
    started = time.monotonic()
    confirmed = upload_and_confirm(client, path)
    assert confirmed.status_code == 302
    page = client.get(confirmed.url).content.decode()
    assert 'id="import-progress"' in page
    seen = []
    while time.monotonic() - started < 120:
        fragment = client.get(f"{confirmed.url}progress/").content.decode()
        status = re.search(r'data-status="(\w+)"', fragment).group(1)
        bar = re.search(r'<progress value="(\d+)" max="(\d+)"', fragment)
        if bar:
            done, total = int(bar.group(1)), int(bar.group(2))
            assert 0 <= done <= total
            seen.append((status, done, total))
        if status not in ("queued", "running"):
            break
        assert 'hx-trigger="every 1s"' in fragment  # keeps polling while it runs
        time.sleep(0.2)
    assert status == "done", fragment
    assert "Imported 4000 rows: 4000 created, 0 updated." in fragment
    assert "hx-trigger" not in fragment
    assert Organisation.objects.count() == 4000
    assert all(total == 4000 for _status, _done, total in seen)


@pytest.mark.django_db
def test_running_job_shows_its_progress(client, operator, settings):
    job = ImportJob.objects.create(
        token="a" * 32,
        kind="organisations",
        file_name="x.csv",
        original_name="enterprises.csv",
        expected_rows=50000,
        status="running",
        started_at=timezone.now(),
        created_by=operator,
    )
    (services.imports_dir() / f"{job.token}.progress.json").write_text(
        json.dumps({"stage": "write", "done": 12000, "total": 50000})
    )
    client.force_login(operator)
    fragment = client.get(f"/reports/import/jobs/{job.token}/progress/").content.decode()
    assert '<progress value="12000" max="50000">' in fragment
    assert "Writing the rows… 12000 of 50000 rows" in fragment


@pytest.mark.django_db
def test_job_silent_too_long_is_reported_failed(client, operator):
    job = ImportJob.objects.create(
        token="b" * 32,
        kind="organisations",
        file_name="gone.csv",
        original_name="enterprises.csv",
        status="running",
        started_at=timezone.now() - dt.timedelta(hours=1),
        created_by=operator,
    )
    client.force_login(operator)
    body = client.get(f"/reports/import/jobs/{job.token}/").content.decode()
    assert "stopped without finishing" in body
    job.refresh_from_db()
    assert job.status == "failed" and job.finished_at is not None


@pytest.mark.django_db
def test_jobs_are_their_operators_own(client, operator, member):
    job = ImportJob.objects.create(
        token="c" * 32,
        kind="organisations",
        file_name="x.csv",
        original_name="x.csv",
        status="done",
        created_by=operator,
    )
    client.force_login(UserFactory(role="operator"))
    assert client.get(f"/reports/import/jobs/{job.token}/").status_code == 404
    client.force_login(member)
    assert client.get(f"/reports/import/jobs/{job.token}/progress/").status_code == 404
