"""Organisers' API: events, sessions, meeting blocks and table hosts, same rules as pages."""

import datetime as dt
import json
import zoneinfo

import pytest

from digibridge.events import services
from digibridge.events.models import AgendaSession, Event, MeetingBlock
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.events.factories import EventFactory, MeetingBlockFactory, participant
from tests.events.test_api import API, bearer, post

pytestmark = pytest.mark.django_db
BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


def send(client, method, url, payload=None, **headers):
    return getattr(client, method)(
        url, json.dumps(payload or {}), content_type="application/json", **headers
    )


def test_operator_creates_and_edits_an_event(client, operator, member):
    host, partner = OrganisationFactory(), OrganisationFactory()
    payload = {
        "name": "Beijing Digital Week",
        "time_zone": "Asia/Shanghai",
        "start": "2025-06-10T09:00:00",
        "end": "2025-06-12T18:00:00+08:00",
        "host": host.pk,
        "co_hosts": [partner.pk],
        "capacity": 150,
    }
    assert post(client, f"{API}/events", payload, **bearer(member)).status_code == 403
    response = post(client, f"{API}/events", payload, **bearer(operator))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["co_hosts"] == [partner.pk] and body["status"] == "draft"
    event = Event.objects.get()
    assert event.start == dt.datetime(2025, 6, 10, 9, tzinfo=BEIJING)
    assert event.end == dt.datetime(2025, 6, 12, 18, tzinfo=BEIJING)
    url = f"{API}/events/{event.pk}"
    changed = send(client, "patch", url, {"status": "registration_open"}, **bearer(operator))
    assert changed.status_code == 200 and changed.json()["capacity"] == 150  # untouched
    bad = send(client, "patch", url, {"end": "2025-06-01T00:00:00"}, **bearer(operator))
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "end"]
    unknown = send(client, "patch", url, {"co_hosts": [987654]}, **bearer(operator))
    assert unknown.status_code == 422
    assert send(client, "delete", url, **bearer(operator)).status_code == 204
    assert not Event.objects.exists()


def test_host_members_edit_strangers_do_not(client, member, stranger):
    event = EventFactory(host=member.org)
    url = f"{API}/events/{event.pk}"
    assert send(client, "patch", url, {"venue": "Palau"}, **bearer(member)).status_code == 200
    assert send(client, "patch", url, {"venue": "X"}, **bearer(stranger)).status_code == 403
    assert send(client, "delete", url, **bearer(member)).status_code == 403
    moved = send(client, "patch", url, {"host": stranger.org.pk}, **bearer(member))
    assert moved.status_code == 403


def test_sessions_through_the_api(client, operator):
    event = EventFactory(time_zone="Asia/Shanghai")
    speaker = PersonFactory()
    url = f"{API}/events/{event.pk}/sessions"
    payload = {
        "kind": "signing_ceremony",
        "title": "Signing of the port agreement",
        "start": "2025-03-04T18:00:00",
        "end": "2025-03-04T18:30:00",
        "speakers": [speaker.pk],
    }
    response = post(client, url, payload, **bearer(operator))
    assert response.status_code == 201, response.content
    assert response.json()["speakers"][0]["id"] == speaker.pk
    session = AgendaSession.objects.get()
    assert session.start == dt.datetime(2025, 3, 4, 18, tzinfo=BEIJING)
    assert post(client, url, {**payload, "kind": "karaoke"}, **bearer(operator)).status_code == 422
    one = f"{url}/{session.pk}"
    assert send(client, "patch", one, {"room": "Hall B"}, **bearer(operator)).json()["room"] == (
        "Hall B"
    )
    assert send(client, "delete", one, **bearer(operator)).status_code == 204
    assert send(client, "delete", one, **bearer(operator)).status_code == 404


def test_blocks_and_table_hosts_through_the_api(client, operator, member, stranger):
    event = EventFactory()
    url = f"{API}/events/{event.pk}/blocks"
    payload = {
        "name": "Beijing Night",
        "start": "2025-03-04T19:00:00",
        "end": "2025-03-04T21:00:00",
        "slot_minutes": 15,
        "tables": 40,
    }
    response = post(client, url, payload, **bearer(operator))
    assert response.status_code == 201, response.content
    assert response.json()["slot_count"] == 8
    block = MeetingBlock.objects.get()
    me, other = participant(event, member), participant(event, stranger)
    hosts = f"{url}/{block.pk}/hosts/5"
    set_host = send(client, "put", hosts, {"registration": me.pk}, **bearer(operator))
    assert set_host.json()["table_hosts"] == [{"table": 5, "registration": me.pk}]
    assert client.get(url).json()[0]["table_hosts"][0]["table"] == 5
    services.meeting_create_brokered(block=block, registrations=[me, other], slot=7, by=operator)
    shorter = send(
        client, "patch", f"{url}/{block.pk}", {"end": "2025-03-04T20:00:00"}, **bearer(operator)
    )
    assert shorter.status_code == 422
    assert send(client, "delete", f"{url}/{block.pk}", **bearer(operator)).status_code == 422
    assert send(client, "delete", hosts, **bearer(operator)).status_code == 204
    assert send(client, "delete", hosts, **bearer(operator)).status_code == 404
    empty = MeetingBlockFactory(event=event)
    assert send(client, "delete", f"{url}/{empty.pk}", **bearer(member)).status_code == 403
    assert send(client, "delete", f"{url}/{empty.pk}", **bearer(operator)).status_code == 204
