import json

import pytest

from digibridge.accounts.services import api_token_create
from digibridge.events.models import MeetingRequest, Registration
from tests.events.factories import (
    AgendaSessionFactory,
    EventFactory,
    MeetingBlockFactory,
    MeetingRequestFactory,
    RegistrationFactory,
    participant,
)

pytestmark = [pytest.mark.django_db]
API = "/api/v1"


def bearer(user) -> dict:
    _token, raw = api_token_create(user=user, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, url, payload, **headers):
    return client.post(url, json.dumps(payload), content_type="application/json", **headers)


def test_events_and_sessions_are_public(client):
    event = EventFactory()
    AgendaSessionFactory(event=event)
    EventFactory(status="draft")
    body = client.get(f"{API}/events").json()
    assert [e["id"] for e in body] == [event.pk]
    assert client.get(f"{API}/events/{event.pk}").json()["time_zone"] == "Europe/Madrid"
    sessions = client.get(f"{API}/events/{event.pk}/sessions").json()
    assert sessions[0]["kind"] == "forum_talk"


def test_event_list_query_count_does_not_grow(client, django_assert_num_queries):
    EventFactory()
    with django_assert_num_queries(1) as one:
        client.get(f"{API}/events")
    for _ in range(4):
        EventFactory()
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(f"{API}/events").json()) == 5


def test_register_then_operator_approves(client, member, operator):
    event = EventFactory()
    response = post(
        client,
        f"{API}/events/{event.pk}/registrations",
        {"organisation": member.org.pk, "participant_type": "enterprise_executive"},
        **bearer(member),
    )
    assert response.status_code == 201, response.content
    reg_id = response.json()["id"]
    assert response.json()["status"] == "pending"
    action = f"{API}/events/{event.pk}/registrations/{reg_id}/actions"
    assert post(client, action, {"action": "approve"}, **bearer(member)).status_code == 403
    response = post(client, action, {"action": "approve"}, **bearer(operator))
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assert Registration.objects.get().status == "approved"


def test_bad_input_is_422_not_500(client, member):
    event = EventFactory()
    url = f"{API}/events/{event.pk}/registrations"
    response = post(
        client, url, {"organisation": member.org.pk, "participant_type": "spy"}, **bearer(member)
    )
    assert response.status_code == 422
    response = post(
        client, url, {"organisation": 99999, "participant_type": "media"}, **bearer(member)
    )
    assert response.status_code == 422
    response = post(
        client,
        url,
        {"organisation": member.org.pk, "participant_type": "media", "available_slots": ["9:9"]},
        **bearer(member),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "available_slots"]
    response = client.post(url, "{oops", content_type="application/json", **bearer(member))
    assert response.status_code in (400, 422)


def test_registering_for_another_organisation_is_403(client, member, stranger):
    event = EventFactory()
    response = post(
        client,
        f"{API}/events/{event.pk}/registrations",
        {"organisation": stranger.org.pk, "participant_type": "media"},
        **bearer(member),
    )
    assert response.status_code == 403


def test_unknown_or_draft_event_is_404(client, member):
    draft = EventFactory(status="draft")
    assert client.get(f"{API}/events/{draft.pk}", **bearer(member)).status_code == 404
    assert client.get(f"{API}/events/999999").status_code == 404


def test_request_accept_via_api(client, member, stranger):
    event = EventFactory()
    mine, theirs = participant(event, member), participant(event, stranger)
    response = post(
        client,
        f"{API}/events/{event.pk}/requests",
        {"recipient": theirs.pk, "message": "Hello"},
        **bearer(member),
    )
    assert response.status_code == 201, response.content
    request_id = response.json()["id"]
    assert (
        post(client, f"{API}/requests/{request_id}/accept", {}, **bearer(member)).status_code == 403
    )
    response = post(client, f"{API}/requests/{request_id}/accept", {}, **bearer(stranger))
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    again = post(client, f"{API}/requests/{request_id}/decline", {}, **bearer(stranger))
    assert again.status_code == 422
    assert mine.pk


def test_requests_are_private_to_the_two_sides(client, member, stranger):
    event = EventFactory()
    request = MeetingRequestFactory(event=event)
    assert (
        post(client, f"{API}/requests/{request.pk}/accept", {}, **bearer(member)).status_code == 404
    )
    participant(event, stranger)
    body = client.get(f"{API}/events/{event.pk}/requests", **bearer(stranger)).json()
    assert body == []
    assert MeetingRequest.objects.get().status == "pending"


def test_request_to_unknown_recipient_is_422_and_unregistered_sender_404(client, member, stranger):
    event = EventFactory()
    response = post(client, f"{API}/events/{event.pk}/requests", {"recipient": 1}, **bearer(member))
    assert response.status_code == 404
    participant(event, member)
    response = post(
        client, f"{API}/events/{event.pk}/requests", {"recipient": 999999}, **bearer(member)
    )
    assert response.status_code == 422


