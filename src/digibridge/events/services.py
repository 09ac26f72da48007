"""Event writes: registrations, check-in, meeting requests, meetings, schedules, outcomes.

Every service checks that ``by`` may do what it asks; views and the API only translate the
domain errors. Rules that concern a shared count (event capacity, session capacity, slots and
tables) take a row lock with ``select_for_update`` on the event, session or block first, and
the database constraints on ``Meeting`` and ``MeetingSeat`` are the last line against
double-booking (an ``IntegrityError`` becomes a ``DomainError``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from digibridge.accounts.services import audit
from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.common.parsing import full_clean_or_error
from digibridge.directory.models import Organisation, Person
from digibridge.directory.selectors import can_act_for, operator_covers

from . import notifications, pipeline
from .models import (
    AgendaSession,
    Event,
    Meeting,
    MeetingBlock,
    MeetingOutcome,
    MeetingRequest,
    MeetingSeat,
    Registration,
    SessionSignup,
    TableHost,
)
from .selectors import can_manage_event, slot_key


def _require_manager(by, event: Event) -> None:
    if not can_manage_event(by, event):
        raise PermissionDeniedError(_("Only the event's organisers can do this."))


def _acts_for(by, registration: Registration) -> bool:
    user_id = registration.person.user_id
    return (user_id is not None and user_id == getattr(by, "pk", None)) or can_manage_event(
        by, registration.event
    )


def _lock_event(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _approved_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=Registration.Status.APPROVED).count()


# --- events and blocks ---------------------------------------------------------------------


EVENT_FIELDS = (
    "name",
    "description",
    "venue",
    "city",
    "time_zone",
    "start",
    "end",
    "status",
    "registration_opens",
    "registration_closes",
    "capacity",
    "request_deadline",
    "max_pending_requests",
)
SESSION_FIELDS = ("kind", "title", "description", "room", "start", "end", "capacity")
BLOCK_FIELDS = ("name", "start", "end", "slot_minutes", "tables", "self_booking")
RESERVED_SLUGS = {"new", "feed"}
TEXT_FIELDS = {"name", "title", "description", "venue", "city", "room"}


def _aware(value, tz):
    """A datetime as given by a form or the API: naive ones are read in the event's zone."""
    if isinstance(value, dt.datetime) and timezone.is_naive(value):
        return timezone.make_aware(value, tz)
    return value


def _assign_fields(obj, data: dict[str, Any], fields, tz) -> None:
    for name in fields:
        if name not in data:
            continue
        value = data[name]
        if name in TEXT_FIELDS:
            value = (value or "").strip()
        setattr(obj, name, _aware(value, tz))


def _unique_slug(name: str) -> str:
    base = slugify(name)[:100] or "event"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Event.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_event(event: Event) -> None:
    if event.time_zone not in settings.PLATFORM_TIME_ZONES:
        raise DomainError(_("Choose one of the platform's time zones."), field="time_zone")
    if event.start and event.end and event.end <= event.start:
        raise DomainError(_("The event must end after it starts."), field="end")
    if (
        event.registration_opens
        and event.registration_closes
        and event.registration_closes <= event.registration_opens
    ):
        raise DomainError(_("Registration must close after it opens."), field="registration_closes")
    full_clean_or_error(event, exclude=["host", "slug", "names"])
    if event.pk and event.capacity is not None:
        approved = _approved_count(event)
        if event.capacity < approved:
            raise DomainError(
                _("%(count)s participants are already approved; the capacity cannot be lower.")
                % {"count": approved},
                field="capacity",
            )


def _co_hosts(event: Event, co_hosts) -> None:
    if co_hosts is not None:
        event.co_hosts.set([o for o in co_hosts if o.pk != event.host_id])


@transaction.atomic
def event_create(
    *, host: Organisation, data: dict[str, Any], by, co_hosts=None, slug: str = ""
) -> Event:
    """Operators create events; ``data`` holds ``EVENT_FIELDS`` (naive times are read in
    the event's time zone). The slug is made from the name unless given."""
    if not operator_covers(by, host):
        raise PermissionDeniedError(_("Only operators create events."))
    event = Event(host=host, time_zone=data.get("time_zone") or "Europe/Madrid")
    if event.time_zone not in settings.PLATFORM_TIME_ZONES:
        raise DomainError(_("Choose one of the platform's time zones."), field="time_zone")
    _assign_fields(event, data, EVENT_FIELDS, event.tz)
    if not event.name:
        raise DomainError(_("Give the event a name."), field="name")
    event.slug = slug or _unique_slug(event.name)
    if event.slug in RESERVED_SLUGS or Event.objects.filter(slug=event.slug).exists():
        raise DomainError(_("This address is taken."), field="slug")
    _check_event(event)
    event.save()
    _co_hosts(event, co_hosts)
    audit(actor=by, action="event.create", obj=event)
    return event


