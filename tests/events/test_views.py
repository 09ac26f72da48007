import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digibridge.events import services
from digibridge.events.models import Meeting, MeetingRequest, MeetingSeat, Registration
from tests.directory.factories import PersonFactory
from tests.events.factories import (
    AgendaSessionFactory,
    EventFactory,
    MeetingBlockFactory,
    MeetingRequestFactory,
    RegistrationFactory,
    participant,
)

pytestmark = [pytest.mark.django_db]


def url(name, *args):
    return reverse(f"events:{name}", args=args)


@pytest.fixture
def forum(member, stranger):
    """An event with a session, a meeting block, two approved participants and a meeting."""
    event = EventFactory(name="Barcelona Forum")
    session = AgendaSessionFactory(event=event, title="Smart energy panel", capacity=10)
    session.speakers.add(PersonFactory(first_name="Núria", last_name="Puig"))
    block = MeetingBlockFactory(event=event, self_booking=True)
    mine = participant(event, member)
    theirs = participant(event, stranger)
    request = MeetingRequestFactory(
        event=event, sender=mine, recipient=theirs, status="accepted", message="Robots?"
    )
    meeting = Meeting.objects.create(block=block, slot=1, table=2, request=request, locked=True)
    for r in (mine, theirs):
        MeetingSeat.objects.create(meeting=meeting, registration=r, block=block, slot=1)
    return {
        "event": event,
        "session": session,
        "block": block,
        "mine": mine,
        "theirs": theirs,
        "meeting": meeting,
    }


def test_public_pages_render(client, forum):
    event = forum["event"]
    assert client.get(url("list")).status_code == 200
    response = client.get(url("detail", event.slug))
    assert response.status_code == 200
    assert "Smart energy panel" in response.content.decode()
    assert "Núria Puig" in response.content.decode()


def test_draft_event_is_hidden_from_the_public(client, member):
    event = EventFactory(status="draft")
    assert client.get(url("detail", event.slug)).status_code == 404
    client.force_login(member)
    assert event.name not in client.get(url("list")).content.decode()


def test_agenda_times_in_event_zone_and_viewer_zone(client, member, forum):
    event = forum["event"]  # session 10:00–11:00 Europe/Madrid
    member.time_zone = "Asia/Shanghai"
    member.save()
    client.force_login(member)
    body = client.get(url("detail", event.slug)).content.decode()
    assert "10:00–11:00" in body
    assert "17:00–18:00 (Asia/Shanghai)" in body
    member.time_zone = "Europe/Madrid"
    member.save()
    body = client.get(url("detail", event.slug)).content.decode()
    assert "(Asia/Shanghai)" not in body and "(Europe/Madrid)" not in body.split("<table")[1]


def test_participant_pages_render(client, member, forum):
    event = forum["event"]
    client.force_login(member)
    for name in ("registration", "badge", "participants", "inbox", "agenda"):
        response = client.get(url(name, event.slug))
        assert response.status_code == 200, name
    body = client.get(url("registration", event.slug)).content.decode()
    assert "<svg" in body and forum["mine"].feed_token in body
    agenda = client.get(url("agenda", event.slug)).content.decode()
    assert "table 2" in agenda and forum["theirs"].person.full_name in agenda
    assert client.get(url("agenda", event.slug) + "?print=1").status_code == 200
    assert client.get(url("outcome", event.slug, forum["meeting"].pk)).status_code == 200


