"""iCalendar output parsed back with the icalendar library; Barcelona and Beijing times."""

import datetime as dt
import zoneinfo

import icalendar
import pytest

from digibridge.events.calendar import meeting_calendar, participant_calendar
from digibridge.events.models import Meeting, MeetingSeat, SessionSignup
from tests.events.factories import (
    AgendaSessionFactory,
    EventFactory,
    MeetingBlockFactory,
    participant,
)

pytestmark = pytest.mark.django_db
MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _setup(member, stranger):
    event = EventFactory()
    block = MeetingBlockFactory(event=event)  # 19:00 Madrid, 15-minute slots
    mine, theirs = participant(event, member), participant(event, stranger)
    meeting = Meeting.objects.create(block=block, slot=2, table=3, locked=True)
    for r in (mine, theirs):
        MeetingSeat.objects.create(meeting=meeting, registration=r, block=block, slot=2)
    session = AgendaSessionFactory(event=event, title="Opening")
    SessionSignup.objects.create(session=session, registration=mine)
    return event, mine, theirs, meeting


def test_feed_parses_back_with_event_time_zone(member, stranger):
    event, mine, theirs, meeting = _setup(member, stranger)
    cal = icalendar.Calendar.from_ical(participant_calendar(registration=mine))
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Madrid"]
    items = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert set(items) == {
        "Opening",
        f"1:1 meeting with {theirs.person.full_name} ({theirs.organisation.name})",
    }
    start = items[next(k for k in items if k.startswith("1:1 meeting"))]["DTSTART"].dt
    assert start == dt.datetime(2025, 3, 4, 19, 30, tzinfo=MADRID)
    assert str(start.tzinfo) == "Europe/Madrid"
    # the same instant is 02:30 the next morning in Beijing, 18:30 UTC
    assert start.astimezone(SHANGHAI).strftime("%d %H:%M") == "05 02:30"
    assert start.astimezone(dt.UTC).strftime("%H:%M") == "18:30"
    stamp = items["Opening"]["DTSTAMP"].dt
    assert stamp.utcoffset() == dt.timedelta(0)
    assert "table 3" in str(
        items[next(k for k in items if k.startswith("1:1 meeting"))]["LOCATION"]
    )


def test_event_in_beijing_uses_its_own_zone(member, stranger):
    event = EventFactory(
        time_zone="Asia/Shanghai",
        start=dt.datetime(2025, 9, 1, 9, tzinfo=SHANGHAI),
        end=dt.datetime(2025, 9, 1, 18, tzinfo=SHANGHAI),
    )
    block = MeetingBlockFactory(
        event=event,
        start=dt.datetime(2025, 9, 1, 14, tzinfo=SHANGHAI),
        end=dt.datetime(2025, 9, 1, 15, tzinfo=SHANGHAI),
    )
    mine, theirs = participant(event, member), participant(event, stranger)
    meeting = Meeting.objects.create(block=block, slot=0, table=1)
    for r in (mine, theirs):
        MeetingSeat.objects.create(meeting=meeting, registration=r, block=block, slot=0)
    cal = icalendar.Calendar.from_ical(meeting_calendar(meeting=meeting, registration=theirs))
    (item,) = cal.walk("VEVENT")
    assert str(item["DTSTART"].dt.tzinfo) == "Asia/Shanghai"
    assert item["DTSTART"].dt.astimezone(MADRID).strftime("%H:%M") == "08:00"  # CEST in Sept
    assert item["DTEND"].dt - item["DTSTART"].dt == dt.timedelta(minutes=15)
    assert mine.person.full_name in str(item["SUMMARY"])


def test_uids_are_stable_between_reads(member, stranger):
    _event, mine, _theirs, _meeting = _setup(member, stranger)
    first = icalendar.Calendar.from_ical(participant_calendar(registration=mine))
    second = icalendar.Calendar.from_ical(participant_calendar(registration=mine))
    assert sorted(str(e["UID"]) for e in first.walk("VEVENT")) == sorted(
        str(e["UID"]) for e in second.walk("VEVENT")
    )


def test_feed_speaks_the_participant_language(member, stranger):
    member.language = "es"
    member.save()
    _event, mine, _theirs, _meeting = _setup(member, stranger)
    cal = icalendar.Calendar.from_ical(participant_calendar(registration=mine))
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert any(s.startswith("Reunión 1:1 con") for s in summaries)