@transaction.atomic
def event_update(
    *, event: Event, data: dict[str, Any], by, host: Organisation | None = None, co_hosts=None
) -> Event:
    """Organisers change an event; only operators move it to another host."""
    _require_manager(by, event)
    event = _lock_event(event)
    if host is not None and host.pk != event.host_id:
        if not operator_covers(by, host):
            raise PermissionDeniedError(_("Only operators change the host."))
        event.host = host
    if data.get("time_zone"):
        event.time_zone = data["time_zone"]
        if event.time_zone not in settings.PLATFORM_TIME_ZONES:
            raise DomainError(_("Choose one of the platform's time zones."), field="time_zone")
    _assign_fields(event, data, EVENT_FIELDS, event.tz)
    _check_event(event)
    event.save()
    _co_hosts(event, co_hosts)
    audit(actor=by, action="event.update", obj=event, fields=sorted(data))
    return event


def _live_meetings(**filters):
    return Meeting.objects.filter(**filters).exclude(status=Meeting.Status.CANCELLED)


@transaction.atomic
def event_delete(*, event: Event, by) -> None:
    """Operators delete an event that has no registrations (and so no meetings) yet."""
    if not operator_covers(by, event.host):
        raise PermissionDeniedError(_("Only operators delete events."))
    if event.registrations.exists() or _live_meetings(block__event=event).exists():
        raise DomainError(
            _("This event has registrations; set it to finished instead of deleting it."),
            code="in_use",
        )
    audit(actor=by, action="event.delete", obj=event, name=event.name)
    event.delete()


@transaction.atomic
def event_set_status(*, event: Event, status: str, by) -> Event:
    _require_manager(by, event)
    if status not in Event.Status.values:
        raise DomainError(_("Unknown status."), field="status")
    event.status = status
    event.save(update_fields=["status"])
    audit(actor=by, action="event.status", obj=event, status=status)
    return event


# --- agenda sessions -----------------------------------------------------------------------


def _session_people(session: AgendaSession, speakers, organisations) -> None:
    if speakers is not None:
        session.speakers.set(speakers)
    if organisations is not None:
        session.organisations.set(organisations)


def _check_session(session: AgendaSession) -> None:
    if session.kind not in AgendaSession.Kind.values:
        raise DomainError(_("Choose a kind of session."), field="kind")
    if not session.title:
        raise DomainError(_("Give the session a title."), field="title")
    if session.start and session.end and session.end <= session.start:
        raise DomainError(_("The session must end after it starts."), field="end")
    full_clean_or_error(session, exclude=["event"])
    if session.pk and session.capacity is not None:
        taken = session.signups.count()
        if session.capacity < taken:
            raise DomainError(
                _("%(count)s people have signed up; the capacity cannot be lower.")
                % {"count": taken},
                field="capacity",
            )


@transaction.atomic
def session_create(
    *, event: Event, data: dict[str, Any], by, speakers=None, organisations=None
) -> AgendaSession:
    _require_manager(by, event)
    session = AgendaSession(event=event)
    _assign_fields(session, data, SESSION_FIELDS, event.tz)
    _check_session(session)
    session.save()
    _session_people(session, speakers, organisations)
    audit(actor=by, action="event.session_create", obj=session)
    return session


@transaction.atomic
def session_update(
    *, session: AgendaSession, data: dict[str, Any], by, speakers=None, organisations=None
) -> AgendaSession:
    _require_manager(by, session.event)
    session = AgendaSession.objects.select_for_update().get(pk=session.pk)
    _assign_fields(session, data, SESSION_FIELDS, session.event.tz)
    _check_session(session)
    session.save()
    _session_people(session, speakers, organisations)
    audit(actor=by, action="event.session_update", obj=session)
    return session


@transaction.atomic
def session_delete(*, session: AgendaSession, by) -> int:
    """Remove a session with its sign-ups; returns how many sign-ups went with it."""
    _require_manager(by, session.event)
    signups = session.signups.count()
    audit(actor=by, action="event.session_delete", obj=session, signups=signups)
    session.delete()
    return signups


# --- meeting blocks and table hosts ----------------------------------------------------------


def _check_block(block: MeetingBlock) -> None:
    if block.end <= block.start:
        raise DomainError(_("The block must end after it starts."), field="end")
    if block.slot_minutes is None or block.slot_minutes < 5:
        raise DomainError(_("Slots last at least 5 minutes."), field="slot_minutes")
    if block.tables is None or block.tables < 1:
        raise DomainError(_("A block has at least one table."), field="tables")
    if block.slot_count < 1:
        raise DomainError(_("The block is shorter than one slot."), field="end")
    full_clean_or_error(block, exclude=["event"])


@transaction.atomic
def meeting_block_create(*, event: Event, data: dict[str, Any] | None = None, by, **fields):
    """A block of 1:1 meeting slots; ``data`` (or keyword arguments) hold ``BLOCK_FIELDS``."""
    _require_manager(by, event)
    values = {**(data or {}), **fields}
    block = MeetingBlock(event=event)
    _assign_fields(block, values, BLOCK_FIELDS, event.tz)
    if not block.name:
        raise DomainError(_("Give the block a name."), field="name")
    _check_block(block)
    block.save()
    audit(actor=by, action="event.block_create", obj=block)
    return block


