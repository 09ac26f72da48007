"""A person changes their consent, downloads their data and erases it, in a real Chromium."""

import json
import os

import pytest

from digibridge.privacy import consent
from digibridge.privacy.models import Purpose
from tests.accounts.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    yield context.new_page()
    context.close()


def test_consent_export_and_erasure(page, live_server, member):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", member.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/privacy/")
    page.uncheck("#id_email")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=Your choices are saved.")
    assert "Withdrawn" in page.locator("table").inner_text()
    assert not consent.consent_allows(purpose=Purpose.EMAIL, user=member)

    with page.expect_download() as download:
        page.click("text=Download my data")
    with open(download.value.path(), encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["data"]["accounts.user"][0]["email"] == member.email

    page.click("text=Erase my data…")
    page.fill("#id_password", PASSWORD)
    page.check("#id_understood")
    page.click("main button.danger")
    page.wait_for_selector("text=Your personal data has been erased.")
    member.refresh_from_db()
    assert not member.is_active and member.email.endswith("@erased.invalid")
