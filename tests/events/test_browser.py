"""A participant asks another for a meeting and the other accepts, in a real Chromium."""

import os

import pytest

from digibridge.events.models import MeetingRequest
from tests.accounts.factories import PASSWORD
from tests.events.factories import EventFactory, participant

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server


def _log_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def new_page(browser):
    """Pages in separate browser contexts (two people), closed before the live server stops
    so that no kept-alive request outlives the test's database connection."""
    contexts = []

    def make():
        contexts.append(browser.new_context())
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


def test_request_a_meeting_and_accept_it(new_page, live_server, member, stranger):
    event = EventFactory(name="Barcelona Forum")
    participant(event, member)
    theirs = participant(event, stranger)

    asking = new_page()
    _log_in(asking, live_server, member)
    asking.goto(f"{live_server.url}/events/{event.slug}/participants/")
    asking.click(f"a[href$='/participants/{theirs.pk}/request/']")
    asking.fill("#id_message", "Shall we talk about autonomous forklifts?")
    asking.click("main button[type=submit]")
    asking.wait_for_selector("text=Your request was sent.")
    assert asking.locator("#sent").inner_text().count(theirs.person.full_name) == 1

    answering = new_page()
    _log_in(answering, live_server, stranger)
    answering.goto(f"{live_server.url}/events/{event.slug}/inbox/")
    assert "autonomous forklifts" in answering.locator("#received").inner_text()
    answering.click("#received button:has-text('Accept')")
    answering.wait_for_selector("text=Request accepted.")
    assert MeetingRequest.objects.get().status == MeetingRequest.Status.ACCEPTED