@transaction.atomic
def meeting_block_update(*, block: MeetingBlock, data: dict[str, Any], by) -> MeetingBlock:
    """Change a block. Once it has meetings, its start and slot length stay (they would move
    every meeting), and it cannot lose the slots or tables its meetings and hosts use."""
    _require_manager(by, block.event)
    block = MeetingBlock.objects.select_for_update().get(pk=block.pk)
    before = (block.start, block.slot_minutes)
    _assign_fields(block, data, BLOCK_FIELDS, block.event.tz)
    if block.name == "":
        raise DomainError(_("Give the block a name."), field="name")
    _check_block(block)
    live = _live_meetings(block=block)
    if live.exists():
        if (block.start, block.slot_minutes) != before:
            raise DomainError(
                _("This block has meetings; its start and slot length cannot change."),
                code="in_use",
            )
        last_slot = max(live.values_list("slot", flat=True))
        if last_slot >= block.slot_count:
            raise DomainError(
                _("Meetings are booked until %(time)s; the block cannot end earlier.")
                % {"time": timezone.localtime(block.slot_end(last_slot), block.event.tz)},
                field="end",
                code="in_use",
            )
    used = list(live.values_list("table", flat=True)) + list(
        block.table_hosts.values_list("table", flat=True)
    )
    if used and max(used) > block.tables:
        raise DomainError(
            _("Table %(table)s is in use; the block needs at least that many tables.")
            % {"table": max(used)},
            field="tables",
            code="in_use",
        )
    block.save()
    audit(actor=by, action="event.block_update", obj=block, fields=sorted(data))
    return block


@transaction.atomic
def meeting_block_delete(*, block: MeetingBlock, by) -> None:
    """Delete a block that has no meetings (cancel or move them first)."""
    _require_manager(by, block.event)
    block = MeetingBlock.objects.select_for_update().get(pk=block.pk)
    if _live_meetings(block=block).exists():
        raise DomainError(
            _("This block has meetings; it cannot be deleted without losing them."),
            code="in_use",
        )
    audit(actor=by, action="event.block_delete", obj=block, name=block.name)
    block.delete()


@transaction.atomic
def table_host_set(*, block: MeetingBlock, registration: Registration, table: int, by) -> TableHost:
    _require_manager(by, block.event)
    if not 1 <= table <= block.tables:
        raise DomainError(_("There is no such table."), field="table")
    if registration.event_id != block.event_id:
        raise DomainError(_("This person is not registered for the event."))
    TableHost.objects.filter(block=block, registration=registration).delete()
    try:
        with transaction.atomic():
            host = TableHost.objects.create(block=block, registration=registration, table=table)
    except IntegrityError as exc:
        raise DomainError(_("This table already has a host."), field="table") from exc
    audit(
        actor=by,
        action="event.table_host_set",
        obj=block,
        table=table,
        registration=registration.pk,
    )
    return host


@transaction.atomic
def table_host_remove(*, block: MeetingBlock, table: int, by) -> bool:
    """The table is no longer kept for one person; its meetings stay where they are."""
    _require_manager(by, block.event)
    removed, _rows = TableHost.objects.filter(block=block, table=table).delete()
    if removed:
        audit(actor=by, action="event.table_host_remove", obj=block, table=table)
    return bool(removed)


# --- registrations ---------------------------------------------------------------------------


def _clean_available_slots(event: Event, available_slots) -> list[str] | None:
    if available_slots is None:
        return None
    valid = {
        slot_key(block.pk, index)
        for block in event.blocks.all()
        for index in range(block.slot_count)
    }
    chosen = sorted({str(key) for key in available_slots})
    unknown = [key for key in chosen if key not in valid]
    if unknown:
        raise DomainError(
            _("Unknown meeting slot: %(slot)s.") % {"slot": unknown[0]}, field="available_slots"
        )
    return chosen


