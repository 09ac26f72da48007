"""An operator records, in a real Chromium, the agreement that came out of a meeting."""

import os
from pathlib import Path

import pytest

from digibridge.cooperation.models import Agreement
from tests.accounts.factories import PASSWORD
from tests.cooperation.meetings import held_meeting
from tests.directory.factories import OrganisationFactory
from tests.marketplace.factories import OpportunityFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def test_operator_records_agreement_from_meeting(page, live_server, operator):
    hangyun = OrganisationFactory(name="Hangyun Robotics", country="CN")
    llobregat = OrganisationFactory(name="Almacenes Llobregat", country="ES")
    demand = OpportunityFactory(owner=llobregat, kind="request", title="Autonomous forklift pilot")
    meeting = held_meeting(hangyun, llobregat, opportunity=demand)

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", operator.email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/cooperation/agreements/new/?meeting={meeting.pk}")
    page.select_option("#id_kind", "mou")
    page.select_option("#id_status", "signed")
    page.fill("#id_title", "MoU on autonomous forklift pilots")
    page.fill("#id_value", "250000")
    page.fill("#id_signed_on", "2025-03-04")
    page.fill("#id_signing_place", "Barcelona")
    page.click("#agreement-form button[type=submit]")
    page.wait_for_selector("h1:has-text('MoU on autonomous forklift pilots')")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "agreement-recorded.png"), full_page=True)
    agreement = Agreement.objects.get()
    assert agreement.status == Agreement.Status.SIGNED
    assert agreement.source_meeting == meeting
    assert {p.organisation for p in agreement.parties.all()} == {hangyun, llobregat}
    steps = page.locator("#attribution li")
    assert steps.count() == 3  # match → meeting → agreement
    assert "Autonomous forklift pilot" in steps.nth(0).inner_text()
    assert "Hangyun Robotics ↔ Almacenes Llobregat" in steps.nth(1).inner_text()
