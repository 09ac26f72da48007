"""The data export page: platform administrators only; export, download, delete."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from digibridge.accounts.models import AuditEntry
from digibridge.archive import services
from tests.accounts.factories import UserFactory


@pytest.fixture
def admin_user(db):
    return UserFactory(email="root@example.org", role="admin", is_superuser=True, is_staff=True)


@pytest.mark.django_db
def test_only_platform_administrators_reach_the_page(client, operator, member):
    url = reverse("archive:exports")
    assert client.get(url).status_code == 302  # to the log-in page
    for user in (operator, member):  # operators are staff, yet not administrators
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(reverse("archive:export_new")).status_code == 403
    assert not services.exports_dir().exists() or not any(services.exports_dir().iterdir())


@pytest.mark.django_db
def test_administrator_exports_downloads_and_deletes(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("archive:export_new"), follow=True)
    assert response.status_code == 200
    (item,) = response.context["exports"]
    assert item["state"] == "ready" and item["size"] > 0
    assert reverse("archive:export_download", args=[item["name"]]) in response.text

    download = client.get(reverse("archive:export_download", args=[item["name"]]))
    assert download["Content-Type"] == "application/zip"
    assert "attachment" in download["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert any(e["label"] == "accounts.user" and e["rows"] >= 1 for e in manifest["models"])

    response = client.post(reverse("archive:export_delete", args=[item["name"]]), follow=True)
    assert response.context["exports"] == []
    assert list(
        AuditEntry.objects.filter(action__startswith="archive.")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["archive.export", "archive.download", "archive.delete"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["..%2Fsecret_key", "digibridge-export-x.zip", "other.zip"])
def test_unknown_or_crafted_names_are_not_found(client, admin_user, name):
    client.force_login(admin_user)
    assert client.get(f"/archive/{name}/download/").status_code == 404
    assert client.post(f"/archive/{name}/delete/").status_code == 404


@pytest.mark.django_db
def test_running_and_failed_exports_are_shown(client, admin_user):
    directory = services.exports_dir()
    (directory / "digibridge-export-20250304-100000.zip.part").touch()
    (directory / "digibridge-export-20250304-090000.zip.error").write_text("disk full")
    client.force_login(admin_user)
    response = client.get(reverse("archive:exports"))
    states = {item["name"]: item["state"] for item in response.context["exports"]}
    assert states == {
        "digibridge-export-20250304-100000.zip": "running",
        "digibridge-export-20250304-090000.zip": "failed",
    }
    assert "disk full" in response.text
    assert 'http-equiv="refresh"' in response.text


@pytest.mark.django_db
def test_an_unreachable_broker_is_reported_and_leaves_no_running_export(
    client, admin_user, monkeypatch
):
    from kombu.exceptions import OperationalError

    from digibridge.archive import tasks

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(tasks.export_archive_task, "delay", refuse)
    client.force_login(admin_user)
    response = client.post(reverse("archive:export_new"), follow=True)
    assert "queue is unavailable" in response.text
    assert response.context["exports"] == []