@transaction.atomic
def registration_create(
    *,
    event: Event,
    person: Person,
    organisation: Organisation,
    participant_type: str,
    by,
    takes_meetings: bool = True,
    consent_listed: bool = False,
    available_slots: list[str] | None = None,
    invitation=None,
) -> Registration:
    """Register ``person`` for ``event`` on behalf of ``organisation`` (status pending).

    Participants register themselves (their own person) for an organisation they act for;
    organisers register anyone, also outside the registration window. Holds the event's
    row lock while counting, so the capacity cannot be overrun by parallel sign-ups.
    An accepted outreach ``invitation`` to this event that led here is linked to the new
    registration, so the inviting operator's tracker shows it.
    """
    manager = can_manage_event(by, event)
    if not manager:
        if person.user_id is None or person.user_id != getattr(by, "pk", None):
            raise PermissionDeniedError(_("You can only register yourself."))
        if not can_act_for(by, organisation):
            raise PermissionDeniedError(_("You can only register for your own organisation."))
    if participant_type not in Registration.ParticipantType.values:
        raise DomainError(_("Choose a participant type."), field="participant_type")
    event = _lock_event(event)
    if not manager and not event.registration_is_open():
        raise DomainError(_("Registration for this event is not open."), code="closed")
    if Registration.objects.filter(event=event, person=person).exists():
        raise DomainError(_("This person is already registered."), code="duplicate")
    if event.capacity is not None and _approved_count(event) >= event.capacity:
        raise DomainError(_("The event is full."), code="full")
    registration = Registration.objects.create(
        event=event,
        person=person,
        organisation=organisation,
        participant_type=participant_type,
        takes_meetings=takes_meetings,
        consent_listed=consent_listed,
        available_slots=_clean_available_slots(event, available_slots),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit(actor=by, action="event.register", obj=registration)
    if (
        invitation is not None
        and invitation.event_id == event.pk
        and invitation.registration_id is None
    ):
        invitation.registration = registration
        invitation.save(update_fields=["registration"])
    return registration


def person_for_user(*, user, organisation: Organisation) -> Person:
    """The directory person of ``user``, created in ``organisation`` when there is none yet."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(
            user=user,
            organisation=organisation,
            first_name=user.first_name or user.email.split("@")[0],
            last_name=user.last_name,
            email=user.email,
            languages=[user.language] if getattr(user, "language", "") else [],
        )
    return person


@transaction.atomic
def registration_update(
    *,
    registration: Registration,
    by,
    takes_meetings: bool | None = None,
    consent_listed: bool | None = None,
    available_slots: list[str] | None = None,
    clear_available: bool = False,
) -> Registration:
    if not _acts_for(by, registration):
        raise PermissionDeniedError(_("You can only change your own registration."))
    if takes_meetings is not None:
        registration.takes_meetings = takes_meetings
    if consent_listed is not None:
        registration.consent_listed = consent_listed
    if clear_available:
        registration.available_slots = None
    elif available_slots is not None:
        registration.available_slots = _clean_available_slots(registration.event, available_slots)
    registration.save()
    audit(
        actor=by,
        action="event.registration_update",
        obj=registration,
        takes_meetings=registration.takes_meetings,
        consent_listed=registration.consent_listed,
        available_slots=registration.available_slots,
    )
    return registration


@transaction.atomic
def registration_withdraw(*, registration: Registration, by) -> int:
    """The participant (or an organiser) withdraws a registration: its live meetings are
    cancelled (the other sides are told) and the registration is deleted with its requests,
    sign-ups and table places, freeing its place. Refused once a meeting
    of it has been held, so recorded outcomes are never lost. Returns meetings cancelled."""
    if not _acts_for(by, registration):
        raise PermissionDeniedError(_("You can only withdraw your own registration."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    seats = Meeting.objects.filter(seats__registration=registration)
    if seats.filter(status__in=[Meeting.Status.HELD, Meeting.Status.NO_SHOW]).exists():
        raise DomainError(
            _("You have meetings with recorded outcomes; ask the organisers to withdraw you."),
            code="in_use",
        )
    cancelled = 0
    for meeting in seats.exclude(status=Meeting.Status.CANCELLED).select_related("block__event"):
        others = list(
            meeting.participants.exclude(pk=registration.pk).select_related(
                "person__user", "organisation"
            )
        )
        _cancel(meeting)
        notifications.notify_meeting(meeting, others, changed=True)
        cancelled += 1
    audit(
        actor=by,
        action="event.registration_withdraw",
        obj=registration.event,
        person=registration.person_id,
        meetings_cancelled=cancelled,
    )
    registration.delete()
    return cancelled


@transaction.atomic
def registration_approve(*, registration: Registration, by) -> Registration:
    _require_manager(by, registration.event)
    event = _lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.APPROVED:
        return registration
    if event.capacity is not None and _approved_count(event) >= event.capacity:
        raise DomainError(_("The event is full."), code="full")
    registration.status = Registration.Status.APPROVED
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "decided_at"])
    audit(actor=by, action="event.registration_approve", obj=registration)
    return registration


@transaction.atomic
def registration_decline(*, registration: Registration, by) -> Registration:
    _require_manager(by, registration.event)
    registration.status = Registration.Status.DECLINED
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "decided_at"])
    audit(actor=by, action="event.registration_decline", obj=registration)
    return registration


@transaction.atomic
def registration_check_in(*, registration: Registration, by) -> Registration:
    _require_manager(by, registration.event)
    if registration.status != Registration.Status.APPROVED:
        raise DomainError(_("This registration is not approved."))
    if registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at"])
        audit(actor=by, action="event.check_in", obj=registration)
    return registration


@transaction.atomic
def session_signup(*, session: AgendaSession, registration: Registration, by) -> SessionSignup:
    if not _acts_for(by, registration):
        raise PermissionDeniedError(_("You can only sign yourself up."))
    if registration.event_id != session.event_id:
        raise DomainError(_("This session belongs to another event."))
    if registration.status != Registration.Status.APPROVED:
        raise DomainError(_("Your registration is not approved yet."))
    session = AgendaSession.objects.select_for_update().get(pk=session.pk)
    existing = SessionSignup.objects.filter(session=session, registration=registration).first()
    if existing:
        return existing
    if session.capacity is not None and session.signups.count() >= session.capacity:
        raise DomainError(_("This session is full."), code="full")
    return SessionSignup.objects.create(session=session, registration=registration)


@transaction.atomic
def session_signup_cancel(*, session: AgendaSession, registration: Registration, by) -> None:
    if not _acts_for(by, registration):
        raise PermissionDeniedError(_("You can only change your own sign-ups."))
    SessionSignup.objects.filter(session=session, registration=registration).delete()


# --- meeting requests ------------------------------------------------------------------------


def _meets(registration: Registration) -> bool:
    return registration.status == Registration.Status.APPROVED and registration.takes_meetings


@transaction.atomic
def meeting_request_create(
    *, sender: Registration, recipient: Registration, by, message: str = "", opportunity=None
) -> MeetingRequest:
    """Ask ``recipient`` for a 1:1 meeting. Both must be approved participants who take part
    in meetings; there is at most one open request between two people (either direction);
    the organisers' cap on pending requests per sender applies."""
    if not _acts_for(by, sender):
        raise PermissionDeniedError(_("You can only send requests as yourself."))
    event = sender.event
    if recipient.event_id != event.pk:
        raise DomainError(_("This person is not at the same event."), field="recipient")
    if recipient.pk == sender.pk:
        raise DomainError(_("You cannot meet yourself."), field="recipient")
    if not _meets(sender):
        raise DomainError(_("Your registration does not take part in 1:1 meetings."))
    from digibridge.privacy.consent import consent_allows  # withdrawn: not listed, not asked

    listed = recipient.consent_listed and consent_allows(purpose="listed", person=recipient.person)
    if not _meets(recipient) or not (listed or can_manage_event(by, event)):
        raise DomainError(_("This person does not take meeting requests."), field="recipient")
    if event.status in (Event.Status.FINISHED, Event.Status.DRAFT):
        raise DomainError(_("This event does not take meeting requests."))
    now = timezone.now()
    if event.request_deadline and event.request_deadline <= now:
        raise DomainError(_("The deadline for meeting requests has passed."))
    # Serialise requests of one sender so the pending cap holds under parallel clicks.
    Registration.objects.select_for_update().filter(pk=sender.pk).first()
    pair = Q(sender=sender, recipient=recipient) | Q(sender=recipient, recipient=sender)
    if MeetingRequest.objects.filter(pair, status__in=MeetingRequest.OPEN).exists():
        raise DomainError(_("There is already an open request between you."), code="duplicate")
    if event.max_pending_requests is not None:
        pending = MeetingRequest.objects.filter(
            sender=sender, status=MeetingRequest.Status.PENDING
        ).count()
        if pending >= event.max_pending_requests:
            raise DomainError(
                _("You have %(count)s unanswered requests; wait for answers first.")
                % {"count": pending},
                code="limit",
            )
    message = (message or "").strip()
    if len(message) > 2000:
        raise DomainError(_("The message is too long."), field="message")
    request = MeetingRequest.objects.create(
        event=event,
        sender=sender,
        recipient=recipient,
        message=message,
        opportunity=opportunity,
        expires_at=event.request_deadline,
    )
    audit(actor=by, action="event.request_create", obj=request)
    notifications.notify_request_created(request)
    return request


def _answerable(request: MeetingRequest, by) -> MeetingRequest:
    if not _acts_for(by, request.recipient):
        raise PermissionDeniedError(_("Only the person asked can answer this request."))
    request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    if request.is_expired:
        raise DomainError(_("This request has expired."), code="expired")
    if request.status != MeetingRequest.Status.PENDING:
        raise DomainError(_("This request has already been answered."), code="answered")
    return request


@transaction.atomic
def meeting_request_accept(*, request: MeetingRequest, by) -> MeetingRequest:
    request = _answerable(request, by)
    request.status = MeetingRequest.Status.ACCEPTED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    audit(actor=by, action="event.request_accept", obj=request)
    notifications.notify_request_answered(request)
    return request


@transaction.atomic
def meeting_request_decline(*, request: MeetingRequest, by) -> MeetingRequest:
    request = _answerable(request, by)
    request.status = MeetingRequest.Status.DECLINED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    audit(actor=by, action="event.request_decline", obj=request)
    notifications.notify_request_answered(request)
    return request


@transaction.atomic
def meeting_request_cancel(*, request: MeetingRequest, by) -> MeetingRequest:
    if not _acts_for(by, request.sender):
        raise PermissionDeniedError(_("Only the sender can withdraw a request."))
    if request.status not in MeetingRequest.OPEN:
        raise DomainError(_("This request is no longer open."))
    request.status = MeetingRequest.Status.CANCELLED
    request.save(update_fields=["status"])
    for meeting in request.meetings.exclude(status=Meeting.Status.CANCELLED):
        registrations = list(meeting.participants.select_related("person__user", "organisation"))
        _cancel(meeting)
        notifications.notify_meeting(meeting, registrations, changed=True)
    audit(actor=by, action="event.request_cancel", obj=request)
    return request


def meeting_requests_expire_due(*, now: dt.datetime | None = None) -> int:
    """Mark pending requests past their deadline as expired and tell both sides (kind
    ``deadline``); returns how many. A request answered meanwhile is left alone."""
    now = now or timezone.now()
    due = MeetingRequest.objects.filter(
        status=MeetingRequest.Status.PENDING, expires_at__isnull=False, expires_at__lte=now
    )
    with transaction.atomic():
        expired = list(
            due.select_for_update(of=("self",)).select_related(
                "event", "sender__person__user", "recipient__person__user"
            )
        )
        if not expired:
            return 0
        MeetingRequest.objects.filter(pk__in=[r.pk for r in expired]).update(
            status=MeetingRequest.Status.EXPIRED
        )
        notifications.notify_requests_expired(expired)
    return len(expired)


REMIND_BEFORE = dt.timedelta(hours=24)


def meeting_requests_remind_due(
    *, now: dt.datetime | None = None, before: dt.timedelta = REMIND_BEFORE
) -> int:
    """Remind recipients, once, of pending requests that expire within ``before`` (kind
    ``deadline``, one notice per recipient listing the senders). Returns requests reminded."""
    now = now or timezone.now()
    due = MeetingRequest.objects.filter(
        status=MeetingRequest.Status.PENDING,
        reminded_at__isnull=True,
        expires_at__gt=now,
        expires_at__lte=now + before,
    )
    with transaction.atomic():
        requests = list(
            due.select_for_update(of=("self",)).select_related(
                "event",
                "sender__person",
                "sender__organisation",
                "recipient__person__user",
                "recipient__event",
            )
        )
        if not requests:
            return 0
        MeetingRequest.objects.filter(pk__in=[r.pk for r in requests]).update(reminded_at=now)
        by_recipient: dict[int, list[MeetingRequest]] = defaultdict(list)
        for request in requests:
            by_recipient[request.recipient_id].append(request)
        for pending in by_recipient.values():
            notifications.notify_requests_expiring(pending)
    return len(requests)


# --- meetings ------------------------------------------------------------------------------


def _cancel(meeting: Meeting) -> None:
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status"])
    meeting.seats.all().delete()


def _place(
    *,
    block: MeetingBlock,
    slot: int,
    table: int,
    registrations: list[Registration],
    request: MeetingRequest | None = None,
    locked: bool = False,
    brokered: bool = False,
) -> Meeting:
    """Create a meeting with its seats; the database refuses any double booking."""
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                block=block,
                slot=slot,
                table=table,
                request=request,
                locked=locked,
                brokered=brokered,
            )
            MeetingSeat.objects.bulk_create(
                MeetingSeat(meeting=meeting, registration=r, block=block, slot=slot)
                for r in registrations
            )
    except IntegrityError as exc:
        raise DomainError(
            _("This slot or table was just taken; choose another one."), code="conflict"
        ) from exc
    return meeting


