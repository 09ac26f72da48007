"""Participants change their own registration and withdraw, from the page and the API."""

import pytest
from django.urls import reverse

from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.events import services
from digibridge.events.models import Meeting, MeetingRequest, Registration, SessionSignup
from digibridge.outreach.models import Notification
from tests.events.factories import (
    AgendaSessionFactory,
    EventFactory,
    MeetingBlockFactory,
    MeetingRequestFactory,
    participant,
)
from tests.events.test_api import API, bearer

pytestmark = pytest.mark.django_db


def test_participant_changes_slots_and_consent_from_the_page(client, member):
    block = MeetingBlockFactory()  # four 15-minute slots
    registration = participant(block.event, member, consent_listed=True)
    client.force_login(member)
    url = reverse("events:registration_edit", args=[block.event.slug])
    page = client.get(url)
    assert page.status_code == 200
    assert f"{block.pk}:3" in page.content.decode()
    response = client.post(url, {"available_slots": [f"{block.pk}:1", f"{block.pk}:2"]})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.available_slots == [f"{block.pk}:1", f"{block.pk}:2"]
    assert (registration.takes_meetings, registration.consent_listed) == (False, False)
    # nothing ticked: available in every slot again
    client.post(url, {"takes_meetings": "on", "consent_listed": "on"})
    registration.refresh_from_db()
    assert registration.available_slots is None and registration.takes_meetings
    bad = client.post(url, {"available_slots": ["999:1"]})
    assert bad.status_code == 200 and bad.context["form"].errors


def test_no_registration_no_edit_page(client, member):
    event = EventFactory()
    client.force_login(member)
    assert client.get(reverse("events:registration_edit", args=[event.slug])).status_code == 404


def test_withdraw_asks_first_then_cancels_meetings_and_tells_the_other_side(
    client, member, stranger, operator, django_capture_on_commit_callbacks
):
    block = MeetingBlockFactory()
    me, other = participant(block.event, member), participant(block.event, stranger)
    session = AgendaSessionFactory(event=block.event)
    services.session_signup(session=session, registration=me, by=member)
    meeting = services.meeting_create_brokered(
        block=block, registrations=[me, other], slot=0, by=operator
    )
    MeetingRequestFactory(event=block.event, sender=other, recipient=me)
    client.force_login(member)
    url = reverse("events:registration_withdraw", args=[block.event.slug])
    page = client.get(url).content.decode()
    assert "1 scheduled meeting" in page and "1 open meeting request" in page
    client.post(url, {})  # no confirmation
    assert Registration.objects.filter(pk=me.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "yes"})
    assert response["Location"] == reverse("events:detail", args=[block.event.slug])
    assert not Registration.objects.filter(pk=me.pk).exists()
    assert not SessionSignup.objects.exists()
    assert not MeetingRequest.objects.exists()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED and not meeting.seats.exists()
    assert Notification.objects.filter(
        user=stranger, kind="schedule", title="Your meeting was cancelled"
    ).exists()
    # the freed participant's slot is free again for the other side
    assert not other.seats.exists()


def test_withdraw_refused_after_a_recorded_meeting(member, stranger, operator):
    block = MeetingBlockFactory()
    me, other = participant(block.event, member), participant(block.event, stranger)
    meeting = services.meeting_create_brokered(
        block=block, registrations=[me, other], slot=0, by=operator
    )
    with pytest.raises(PermissionDeniedError):
        services.registration_withdraw(registration=me, by=stranger)
    services.meeting_outcome_record(
        meeting=meeting, registration=other, attendance="held", by=stranger
    )
    with pytest.raises(DomainError, match="recorded outcomes"):
        services.registration_withdraw(registration=me, by=member)
    assert Registration.objects.filter(pk=me.pk).exists()


def test_registration_through_the_api(client, member):
    block = MeetingBlockFactory()
    participant(block.event, member)
    url = f"{API}/events/{block.event.pk}/registration"
    changed = client.patch(
        url,
        f'{{"available_slots": ["{block.pk}:0"], "consent_listed": false}}',
        content_type="application/json",
        **bearer(member),
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert body["available_slots"] == [f"{block.pk}:0"] and body["consent_listed"] is False
    assert body["takes_meetings"] is True  # not sent, not changed
    cleared = client.patch(
        url, '{"available_slots": null}', content_type="application/json", **bearer(member)
    )
    assert cleared.json()["available_slots"] is None
    bad = client.patch(
        url, '{"available_slots": ["x"]}', content_type="application/json", **bearer(member)
    )
    assert bad.status_code == 422
    assert client.delete(url, **bearer(member)).status_code == 204
    assert client.delete(url, **bearer(member)).status_code == 404
