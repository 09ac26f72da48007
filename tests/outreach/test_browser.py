"""An invitee accepts from the personal link, and a matched pair exchanges messages, in a real
Chromium."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from digibridge.outreach import services
from digibridge.outreach.models import Invitation, Message
from tests.accounts.factories import PASSWORD
from tests.events.factories import EventFactory
from tests.marketplace.factories import OpportunityFactory
from tests.outreach.factories import InvitationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.outreach.urls"),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server


@pytest.fixture
def new_page(browser):
    contexts = []

    def make():
        contexts.append(browser.new_context())
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


def _log_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_invitee_accepts_and_matched_pair_exchange_messages(
    new_page, live_server, member, stranger
):
    future = timezone.now() + dt.timedelta(days=30)
    event = EventFactory(start=future, end=future + dt.timedelta(hours=6))
    invitation = InvitationFactory(event=event, name="Queralt Gispert", language="ca")
    invitee = new_page()
    invitee.goto(f"{live_server.url}/outreach/rsvp/{invitation.token}/")
    invitee.check("input[name=answer][value=accepted]")
    invitee.fill("#id_comment", "Hi serem.")
    invitee.click("#rsvp-form button[type=submit]")
    invitee.wait_for_selector("#rsvp-status")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert invitee.locator("#register-link").is_visible()

    offer = OpportunityFactory(owner=member.org, kind="offer")
    demand = OpportunityFactory(owner=stranger.org, kind="request")
    thread = services.conversation_open_from_match(source=offer, target=demand, by=member)
    url = f"{live_server.url}/outreach/conversations/{thread.pk}/"

    writer = new_page()
    _log_in(writer, live_server, member)
    writer.goto(url)
    writer.fill("#id_body", "你好！Can we meet at the Beijing Night?")
    writer.click("#message-form button[type=submit]")
    writer.wait_for_selector("text=Can we meet at the Beijing Night?")

    reader = new_page()
    _log_in(reader, live_server, stranger)
    reader.goto(f"{live_server.url}/outreach/conversations/")
    reader.click(f"text={thread.subject}")
    reader.wait_for_selector("text=Can we meet at the Beijing Night?")
    reader.fill("#id_body", "Sí, a la mesa 3.")
    reader.click("#message-form button[type=submit]")
    reader.wait_for_selector("text=Sí, a la mesa 3.")

    writer.reload()
    writer.wait_for_selector("text=Sí, a la mesa 3.")
    assert Message.objects.filter(conversation=thread).count() == 2