def _free_table(block: MeetingBlock, slot: int, registrations: list[Registration]) -> int:
    hosts = dict(TableHost.objects.filter(block=block).values_list("registration_id", "table"))
    own = {hosts[r.pk] for r in registrations if r.pk in hosts}
    if len(own) > 1:
        raise DomainError(_("Both of you host a table; an organiser must place this meeting."))
    used = set(
        Meeting.objects.filter(block=block, slot=slot)
        .exclude(status=Meeting.Status.CANCELLED)
        .values_list("table", flat=True)
    )
    if own:
        table = own.pop()
        if table in used:
            raise DomainError(_("Your table is taken in this slot."), code="conflict")
        return table
    reserved = set(hosts.values())
    for table in range(1, block.tables + 1):
        if table not in used and table not in reserved:
            return table
    raise DomainError(_("No table is free in this slot."), code="conflict")


def _check_slot(block: MeetingBlock, slot: int, registrations: list[Registration]) -> None:
    if not 0 <= slot < block.slot_count:
        raise DomainError(_("There is no such slot."), field="slot")
    for registration in registrations:
        if not registration.available_in(block.pk, slot):
            raise DomainError(
                _("%(name)s is not available in this slot.")
                % {"name": registration.person.full_name},
                field="slot",
            )
    busy = MeetingSeat.objects.filter(block=block, slot=slot, registration__in=registrations)
    if busy.exists():
        raise DomainError(_("One of you already has a meeting in this slot."), code="conflict")


