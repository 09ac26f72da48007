"""iCalendar (RFC 5545) output: a participant's feed and single meetings.

Times are written with the event's TZID and a matching VTIMEZONE, so calendar clients show
them right wherever the reader is; DTSTAMP is UTC as the standard asks. UIDs are stable, so a
client that re-reads the feed updates entries instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt

import icalendar
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import selectors
from .models import Meeting, Registration

PRODID = "-//DigiBridge//Events//EN"


def _calendar(name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def _vevent(
    *, uid: str, start: dt.datetime, end: dt.datetime, tz, summary: str, location: str, desc: str
) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", uid)
    item.add("dtstamp", timezone.now().astimezone(dt.UTC))
    item.add("dtstart", start.astimezone(tz))
    item.add("dtend", end.astimezone(tz))
    item.add("summary", summary)
    if location:
        item.add("location", location)
    if desc:
        item.add("description", desc)
    return item


def _meeting_event(meeting: Meeting, registration: Registration) -> icalendar.Event:
    event = registration.event
    others = [s.registration for s in meeting.seats.all() if s.registration_id != registration.pk]
    people = ", ".join(f"{o.person.full_name} ({o.organisation.name})" for o in others)
    place = _("%(block)s, table %(table)s") % {"block": meeting.block.name, "table": meeting.table}
    return _vevent(
        uid=f"meeting-{meeting.pk}-{registration.pk}@digibridge",
        start=meeting.start,
        end=meeting.end,
        tz=event.tz,
        summary=_("1:1 meeting with %(people)s") % {"people": people},
        location=", ".join(x for x in (place, event.venue) if x),
        desc=meeting.request.message if meeting.request_id and meeting.request else "",
    )


def _language(registration: Registration) -> str:
    user = registration.person.user
    return getattr(user, "language", "") or translation.get_language() or "en"


def participant_calendar(*, registration: Registration) -> bytes:
    with translation.override(_language(registration)):
        return _participant_calendar(registration)


def _participant_calendar(registration: Registration) -> bytes:
    event = registration.event
    cal = _calendar(event.local_name)
    for item in selectors.personal_agenda(registration=registration):
        if item.kind == "meeting":
            cal.add_component(_meeting_event(item.meeting, registration))
        else:
            cal.add_component(
                _vevent(
                    uid=f"session-{item.session.pk}@digibridge",
                    start=item.start,
                    end=item.end,
                    tz=event.tz,
                    summary=item.title,
                    location=", ".join(x for x in (item.place, event.venue) if x),
                    desc=item.session.description,
                )
            )
    cal.add_missing_timezones()
    return cal.to_ical()


def meeting_calendar(*, meeting: Meeting, registration: Registration) -> bytes:
    with translation.override(_language(registration)):
        cal = _calendar(registration.event.local_name)
        cal.add_component(_meeting_event(meeting, registration))
    cal.add_missing_timezones()
    return cal.to_ical()
