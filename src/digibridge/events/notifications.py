"""Notices about meeting requests, answers, schedules and deadlines.

Everything goes through ``digibridge.outreach.notifications.notify``: an in-app notification
and/or an e-mail, as each recipient's per-kind preferences say, the e-mail sent by a
background task after the transaction commits (a rolled-back change sends nothing). Titles and
bodies are ``gettext_lazy`` strings with named placeholders, rendered in the recipient's
language. Meeting times appear in the recipient's own time zone, so notices that mention a
time are sent one recipient at a time.

Participants with a user account get what their preferences say; participants without one
(registered by an organiser) get the e-mail at their directory address, in their language, as
long as they have not withdrawn their consent to e-mail (``notify_guest``).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digibridge.outreach.models import Notification
from digibridge.outreach.notifications import notify, notify_guest

from .models import Meeting, MeetingBlock, MeetingRequest, Registration

Kind = Notification.Kind


def _user(registration: Registration):
    user = registration.person.user
    return user if user is not None and user.is_active else None


def _zone(user, registration: Registration) -> zoneinfo.ZoneInfo:
    name = getattr(user, "time_zone", "") or registration.event.time_zone
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return registration.event.tz


def local_time(moment: dt.datetime, user, registration: Registration) -> str:
    """``moment`` in the recipient's time zone, with the zone's abbreviation."""
    return moment.astimezone(_zone(user, registration)).strftime("%Y-%m-%d %H:%M %Z")


def _link(name: str, event) -> str:
    return reverse(name, args=[event.slug])


def _people(registrations) -> str:
    return ", ".join(f"{r.person.full_name} ({r.organisation.name})" for r in registrations)


def _meeting_line(meeting: Meeting, user, registration: Registration, others) -> str:
    """One line about a meeting, in the recipient's language (call inside an override)."""
    return _("%(time)s, table %(table)s, with %(people)s.") % {
        "time": local_time(meeting.block.slot_start(meeting.slot), user, registration),
        "table": meeting.table,
        "people": _people(others),
    }


def _language(user, registration: Registration | None = None) -> str:
    if user is not None:
        return getattr(user, "language", "") or settings.LANGUAGE_CODE
    spoken = registration.person.languages if registration is not None else []
    codes = {code for code, _name in settings.LANGUAGES}
    return next((code for code in spoken or [] if code in codes), settings.LANGUAGE_CODE)


def _tell(registration: Registration, **notice) -> None:
    """``notify`` the participant's user, or e-mail a participant without an account."""
    user = _user(registration)
    if user is not None:
        notify(users=[user], **notice)
    elif registration.person.user_id is None:  # not a deactivated account: a guest
        notify_guest(person=registration.person, language=_language(None, registration), **notice)


def notify_request_created(request: MeetingRequest) -> None:
    if request.message:
        body = gettext_lazy(
            "%(name)s (%(organisation)s) asks you for a 1:1 meeting at %(event)s.\n\n"
            "%(message)s\n\nAnswer it in your meeting inbox."
        )
    else:
        body = gettext_lazy(
            "%(name)s (%(organisation)s) asks you for a 1:1 meeting at %(event)s.\n\n"
            "Answer it in your meeting inbox."
        )
    _tell(
        request.recipient,
        kind=Kind.MEETING_REQUEST,
        title=gettext_lazy("New meeting request from %(name)s"),
        body=body,
        params={
            "name": request.sender.person.full_name,
            "organisation": request.sender.organisation.name,
            "event": request.event.local_name,
            "message": request.message,
        },
        link=_link("events:inbox", request.event),
    )


def notify_request_answered(request: MeetingRequest) -> None:
    if request.status == MeetingRequest.Status.ACCEPTED:
        title = gettext_lazy("%(name)s accepted your meeting request")
        body = gettext_lazy("%(name)s accepted your meeting request at %(event)s.")
    else:
        title = gettext_lazy("%(name)s declined your meeting request")
        body = gettext_lazy("%(name)s declined your meeting request at %(event)s.")
    _tell(
        request.sender,
        kind=Kind.MEETING_ANSWER,
        title=title,
        body=body,
        params={"name": request.recipient.person.full_name, "event": request.event.local_name},
        link=_link("events:inbox", request.event),
    )