@transaction.atomic
def meeting_book_slot(*, request: MeetingRequest, block: MeetingBlock, slot: int, by) -> Meeting:
    """A participant puts an accepted request into a free common slot (when allowed)."""
    if not (_acts_for(by, request.sender) or _acts_for(by, request.recipient)):
        raise PermissionDeniedError(_("Only the two participants can book this meeting."))
    block = MeetingBlock.objects.select_for_update().get(pk=block.pk)
    if block.event_id != request.event_id:
        raise DomainError(_("This block belongs to another event."))
    if not block.self_booking and not can_manage_event(by, block.event):
        raise DomainError(_("The organisers schedule the meetings of this block."))
    if request.status != MeetingRequest.Status.ACCEPTED:
        raise DomainError(_("Only an accepted request can be booked."))
    if request.meetings.exclude(status=Meeting.Status.CANCELLED).exists():
        raise DomainError(_("This meeting already has a time."), code="duplicate")
    registrations = [request.sender, request.recipient]
    _check_slot(block, slot, registrations)
    table = _free_table(block, slot, registrations)
    meeting = _place(
        block=block,
        slot=slot,
        table=table,
        registrations=registrations,
        request=request,
        locked=True,
    )
    audit(actor=by, action="event.meeting_book", obj=meeting)
    notifications.notify_meeting(meeting, registrations)
    return meeting