def test_participants_see_only_listed_registrations(client, member):
    event = EventFactory()
    participant(event, member)
    listed = RegistrationFactory(event=event)
    RegistrationFactory(event=event, consent_listed=False)
    body = client.get(f"{API}/events/{event.pk}/registrations", **bearer(member)).json()
    assert listed.pk in {r["id"] for r in body} and len(body) == 2


def test_schedule_run_and_agenda(client, operator, member, stranger):
    block = MeetingBlockFactory()
    event = block.event
    mine, theirs = participant(event, member), participant(event, stranger)
    MeetingRequestFactory(event=event, sender=mine, recipient=theirs, status="accepted")
    url = f"{API}/events/{event.pk}/blocks/{block.pk}/schedule"
    assert post(client, url, {"time_limit": 1}, **bearer(member)).status_code == 403
    assert post(client, url, {"time_limit": -1}, **bearer(operator)).status_code == 422
    response = post(client, url, {"time_limit": 1, "publish": True}, **bearer(operator))
    assert response.status_code == 200, response.content
    assert response.json()["scheduled"] == 1 and response.json()["published"] == 1
    agenda = client.get(f"{API}/events/{event.pk}/agenda", **bearer(member)).json()
    assert agenda[0]["kind"] == "meeting" and agenda[0]["table"] >= 1
    bad = f"{API}/events/{event.pk}/blocks/999999/schedule"
    assert post(client, bad, {}, **bearer(operator)).status_code == 404


def test_write_without_auth_is_401(client):
    event = EventFactory()
    response = post(client, f"{API}/events/{event.pk}/requests", {"recipient": 1})
    assert response.status_code == 401


def test_book_broker_outcome_and_signup_via_api(client, operator, member, stranger):
    block = MeetingBlockFactory(self_booking=True)
    event = block.event
    mine, theirs = participant(event, member), participant(event, stranger)
    request = MeetingRequestFactory(event=event, sender=mine, recipient=theirs, status="accepted")
    book = f"{API}/requests/{request.pk}/book"
    assert post(client, book, {"block": block.pk, "slot": 99}, **bearer(member)).status_code == 422
    response = post(client, book, {"block": block.pk, "slot": 1}, **bearer(member))
    assert response.status_code == 201, response.content
    meeting = response.json()
    assert meeting["slot"] == 1 and sorted(meeting["participants"]) == sorted([mine.pk, theirs.pk])
    assert post(client, book, {"block": block.pk, "slot": 2}, **bearer(member)).status_code == 422
    broker = f"{API}/events/{event.pk}/blocks/{block.pk}/meetings"
    payload = {"registrations": [mine.pk, theirs.pk], "slot": 1}
    assert post(client, broker, payload, **bearer(member)).status_code == 403
    assert post(client, broker, payload, **bearer(operator)).status_code == 422  # both busy
    payload["slot"] = 3
    response = post(client, broker, payload, **bearer(operator))
    assert response.status_code == 201 and response.json()["brokered"] is True
    outcome = f"{API}/meetings/{meeting['id']}/outcome"
    response = post(client, outcome, {"attendance": "held", "interest": "strong"}, **bearer(member))
    assert response.status_code == 200 and response.json()["interest"] == "strong"
    assert post(client, outcome, {"attendance": "maybe"}, **bearer(member)).status_code == 422
    other = participant(event)
    assert (
        post(client, outcome, {"attendance": "held"}, **bearer(other.person.user)).status_code
        == 404
    )
    session = AgendaSessionFactory(event=event, capacity=1)
    signup = f"{API}/sessions/{session.pk}/signup"
    assert post(client, signup, {}, **bearer(member)).status_code == 201
    assert post(client, signup, {}, **bearer(stranger)).status_code == 422


def test_meeting_cancel_by_participant_only(client, member, stranger):
    from digibridge.events.models import Meeting, MeetingSeat

    block = MeetingBlockFactory()
    mine, theirs = participant(block.event, member), participant(block.event, stranger)
    meeting = Meeting.objects.create(block=block, slot=0, table=1, locked=True)
    for r in (mine, theirs):
        MeetingSeat.objects.create(meeting=meeting, registration=r, block=block, slot=0)
    outsider = participant(block.event)
    url = f"{API}/meetings/{meeting.pk}/cancel"
    assert post(client, url, {}, **bearer(outsider.person.user)).status_code == 404
    response = post(client, url, {}, **bearer(stranger))
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert not MeetingSeat.objects.exists()  # the slot is free again
