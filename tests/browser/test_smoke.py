"""A person's path through the pages in a real Chromium: log in, publish an opportunity."""

import os
from pathlib import Path

import pytest

from digibridge.marketplace.models import Opportunity
from tests.accounts.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def test_login_and_create_opportunity_through_pages(page, live_server, member):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", member.email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/opportunities/new/")
    page.select_option("#id_kind", "offer")
    page.select_option("#id_category", "technology")
    page.fill("#id_title", "自动驾驶叉车与车队管理软件")
    page.fill("#id_description", "我们提供自动驾驶叉车和车队调度软件，适用于欧洲物流园区。")
    page.select_option("#id_sectors", ["warehouse-automation"])
    page.select_option("#id_target_countries", ["ES"])
    page.click("button[value=publish]")
    page.wait_for_selector("h1:has-text('自动驾驶叉车')")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "opportunity-created.png"), full_page=True)
    opportunity = Opportunity.objects.get()
    assert opportunity.status == Opportunity.Status.PUBLISHED
    assert opportunity.owner == member.org
    assert page.locator("text=Published.").is_visible()