@transaction.atomic
def meeting_create_brokered(
    *,
    block: MeetingBlock,
    registrations: list[Registration],
    slot: int,
    by,
    table: int | None = None,
) -> Meeting:
    """An organiser sets up a meeting directly (confirmed at once)."""
    _require_manager(by, block.event)
    block = MeetingBlock.objects.select_for_update().get(pk=block.pk)
    if len({r.pk for r in registrations}) < 2:
        raise DomainError(_("A meeting needs two different participants."))
    if any(r.event_id != block.event_id for r in registrations):
        raise DomainError(_("Everyone must be registered for this event."))
    _check_slot(block, slot, registrations)
    if table is None:
        table = _free_table(block, slot, registrations)
    elif not 1 <= table <= block.tables:
        raise DomainError(_("There is no such table."), field="table")
    meeting = _place(
        block=block, slot=slot, table=table, registrations=registrations, locked=True, brokered=True
    )
    audit(actor=by, action="event.meeting_broker", obj=meeting)
    notifications.notify_meeting(meeting, registrations)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by) -> Meeting:
    registrations = list(meeting.participants.all())
    if not (
        can_manage_event(by, meeting.block.event) or any(_acts_for(by, r) for r in registrations)
    ):
        raise PermissionDeniedError(_("Only the participants can cancel this meeting."))
    _cancel(meeting)
    audit(actor=by, action="event.meeting_cancel", obj=meeting)
    notifications.notify_meeting(meeting, registrations, changed=True)
    return meeting


# --- the optimiser -------------------------------------------------------------------------


def _pid(registration_id: int) -> str:
    return f"p{registration_id}"


@transaction.atomic
def meeting_block_schedule(
    *, block: MeetingBlock, by, time_limit: float = 5.0, seed: int = 0
) -> dict[str, Any]:
    """Place every accepted, not yet placed request of the event into this block.

    Confirmed meetings (``locked``: published, self-booked or brokered) are passed to the
    optimiser as locks and never move; unconfirmed meetings of an earlier run are passed as
    ``previous`` so the new run changes as little as it can, then replaced. Runs under the
    block's row lock and writes all meetings in one transaction. Returns the optimiser's
    result (``assignments``, ``unscheduled``, ``stats``).
    """
    from digibridge.scheduling import InstanceError, parse_instance, solve

    event = block.event
    _require_manager(by, event)
    block = MeetingBlock.objects.select_for_update().get(pk=block.pk)
    live = Meeting.objects.exclude(status=Meeting.Status.CANCELLED)
    existing = list(live.filter(block=block).prefetch_related("seats"))
    locked = [m for m in existing if m.locked]
    draft = [m for m in existing if not m.locked]
    placed_elsewhere = set(
        live.filter(block__event=event, request__isnull=False)
        .exclude(block=block, locked=False)
        .values_list("request_id", flat=True)
    )
    requests = [
        r
        for r in MeetingRequest.objects.filter(
            event=event,
            status=MeetingRequest.Status.ACCEPTED,
            sender__status=Registration.Status.APPROVED,
            recipient__status=Registration.Status.APPROVED,
            sender__takes_meetings=True,
            recipient__takes_meetings=True,
        ).select_related("sender", "recipient")
        if r.pk not in placed_elsewhere
    ]
    registrations: dict[int, Registration] = {}
    for r in requests:
        registrations[r.sender_id] = r.sender
        registrations[r.recipient_id] = r.recipient
    locked_slots: dict[int, set[int]] = defaultdict(set)
    for m in locked:
        for seat in m.seats.all():
            locked_slots[seat.registration_id].add(m.slot)
    missing = set(locked_slots) - set(registrations)
    registrations.update(Registration.objects.in_bulk(missing))
    # Seats in other blocks of the event that overlap this block in time.
    other_seats = defaultdict(list)
    for seat in (
        MeetingSeat.objects.filter(registration_id__in=registrations, block__event=event)
        .exclude(block=block)
        .select_related("block")
    ):
        other_seats[seat.registration_id].append(
            (seat.block.slot_start(seat.slot), seat.block.slot_end(seat.slot))
        )
    hosts = dict(TableHost.objects.filter(block=block).values_list("registration_id", "table"))
    slots = block.slots()
    participants = []
    for reg_id, reg in registrations.items():
        unavailable = [
            str(i)
            for i, start, end in slots
            if i not in locked_slots[reg_id]
            and (
                not reg.available_in(block.pk, i)
                or any(s < end and start < e for s, e in other_seats[reg_id])
            )
        ]
        item: dict[str, Any] = {"id": _pid(reg_id), "unavailable": unavailable}
        if reg_id in hosts:
            item["table"] = hosts[reg_id]
        participants.append(item)
    meetings = [
        {"id": f"r{r.pk}", "participants": [_pid(r.sender_id), _pid(r.recipient_id)]}
        for r in requests
    ]
    meetings += [
        {"id": f"m{m.pk}", "participants": [_pid(s.registration_id) for s in m.seats.all()]}
        for m in locked
    ]
    draft_by_request = {m.request_id: m for m in draft if m.request_id}
    data = {
        "slots": [
            {
                "id": str(i),
                "start": start.astimezone(event.tz).isoformat(),
                "end": end.astimezone(event.tz).isoformat(),
            }
            for i, start, end in slots
        ],
        "tables": block.tables,
        "participants": participants,
        "meetings": meetings,
        "locked": [{"meeting": f"m{m.pk}", "slot": str(m.slot), "table": m.table} for m in locked],
        "previous": [
            {"meeting": f"r{r.pk}", "slot": str(m.slot), "table": m.table}
            for r in requests
            if (m := draft_by_request.get(r.pk))
        ],
    }
    if not meetings:
        for m in draft:
            _cancel(m)
        return {"assignments": [], "unscheduled": [], "stats": {"scheduled": 0}}
    try:
        instance = parse_instance(data)
    except InstanceError as exc:
        raise DomainError(
            _("The schedule cannot be built: %(reason)s") % {"reason": str(exc)}
        ) from exc
    result = solve(instance, time_limit=time_limit, seed=seed).to_dict()
    Meeting.objects.filter(pk__in=[m.pk for m in draft]).delete()
    by_request = {f"r{r.pk}": r for r in requests}
    new_meetings = []
    for assignment in result["assignments"]:
        request = by_request.get(assignment["meeting"])
        if request is None:
            continue  # a locked meeting: it stays where it is
        new_meetings.append(
            Meeting(
                block=block,
                slot=int(assignment["slot"]),
                table=assignment["table"],
                request=request,
            )
        )
    try:
        with transaction.atomic():
            created = Meeting.objects.bulk_create(new_meetings)
            if not all(m.pk for m in created):  # backends without RETURNING ids
                created = list(
                    Meeting.objects.filter(block=block, locked=False).exclude(
                        status=Meeting.Status.CANCELLED
                    )
                )
            MeetingSeat.objects.bulk_create(
                MeetingSeat(meeting=m, registration_id=rid, block=block, slot=m.slot)
                for m in created
                for rid in (m.request.sender_id, m.request.recipient_id)
            )
    except IntegrityError as exc:
        raise DomainError(_("The schedule clashes with a meeting booked meanwhile.")) from exc
    audit(actor=by, action="event.schedule", obj=block, stats=result["stats"])
    return result


