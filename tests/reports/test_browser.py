"""An operator imports a spreadsheet in a real Chromium: preview, confirm, progress, report."""

import os
import re
from pathlib import Path

import pytest

from digibridge.directory.models import Organisation
from tests.accounts.factories import PASSWORD
from tests.reports.factories import ORG_HEADER, org_rows, write_csv

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def test_operator_imports_with_progress_until_the_report(
    page, live_server, operator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DIGIBRIDGE_IMPORT_THREADS = True  # the embedded default: a thread in the server
    path = write_csv(tmp_path / "enterprises.csv", ORG_HEADER, org_rows(3000))

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", operator.email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/reports/import/")
    page.select_option("#id_kind", "organisations")
    page.set_input_files("#id_file", str(path))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_selector("text=Every row is valid.")
    page.click("button[value=import]")
    page.wait_for_url(re.compile(r".*/reports/import/jobs/\w+/$"))
    assert page.locator("#import-progress").count() == 1
    # htmx polls the fragment until the job is done, with no reload of the page
    page.wait_for_selector("#import-done", timeout=120_000)
    assert "Imported 3000 rows: 3000 created, 0 updated." in page.inner_text("#import-done")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "import-done.png"), full_page=True)
    assert Organisation.objects.count() == 3000
