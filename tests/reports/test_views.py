import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from digibridge.directory.models import Organisation
from tests.reports.factories import ORG_HEADER, org_rows, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DIGIBRIDGE_IMPORT_THREADS = False  # the job's task runs eagerly, on commit


def upload(client, path, kind="organisations"):
    with open(path, "rb") as handle:
        return client.post(
            "/reports/import/",
            {"kind": kind, "file": SimpleUploadedFile(path.name, handle.read())},
        )


def test_import_upload_preview_then_import(
    client, operator, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    response = upload(client, write_xlsx(tmp_path / "orgs.xlsx", ORG_HEADER, org_rows(3)))
    assert response.status_code == 302
    preview = client.get(response.url)
    body = preview.content.decode()
    assert "Every row is valid." in body and "Imported Enterprise 2" in body
    assert not Organisation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"{response.url}confirm/", {"action": "import"})
    assert confirmed.status_code == 302 and "/reports/import/jobs/" in confirmed.url
    done = client.get(confirmed.url).content.decode()
    assert "Imported 3 rows: 3 created, 0 updated." in done
    assert 'data-status="done"' in done and "hx-trigger" not in done  # polling has stopped
    assert Organisation.objects.count() == 3
    # the pending file is gone: confirming twice does nothing
    assert client.post(f"{response.url}confirm/", {"action": "import"}).status_code == 404


def test_import_preview_lists_every_error_and_import_is_refused(client, operator, tmp_path):
    rows = org_rows(200)
    rows[50][2] = "Atlantis"
    rows[120][0] = "ORG-3"
    client.force_login(operator)
    response = upload(client, write_csv(tmp_path / "orgs.csv", ORG_HEADER, rows))
    body = client.get(response.url).content.decode()
    assert "2 errors" in body
    assert "Row 52, column “country”" in body
    assert "Row 122, column “external_id”" in body
    assert "Import all" not in body
    client.post(f"{response.url}confirm/", {"action": "import"})
    assert not Organisation.objects.exists()


def test_import_of_unreadable_file_says_so(client, operator, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"this is not a workbook")
    client.force_login(operator)
    response = upload(client, path)
    followed = client.get(response.url, follow=True)
    assert "not a readable .xlsx workbook" in followed.content.decode()


def test_import_pages_operator_only(client, member, tmp_path):
    client.force_login(member)
    assert client.get("/reports/import/").status_code == 404
    assert client.get("/reports/import/organisations-template.xlsx").status_code == 404


def test_import_token_of_another_session_is_404(client, operator, tmp_path):
    client.force_login(operator)
    response = upload(client, write_csv(tmp_path / "o.csv", ORG_HEADER, org_rows(1)))
    client.logout()
    client.force_login(operator)
    assert client.get(response.url).status_code == 404


def test_import_template_download(client, operator):
    client.force_login(operator)
    response = client.get("/reports/import/people-template.csv")
    assert response.content.decode("utf-8-sig").startswith("external_id,organisation,")