@transaction.atomic
def meeting_block_publish(*, block: MeetingBlock, by) -> int:
    """Confirm every scheduled meeting of the block (they become locks for later runs) and
    send each participant their schedule. Returns how many meetings were newly confirmed."""
    _require_manager(by, block.event)
    block = MeetingBlock.objects.select_for_update().get(pk=block.pk)
    fresh = list(
        Meeting.objects.filter(block=block, locked=False, status=Meeting.Status.SCHEDULED)
        .select_related("block")
        .prefetch_related("seats__registration__person__user", "seats__registration__organisation")
    )
    Meeting.objects.filter(pk__in=[m.pk for m in fresh]).update(locked=True)
    block.published_at = timezone.now()
    block.save(update_fields=["published_at"])
    per_registration: dict[Registration, list[Meeting]] = defaultdict(list)
    for meeting in fresh:
        for seat in meeting.seats.all():
            per_registration[seat.registration].append(meeting)
    notifications.notify_schedule_published(block, dict(per_registration))
    audit(actor=by, action="event.schedule_publish", obj=block, meetings=len(fresh))
    return len(fresh)


# --- outcomes --------------------------------------------------------------------------------


@transaction.atomic
def meeting_outcome_record(
    *,
    meeting: Meeting,
    registration: Registration,
    attendance: str,
    by,
    interest: str = "none",
    next_step: str = "",
    notes: str = "",
) -> MeetingOutcome:
    """One side's account of a meeting. When every side has recorded, the meeting is marked
    held, or no-show if a side reports that the other did not come."""
    if not _acts_for(by, registration):
        raise PermissionDeniedError(_("You can only record your own side of a meeting."))
    # One side at a time: the pipeline below opens at most one follow-up per meeting.
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("block__event", "request__opportunity")
        .get(pk=meeting.pk)
    )
    if not meeting.seats.filter(registration=registration).exists():
        raise DomainError(_("This person is not in this meeting."))
    if meeting.status == Meeting.Status.CANCELLED:
        raise DomainError(_("This meeting was cancelled."))
    if attendance not in MeetingOutcome.Attendance.values:
        raise DomainError(_("Say whether the meeting took place."), field="attendance")
    if interest not in MeetingOutcome.Interest.values:
        raise DomainError(_("Choose a level of interest."), field="interest")
    if next_step not in MeetingOutcome.NextStep.values:
        raise DomainError(_("Choose a next step."), field="next_step")
    outcome, _created = MeetingOutcome.objects.update_or_create(
        meeting=meeting,
        registration=registration,
        defaults={
            "attendance": attendance,
            "interest": interest,
            "next_step": next_step,
            "notes": (notes or "").strip()[:2000],
        },
    )
    attendances = list(meeting.outcomes.values_list("attendance", flat=True))
    if MeetingOutcome.Attendance.NO_SHOW in attendances:
        meeting.status = Meeting.Status.NO_SHOW
    else:
        meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["status"])
    audit(actor=by, action="event.outcome", obj=outcome)
    pipeline.outcome_recorded(meeting, outcome, by)
    return outcome
