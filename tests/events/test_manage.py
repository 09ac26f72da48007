"""Organisers create and edit events, agenda sessions, meeting blocks and table hosts."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.events import services
from digibridge.events.models import AgendaSession, Event, Meeting, MeetingBlock, TableHost
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.events.factories import (
    AgendaSessionFactory,
    EventFactory,
    MeetingBlockFactory,
    RegistrationFactory,
    participant,
)

pytestmark = pytest.mark.django_db
BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
MADRID = zoneinfo.ZoneInfo("Europe/Madrid")


def wall(*args) -> dt.datetime:
    """A wall-clock time without a zone, as forms and the API give it."""
    return dt.datetime(*args)  # noqa: DTZ001 - naive on purpose


def _event_data(**extra):
    return {
        "name": "Beijing Digital Week",
        "time_zone": "Asia/Shanghai",
        "start": wall(2025, 6, 10, 9, 0),  # naive: the event's local time
        "end": wall(2025, 6, 12, 18, 0),
        "status": "draft",
        **extra,
    }


def test_operator_creates_an_event_in_its_time_zone(operator, member):
    host, partner = OrganisationFactory(), OrganisationFactory()
    with pytest.raises(PermissionDeniedError):
        services.event_create(host=host, data=_event_data(), by=member)
    event = services.event_create(host=host, data=_event_data(), co_hosts=[partner], by=operator)
    assert event.slug == "beijing-digital-week"
    assert event.start == dt.datetime(2025, 6, 10, 9, 0, tzinfo=BEIJING)
    assert event.start.astimezone(dt.UTC).hour == 1
    assert list(event.co_hosts.all()) == [partner]
    again = services.event_create(host=host, data=_event_data(), by=operator)
    assert again.slug == "beijing-digital-week-2"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"end": wall(2025, 6, 9, 9, 0)}, "end"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        (
            {
                "registration_opens": wall(2025, 5, 2),
                "registration_closes": wall(2025, 5, 1),
            },
            "registration_closes",
        ),
        ({"status": "party"}, "status"),
        ({"name": "  "}, "name"),
    ],
)
def test_bad_event_data_names_the_field(operator, extra, field):
    with pytest.raises(DomainError) as caught:
        services.event_create(host=OrganisationFactory(), data=_event_data(**extra), by=operator)
    assert caught.value.field == field
    assert not Event.objects.exists()


def test_host_member_edits_but_cannot_move_host_or_delete(member, stranger, operator):
    event = EventFactory(host=member.org)
    services.event_update(event=event, data={"venue": "  Palau  ", "capacity": 50}, by=member)
    event.refresh_from_db()
    assert (event.venue, event.capacity) == ("Palau", 50)
    with pytest.raises(PermissionDeniedError):
        services.event_update(event=event, data={"venue": "X"}, by=stranger)
    with pytest.raises(PermissionDeniedError):
        services.event_update(event=event, data={}, host=stranger.org, by=member)
    with pytest.raises(PermissionDeniedError):
        services.event_delete(event=event, by=member)
    services.event_update(event=event, data={}, host=stranger.org, by=operator)
    assert Event.objects.get().host == stranger.org


def test_capacity_cannot_drop_below_approved(operator):
    event = EventFactory()
    RegistrationFactory.create_batch(3, event=event)
    with pytest.raises(DomainError, match="3 participants") as caught:
        services.event_update(event=event, data={"capacity": 2}, by=operator)
    assert caught.value.field == "capacity"
    services.event_update(event=event, data={"capacity": 3}, by=operator)


def test_event_delete_refused_with_registrations(operator):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    with pytest.raises(DomainError, match="registrations"):
        services.event_delete(event=event, by=operator)
    registration.delete()
    services.event_delete(event=event, by=operator)
    assert not Event.objects.exists()


def test_sessions_in_the_events_time_zone_with_speakers(operator, member):
    event = EventFactory()
    speaker = PersonFactory()
    session = services.session_create(
        event=event,
        data={
            "kind": "gov_enterprise",
            "title": " Matchmaking with Hangzhou ",
            "start": wall(2025, 3, 4, 16, 0),
            "end": wall(2025, 3, 4, 17, 0),
            "capacity": 2,
            "room": "Sala 2",
        },
        speakers=[speaker],
        by=operator,
    )
    assert session.title == "Matchmaking with Hangzhou"
    assert session.start == dt.datetime(2025, 3, 4, 16, 0, tzinfo=MADRID)
    assert list(session.speakers.all()) == [speaker]
    with pytest.raises(PermissionDeniedError):
        services.session_update(session=session, data={"title": "X"}, by=member)
    with pytest.raises(DomainError) as caught:
        services.session_update(session=session, data={"end": wall(2025, 3, 4, 15, 0)}, by=operator)
    assert caught.value.field == "end"
    with pytest.raises(DomainError) as caught:
        services.session_create(event=event, data={"kind": "karaoke", "title": "x"}, by=operator)
    assert caught.value.field == "kind"


def test_session_capacity_and_delete(operator):
    session = AgendaSessionFactory(capacity=5)
    for registration in RegistrationFactory.create_batch(2, event=session.event):
        services.session_signup(session=session, registration=registration, by=operator)
    with pytest.raises(DomainError, match="2 people"):
        services.session_update(session=session, data={"capacity": 1}, by=operator)
    assert services.session_delete(session=session, by=operator) == 2
    assert not AgendaSession.objects.exists()


def test_block_create_update_and_delete_rules(operator, member, stranger):
    event = EventFactory()
    block = services.meeting_block_create(
        event=event,
        data={
            "name": "Beijing Night",
            "start": wall(2025, 3, 4, 19, 0),
            "end": wall(2025, 3, 4, 21, 0),
            "slot_minutes": 15,
            "tables": 40,
            "self_booking": True,
        },
        by=operator,
    )
    assert block.slot_count == 8 and block.start == dt.datetime(2025, 3, 4, 19, tzinfo=MADRID)
    for bad, field in (({"slot_minutes": 3}, "slot_minutes"), ({"tables": 0}, "tables")):
        with pytest.raises(DomainError) as caught:
            services.meeting_block_update(block=block, data=bad, by=operator)
        assert caught.value.field == field
    me, other = participant(event, member), participant(event, stranger)
    services.meeting_create_brokered(
        block=block, registrations=[me, other], slot=5, table=12, by=operator
    )
    # with a meeting in slot 5 at table 12, the block keeps its geometry
    with pytest.raises(DomainError, match="start and slot length"):
        services.meeting_block_update(block=block, data={"slot_minutes": 20}, by=operator)
    with pytest.raises(DomainError, match="cannot end earlier"):
        services.meeting_block_update(
            block=block, data={"end": wall(2025, 3, 4, 20, 0)}, by=operator
        )
    with pytest.raises(DomainError, match="Table 12"):
        services.meeting_block_update(block=block, data={"tables": 10}, by=operator)
    services.meeting_block_update(
        block=block, data={"tables": 12, "end": wall(2025, 3, 4, 20, 30)}, by=operator
    )
    with pytest.raises(DomainError, match="has meetings"):
        services.meeting_block_delete(block=block, by=operator)
    services.meeting_cancel(meeting=Meeting.objects.get(), by=operator)
    services.meeting_block_delete(block=block, by=operator)
    assert not MeetingBlock.objects.exists()


def test_table_hosts_set_and_remove(operator, member):
    block = MeetingBlockFactory(tables=3)
    host = participant(block.event, member)
    with pytest.raises(PermissionDeniedError):
        services.table_host_set(block=block, registration=host, table=1, by=member)
    with pytest.raises(DomainError, match="no such table"):
        services.table_host_set(block=block, registration=host, table=4, by=operator)
    services.table_host_set(block=block, registration=host, table=2, by=operator)
    with pytest.raises(DomainError, match="already has a host"):
        services.table_host_set(
            block=block, registration=RegistrationFactory(event=block.event), table=2, by=operator
        )
    with pytest.raises(DomainError, match="Table 2"):
        services.meeting_block_update(block=block, data={"tables": 1}, by=operator)
    assert services.table_host_remove(block=block, table=2, by=operator)
    assert not TableHost.objects.exists()


# --- pages ---------------------------------------------------------------------------------


def test_operator_creates_an_event_from_the_page(client, operator):
    host = OrganisationFactory(name="Barcelona City Council")
    client.force_login(operator)
    assert client.get(reverse("events:event_new")).status_code == 200
    response = client.post(
        reverse("events:event_new"),
        {
            "name": "Barcelona Forum 2026",
            "time_zone": "Europe/Madrid",
            "start": "2026-03-04T09:00",
            "end": "2026-03-04T22:00",
            "status": "registration_open",
            "host": host.pk,
            "capacity": "300",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:manage_sessions", args=[event.slug])
    assert event.start == dt.datetime(2026, 3, 4, 9, tzinfo=MADRID)
    assert event.capacity == 300


def test_event_form_errors_are_shown_not_500(client, operator):
    client.force_login(operator)
    response = client.post(
        reverse("events:event_new"),
        {"name": "X", "time_zone": "Europe/Madrid", "start": "yesterday", "end": "", "host": 0},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"start", "end", "host"}
    assert not Event.objects.exists()


def test_non_operators_do_not_see_the_organiser_pages(client, member, stranger):
    event = EventFactory(host=stranger.org)
    block = MeetingBlockFactory(event=event)
    client.force_login(member)
    for url in (
        reverse("events:event_new"),
        reverse("events:event_edit", args=[event.slug]),
        reverse("events:manage_sessions", args=[event.slug]),
        reverse("events:block_edit", args=[event.slug, block.pk]),
        reverse("events:block_delete", args=[event.slug, block.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_host_member_edits_times_shown_in_the_events_zone(client, stranger):
    event = EventFactory(host=stranger.org, time_zone="Asia/Shanghai")
    client.force_login(stranger)
    url = reverse("events:event_edit", args=[event.slug])
    page = client.get(url)
    assert page.status_code == 200
    local = event.start.astimezone(BEIJING).strftime("%Y-%m-%dT%H:%M")
    assert f'value="{local}"' in page.content.decode()
    assert "host" not in page.context["form"].fields  # only operators move the host
    data = {
        "name": event.name,
        "time_zone": "Asia/Shanghai",
        "start": "2025-03-05T09:00",
        "end": "2025-03-05T18:00",
        "status": "running",
    }
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.start == dt.datetime(2025, 3, 5, 9, tzinfo=BEIJING)
    assert event.status == "running"


def test_delete_pages_confirm_first_and_refuse_losing_meetings(client, operator, member, stranger):
    block = MeetingBlockFactory()
    me, other = participant(block.event, member), participant(block.event, stranger)
    services.meeting_create_brokered(block=block, registrations=[me, other], slot=0, by=operator)
    client.force_login(operator)
    url = reverse("events:block_delete", args=[block.event.slug, block.pk])
    page = client.get(url)
    assert page.status_code == 200 and b'name="confirm"' not in page.content
    client.post(url, {"confirm": "yes"})
    assert MeetingBlock.objects.filter(pk=block.pk).exists()
    empty = MeetingBlockFactory(event=block.event, name="Second night")
    url = reverse("events:block_delete", args=[block.event.slug, empty.pk])
    assert b'name="confirm"' in client.get(url).content
    client.post(url, {})  # no confirmation: nothing happens
    assert MeetingBlock.objects.filter(pk=empty.pk).exists()
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert not MeetingBlock.objects.filter(pk=empty.pk).exists()


def test_session_and_block_pages(client, operator):
    event = EventFactory()
    client.force_login(operator)
    response = client.post(
        reverse("events:session_new", args=[event.slug]),
        {
            "kind": "panel",
            "title": "Smart ports panel",
            "start": "2025-03-04T12:00",
            "end": "2025-03-04T13:00",
        },
    )
    assert response.status_code == 302
    session = AgendaSession.objects.get()
    assert session.start == dt.datetime(2025, 3, 4, 12, tzinfo=MADRID)
    listing = client.get(reverse("events:manage_sessions", args=[event.slug]))
    assert "Smart ports panel" in listing.content.decode()
    response = client.post(
        reverse("events:block_new", args=[event.slug]),
        {
            "name": "Beijing Night",
            "start": "2025-03-04T19:00",
            "end": "2025-03-04T21:00",
            "slot_minutes": "15",
            "tables": "40",
        },
    )
    block = MeetingBlock.objects.get()
    assert response["Location"] == reverse("events:block_edit", args=[event.slug, block.pk])
    registration = RegistrationFactory(event=event)
    client.post(
        reverse("events:table_host", args=[event.slug, block.pk]),
        {"registration": registration.pk, "table": "7"},
    )
    assert TableHost.objects.get().table == 7
    page = client.get(reverse("events:block_edit", args=[event.slug, block.pk])).content.decode()
    assert registration.person.full_name in page
    client.post(
        reverse("events:table_host", args=[event.slug, block.pk]),
        {"action": "remove", "table": "7"},
    )
    assert not TableHost.objects.exists()
    bad = client.post(
        reverse("events:table_host", args=[event.slug, block.pk]),
        {"action": "remove", "table": "seven"},
    )
    assert bad.status_code == 302
