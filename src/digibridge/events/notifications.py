"""E-mail notices about meeting requests, answers and schedules.

Services call ``notify_*`` inside their transaction; the mail goes out from
``transaction.on_commit`` so a rolled-back change never sends anything. Each notice is
rendered in the recipient's language and time zone, as plain text and HTML.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Meeting, MeetingBlock, MeetingRequest, Registration

logger = logging.getLogger(__name__)


def _address(registration: Registration) -> tuple[str, str, str]:
    person = registration.person
    user = person.user
    email = (user.email if user else "") or person.email
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    tz = getattr(user, "time_zone", "") or registration.event.time_zone
    return email, language, tz


def _send(registration: Registration, subject_and_lines) -> None:
    email, language, tz = _address(registration)
    if not email:
        return
    with translation.override(language), timezone.override(tz):
        subject, lines = subject_and_lines()
        context = {"subject": subject, "lines": lines, "person": registration.person}
        text = render_to_string("events/email/notice.txt", context)
        html = render_to_string("events/email/notice.html", context)
    try:
        send_mail(subject, text, None, [email], html_message=html)
    except Exception:  # a mail server problem must not break the page that caused the notice
        logger.exception("Could not send an event notice to %s", email)


def _later(registration: Registration, subject_and_lines) -> None:
    transaction.on_commit(lambda: _send(registration, subject_and_lines))


def notify_request_created(request: MeetingRequest) -> None:
    def build():
        lines = [
            _("%(name)s (%(organisation)s) asks you for a 1:1 meeting at %(event)s.")
            % {
                "name": request.sender.person.full_name,
                "organisation": request.sender.organisation.name,
                "event": request.event.local_name,
            }
        ]
        if request.message:
            lines.append(request.message)
        lines.append(_("Answer it in your meeting inbox."))
        return _("New meeting request"), lines

    _later(request.recipient, build)


def notify_request_answered(request: MeetingRequest) -> None:
    def build():
        if request.status == MeetingRequest.Status.ACCEPTED:
            text = _("%(name)s accepted your meeting request.")
        else:
            text = _("%(name)s declined your meeting request.")
        return _("Your meeting request was answered"), [
            text % {"name": request.recipient.person.full_name}
        ]

    _later(request.sender, build)


def notify_meeting(meeting: Meeting, registrations, *, changed: bool = False) -> None:
    block = meeting.block
    for registration in registrations:
        others = [r for r in registrations if r.pk != registration.pk]

        def build(others=others):
            subject = _("Your meeting has changed") if changed else _("Your meeting is confirmed")
            start = timezone.localtime(block.slot_start(meeting.slot))
            line = _("%(time)s, table %(table)s, with %(people)s.") % {
                "time": start.strftime("%Y-%m-%d %H:%M %Z"),
                "table": meeting.table,
                "people": ", ".join(
                    f"{r.person.full_name} ({r.organisation.name})" for r in others
                ),
            }
            return subject, [line]

        _later(registration, build)


def notify_schedule_published(block: MeetingBlock, meetings_by_registration: dict) -> None:
    for registration, meetings in meetings_by_registration.items():

        def build(meetings=meetings, registration=registration):
            lines = [
                _("The meeting schedule of %(block)s is published. Your meetings:")
                % {"block": block.name}
            ]
            for meeting in meetings:
                others = [
                    s.registration
                    for s in meeting.seats.all()
                    if s.registration_id != registration.pk
                ]
                start = timezone.localtime(block.slot_start(meeting.slot))
                lines.append(
                    _("%(time)s, table %(table)s, with %(people)s.")
                    % {
                        "time": start.strftime("%Y-%m-%d %H:%M %Z"),
                        "table": meeting.table,
                        "people": ", ".join(
                            f"{r.person.full_name} ({r.organisation.name})" for r in others
                        ),
                    }
                )
            return _("Your meeting schedule"), lines

        _later(registration, build)