def notify_requests_expired(requests: list[MeetingRequest]) -> None:
    """Both sides of each request that expired unanswered (kind ``deadline``)."""
    for request in requests:
        params = {
            "sender": request.sender.person.full_name,
            "recipient": request.recipient.person.full_name,
            "event": request.event.local_name,
        }
        link = _link("events:inbox", request.event)
        _tell(
            request.sender,
            kind=Kind.DEADLINE,
            title=gettext_lazy("Your meeting request to %(recipient)s expired"),
            body=gettext_lazy(
                "%(recipient)s did not answer your meeting request at %(event)s before "
                "the deadline."
            ),
            params=params,
            link=link,
        )
        _tell(
            request.recipient,
            kind=Kind.DEADLINE,
            title=gettext_lazy("The meeting request of %(sender)s expired"),
            body=gettext_lazy(
                "The deadline for answering meeting requests at %(event)s has passed; "
                "the request of %(sender)s expired unanswered."
            ),
            params=params,
            link=link,
        )


def notify_requests_expiring(requests: list[MeetingRequest]) -> None:
    """One recipient's pending requests that expire soon (kind ``deadline``)."""
    recipient = requests[0].recipient
    user = _user(recipient)
    deadline = min(r.expires_at for r in requests)
    _tell(
        recipient,
        kind=Kind.DEADLINE,
        title=gettext_lazy("Meeting requests waiting for your answer"),
        body=gettext_lazy(
            "Answer before %(deadline)s, when unanswered requests at %(event)s expire: %(names)s."
        ),
        params={
            "deadline": local_time(deadline, user, recipient),
            "event": recipient.event.local_name,
            "names": ", ".join(
                f"{r.sender.person.full_name} ({r.sender.organisation.name})" for r in requests
            ),
        },
        link=_link("events:inbox", recipient.event),
    )


def notify_meeting(meeting: Meeting, registrations, *, changed: bool = False) -> None:
    """Each participant of ``meeting``: confirmed, or changed/cancelled (kind ``schedule``)."""
    registrations = list(registrations)
    event = meeting.block.event
    for registration in registrations:
        user = _user(registration)
        others = [r for r in registrations if r.pk != registration.pk]
        with translation.override(_language(user, registration)):
            line = _meeting_line(meeting, user, registration, others)
        if meeting.status == Meeting.Status.CANCELLED:
            title = gettext_lazy("Your meeting was cancelled")
            body = gettext_lazy("This meeting at %(event)s is cancelled:\n\n%(meeting)s")
        elif changed:
            title = gettext_lazy("Your meeting has changed")
            body = gettext_lazy("Your meeting at %(event)s is now:\n\n%(meeting)s")
        else:
            title = gettext_lazy("Your meeting is confirmed")
            body = gettext_lazy("Your meeting at %(event)s:\n\n%(meeting)s")
        _tell(
            registration,
            kind=Kind.SCHEDULE,
            title=title,
            body=body,
            params={"event": event.local_name, "meeting": line},
            link=_link("events:agenda", event),
        )


def notify_schedule_published(block: MeetingBlock, meetings_by_registration: dict) -> None:
    """Each participant gets their meetings of the published block (kind ``schedule``)."""
    event = block.event
    for registration, meetings in meetings_by_registration.items():
        user = _user(registration)
        with translation.override(_language(user, registration)):
            lines = [
                _meeting_line(
                    meeting,
                    user,
                    registration,
                    [
                        s.registration
                        for s in meeting.seats.all()
                        if s.registration_id != registration.pk
                    ],
                )
                for meeting in sorted(meetings, key=lambda m: (m.slot, m.table))
            ]
        _tell(
            registration,
            kind=Kind.SCHEDULE,
            title=gettext_lazy("Your meeting schedule for %(block)s"),
            body=gettext_lazy(
                "The meeting schedule of %(block)s is published. Your meetings:\n\n%(meetings)s"
            ),
            params={"block": block.name, "meetings": "\n\n".join(lines)},
            link=_link("events:agenda", event),
        )
