"""A platform administrator exports all data from the web, downloads it and deletes it, in a
real Chromium."""

import json
import os
import zipfile

import pytest

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server


def test_administrator_exports_downloads_and_deletes_all_data(page, live_server, tmp_path):
    admin = UserFactory(email="root@example.org", role="admin", is_superuser=True, is_staff=True)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", admin.email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/archive/")
    page.click("button:has-text('Export all data now')")
    link = page.locator("table a[href$='/download/']")
    link.wait_for()
    with page.expect_download() as download:
        link.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    users = {e["label"]: e["rows"] for e in manifest["models"]}["accounts.user"]
    assert users == 1

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('Delete')")
    page.wait_for_selector("text=No exports yet.")