def test_register_through_the_form(client, member):
    event = EventFactory()
    block = MeetingBlockFactory(event=event)
    client.force_login(member)
    response = client.post(
        url("register", event.slug),
        {
            "organisation": member.org.pk,
            "participant_type": "enterprise_executive",
            "takes_meetings": "on",
            "consent_listed": "on",
            "available_slots": [f"{block.pk}:0", f"{block.pk}:2"],
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.person.user == member
    assert registration.status == Registration.Status.PENDING
    assert registration.available_slots == [f"{block.pk}:0", f"{block.pk}:2"]


def test_register_outside_the_window_shows_the_error(client, member):
    event = EventFactory(registration_closes=timezone.now() - dt.timedelta(days=1))
    client.force_login(member)
    response = client.post(
        url("register", event.slug),
        {"organisation": member.org.pk, "participant_type": "media"},
    )
    assert response.status_code == 200
    assert "not open" in response.content.decode()
    assert not Registration.objects.exists()


def test_participant_list_only_for_approved_participants(client, member, stranger, forum):
    event = forum["event"]
    RegistrationFactory(event=event, consent_listed=False, person__last_name="Hidden")
    client.force_login(member)
    body = client.get(url("participants", event.slug)).content.decode()
    assert forum["theirs"].person.full_name in body and "Hidden" not in body
    forum["mine"].status = Registration.Status.PENDING
    forum["mine"].save()
    body = client.get(url("participants", event.slug)).content.decode()
    assert forum["theirs"].person.full_name not in body


def test_request_and_accept_through_pages(client, member, stranger):
    event = EventFactory()
    participant(event, member)
    theirs = participant(event, stranger)
    client.force_login(member)
    response = client.post(url("request_create", event.slug, theirs.pk), {"message": "Hi"})
    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    client.force_login(stranger)
    assert "Hi" in client.get(url("inbox", event.slug)).content.decode()
    client.post(url("request_action", event.slug, request.pk, "accept"))
    assert MeetingRequest.objects.get().status == "accepted"
    # the sender cannot answer for the recipient
    client.force_login(member)
    client.post(url("request_action", event.slug, request.pk, "decline"))
    assert MeetingRequest.objects.get().status == "accepted"


def test_self_booking_through_the_inbox(client, member, stranger):
    block = MeetingBlockFactory(self_booking=True)
    mine, theirs = participant(block.event, member), participant(block.event, stranger)
    request = MeetingRequestFactory(
        event=block.event, sender=mine, recipient=theirs, status="accepted"
    )
    client.force_login(member)
    assert "Book a time" in client.get(url("inbox", block.event.slug)).content.decode()
    client.post(url("book", block.event.slug, request.pk), {"block": block.pk, "slot": 2})
    assert Meeting.objects.get().slot == 2


def test_organiser_pages_are_hidden_from_participants(client, member, forum):
    event = forum["event"]
    client.force_login(member)
    for name in ("manage_registrations", "checkin", "blocks", "dashboard"):
        assert client.get(url(name, event.slug)).status_code == 404, name
    assert client.get(url("table_plan", event.slug, forum["block"].pk)).status_code == 404
    response = client.post(url("registration_action", event.slug, forum["theirs"].pk, "decline"))
    assert response.status_code == 404


def test_organiser_pages_render(client, operator, forum):
    event = forum["event"]
    client.force_login(operator)
    for name in ("manage_registrations", "checkin", "blocks", "dashboard"):
        assert client.get(url(name, event.slug)).status_code == 200, name
    plan = client.get(url("table_plan", event.slug, forum["block"].pk)).content.decode()
    assert forum["mine"].person.full_name in plan


def test_check_in_by_token_and_by_name(client, operator, forum):
    event, mine = forum["event"], forum["mine"]
    client.force_login(operator)
    body = client.get(url("checkin", event.slug), {"q": mine.checkin_token}).content.decode()
    assert mine.person.full_name in body
    body = client.get(url("checkin", event.slug), {"q": mine.person.last_name}).content.decode()
    assert mine.person.full_name in body
    client.post(url("registration_action", event.slug, mine.pk, "check-in"))
    assert Registration.objects.get(pk=mine.pk).checked_in_at is not None


def test_schedule_and_publish_through_pages(client, operator, forum):
    event, block = forum["event"], forum["block"]
    a, b = RegistrationFactory(event=event), RegistrationFactory(event=event)
    MeetingRequestFactory(event=event, sender=a, recipient=b, status="accepted")
    client.force_login(operator)
    client.post(url("block_action", event.slug, block.pk, "schedule"))
    assert Meeting.objects.filter(locked=False).count() == 1
    assert "Last run: 2 meetings placed" in client.get(url("blocks", event.slug)).content.decode()
    client.post(url("block_action", event.slug, block.pk, "publish"))
    assert not Meeting.objects.filter(locked=False).exists()


def test_outcome_form_records(client, member, forum):
    client.force_login(member)
    response = client.post(
        url("outcome", forum["event"].slug, forum["meeting"].pk),
        {"attendance": "held", "interest": "strong", "next_step": "nda", "notes": ""},
    )
    assert response.status_code == 302
    assert Meeting.objects.get().status == "held"


def test_feed_is_served_by_secret_token(client, forum):
    response = client.get(url("feed", forum["mine"].feed_token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert client.get(url("feed", "not-a-token")).status_code == 404


def _event_rows(n):
    event = EventFactory()
    for _ in range(n):
        RegistrationFactory(event=event)
    return event


@pytest.mark.parametrize("page", ["list", "participants", "manage_registrations"])
def test_list_query_counts_do_not_grow(client, operator, django_assert_num_queries, page):
    client.force_login(operator)

    def target(n):
        event = _event_rows(n)
        for _ in range(n):
            AgendaSessionFactory(event=event)
        return url(page) if page == "list" else url(page, event.slug)

    first = target(1)
    client.get(first)  # warm the session
    with CaptureQueriesContext(connection) as one:
        assert client.get(first).status_code == 200
    for _ in range(4):
        _event_rows(1)
    second = target(5)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(second).status_code == 200


def test_meeting_ics_only_for_participants(client, member, stranger, operator, forum):
    event, meeting = forum["event"], forum["meeting"]
    client.force_login(member)
    response = client.get(url("meeting_ics", event.slug, meeting.pk))
    assert response.status_code == 200 and b"BEGIN:VEVENT" in response.content
    other = participant(event)
    client.force_login(other.person.user)
    assert client.get(url("meeting_ics", event.slug, meeting.pk)).status_code == 404
    assert re.search(rb"TZID=Europe/Madrid", response.content)
    assert services  # the module is importable alongside the views


def test_suggestions_list_matching_participants(
    client, member, stranger, django_capture_on_commit_callbacks
):
    from digibridge.marketplace import services as market

    event = EventFactory()
    participant(event, member)
    theirs = participant(event, stranger)
    with django_capture_on_commit_callbacks(execute=True):
        for user, kind, title in (
            (member, "request", "Buscamos carretillas elevadoras autónomas para el almacén"),
            (stranger, "offer", "自动驾驶叉车及车队调度软件"),
        ):
            market.opportunity_create(
                owner=user.org,
                by=user,
                data={
                    "kind": kind,
                    "category": "technology",
                    "title": title,
                    "description": title + " — autonomous forklifts, fleet management.",
                },
                publish=True,
            )
    client.force_login(member)
    response = client.get(url("suggestions", event.slug))
    assert response.status_code == 200
    assert theirs.person.full_name in response.content.decode()


def test_operator_brokers_a_meeting_from_the_table_plan(client, operator, forum):
    event, block = forum["event"], forum["block"]
    a, b = RegistrationFactory(event=event), RegistrationFactory(event=event)
    client.force_login(operator)
    client.post(url("broker", event.slug, block.pk), {"first": a.pk, "second": b.pk, "slot": 0})
    meeting = Meeting.objects.get(brokered=True)
    assert meeting.locked and {s.registration_id for s in meeting.seats.all()} == {a.pk, b.pk}
    # the same two again in the same slot is refused with a message, not an error page
    response = client.post(
        url("broker", event.slug, block.pk), {"first": a.pk, "second": b.pk, "slot": 0}
    )
    assert response.status_code == 302
    assert Meeting.objects.filter(brokered=True).count() == 1


def test_participant_cancels_a_meeting_from_the_agenda(client, member, stranger, forum):
    event, meeting = forum["event"], forum["meeting"]
    client.force_login(member)
    assert "Cancel" in client.get(url("agenda", event.slug)).content.decode()
    client.post(url("meeting_cancel", event.slug, meeting.pk))
    assert Meeting.objects.get().status == "cancelled"
    other = participant(event)
    client.force_login(other.person.user)
    assert client.post(url("meeting_cancel", event.slug, meeting.pk)).status_code == 404
