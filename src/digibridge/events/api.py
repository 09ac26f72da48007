"""Events endpoints: events, agenda, registrations, meeting requests, agendas, schedules."""

import datetime as dt
from typing import Literal

from django.db.models import Q
from ninja import Field, Router, Schema, Status

from digibridge.common.api import READ_AUTH, WRITE_AUTH, actor
from digibridge.common.errors import DomainError, NotFoundError, PermissionDeniedError
from digibridge.directory.models import Organisation, Person
from digibridge.directory.selectors import can_act_for
from digibridge.marketplace.selectors import opportunities_visible_to

from . import selectors, services
from .models import (
    AgendaSession,
    Event,
    Meeting,
    MeetingBlock,
    MeetingRequest,
    MeetingSeat,
    Registration,
)

router = Router(tags=["events"])

ParticipantType = Literal[
    "enterprise_executive", "government_official", "association", "service_provider", "media"
]


class EventOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    venue: str
    city: str
    time_zone: str
    start: dt.datetime
    end: dt.datetime
    status: str
    host: int = Field(..., alias="host_id")
    host_name: str = Field(..., alias="host.name")
    registration_opens: dt.datetime | None
    registration_closes: dt.datetime | None
    capacity: int | None


class SpeakerOut(Schema):
    id: int
    name: str = Field(..., alias="full_name")
    organisation: str = Field(..., alias="organisation.name")


class SessionOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    room: str
    start: dt.datetime
    end: dt.datetime
    capacity: int | None
    signups: int = Field(..., alias="signup_count")
    speakers: list[SpeakerOut]

    @staticmethod
    def resolve_speakers(obj) -> list:
        return list(obj.speakers.all())


class RegistrationOut(Schema):
    id: int
    event: int = Field(..., alias="event_id")
    person: int = Field(..., alias="person_id")
    person_name: str = Field(..., alias="person.full_name")
    organisation: int = Field(..., alias="organisation_id")
    organisation_name: str = Field(..., alias="organisation.name")
    participant_type: str
    status: str
    takes_meetings: bool
    consent_listed: bool
    available_slots: list[str] | None
    checked_in_at: dt.datetime | None


class RegistrationIn(Schema):
    organisation: int = Field(..., description="the organisation you register for")
    participant_type: ParticipantType
    person: int | None = Field(None, description="organisers only: register this person")
    takes_meetings: bool = True
    consent_listed: bool = False
    available_slots: list[str] | None = Field(
        None, description='"<block id>:<slot index>" keys; omit for every slot'
    )


class RegistrationAction(Schema):
    action: Literal["approve", "decline", "check_in"]


class RequestOut(Schema):
    id: int
    event: int = Field(..., alias="event_id")
    sender: int = Field(..., alias="sender_id")
    sender_name: str = Field(..., alias="sender.person.full_name")
    recipient: int = Field(..., alias="recipient_id")
    recipient_name: str = Field(..., alias="recipient.person.full_name")
    message: str
    opportunity: int | None = Field(None, alias="opportunity_id")
    status: str
    expires_at: dt.datetime | None
    created_at: dt.datetime


class RequestIn(Schema):
    recipient: int = Field(..., description="registration id of the person you want to meet")
    message: str = Field("", max_length=2000)
    opportunity: int | None = None


class AgendaItemOut(Schema):
    kind: str
    start: dt.datetime
    end: dt.datetime
    title: str
    place: str
    table: int | None = None
    meeting: int | None = None
    session: int | None = None


class ScheduleIn(Schema):
    time_limit: float = Field(5.0, gt=0, le=60)
    publish: bool = False


class ScheduleOut(Schema):
    scheduled: int
    unscheduled: list[str]
    stats: dict
    published: int = 0


def _event(request, event_id: int) -> Event:
    event = selectors.events_visible_to(actor(request)).filter(pk=event_id).first()
    if event is None:
        raise NotFoundError("Event not found.")
    return event


def _own_registration(request, event: Event) -> Registration:
    registration = selectors.registration_of(user=actor(request), event=event)
    if registration is None:
        raise NotFoundError("You are not registered for this event.")
    return registration


def _request(request, request_id: int) -> MeetingRequest:
    found = selectors.requests_visible_to(user=actor(request)).filter(pk=request_id).first()
    if found is None:
        raise NotFoundError("Meeting request not found.")
    return found


@router.get("/events", response=list[EventOut], auth=READ_AUTH)
def event_list(request):
    return list(selectors.event_list(user=actor(request)))


@router.get("/events/{event_id}", response=EventOut, auth=READ_AUTH)
def event_detail(request, event_id: int):
    return _event(request, event_id)


@router.get("/events/{event_id}/sessions", response=list[SessionOut], auth=READ_AUTH)
def session_list(request, event_id: int):
    return list(selectors.event_agenda(event=_event(request, event_id)))


@router.get("/events/{event_id}/registrations", response=list[RegistrationOut], auth=WRITE_AUTH)
def registration_list(request, event_id: int):
    """Organisers see every registration; participants see their own and the listed ones."""
    event = _event(request, event_id)
    user = actor(request)
    if selectors.can_manage_event(user, event):
        return list(selectors.registrations_for_manager(event=event))
    listed = selectors.participants_visible(event=event, user=user)
    own = event.registrations.filter(person__user=user)
    return list(
        event.registrations.filter(Q(pk__in=listed.values("pk")) | Q(pk__in=own.values("pk")))
        .select_related("person", "organisation")
        .order_by("organisation__name", "person__last_name")
    )


@router.post("/events/{event_id}/registrations", response={201: RegistrationOut}, auth=WRITE_AUTH)
def registration_create(request, event_id: int, payload: RegistrationIn):
    event = _event(request, event_id)
    by = actor(request)
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None:
        raise DomainError("Unknown organisation.", field="organisation")
    if payload.person is not None:
        if not selectors.can_manage_event(by, event):
            raise PermissionDeniedError("Only organisers register other people.")
        person = Person.objects.filter(pk=payload.person).first()
        if person is None:
            raise DomainError("Unknown person.", field="person")
    else:
        if not can_act_for(by, organisation):
            raise PermissionDeniedError("You can only register for your own organisation.")
        person = services.person_for_user(user=by, organisation=organisation)
    registration = services.registration_create(
        event=event,
        person=person,
        organisation=organisation,
        participant_type=payload.participant_type,
        takes_meetings=payload.takes_meetings,
        consent_listed=payload.consent_listed,
        available_slots=payload.available_slots,
        by=by,
    )
    return Status(201, registration)


@router.post(
    "/events/{event_id}/registrations/{registration_id}/actions",
    response=RegistrationOut,
    auth=WRITE_AUTH,
)
def registration_action(request, event_id: int, registration_id: int, payload: RegistrationAction):
    event = _event(request, event_id)
    by = actor(request)
    if not selectors.can_manage_event(by, event):
        raise PermissionDeniedError("Only the event's organisers can do this.")
    registration = event.registrations.filter(pk=registration_id).first()
    if registration is None:
        raise NotFoundError("Registration not found.")
    service = {
        "approve": services.registration_approve,
        "decline": services.registration_decline,
        "check_in": services.registration_check_in,
    }[payload.action]
    return service(registration=registration, by=by)


@router.get("/events/{event_id}/requests", response=list[RequestOut], auth=WRITE_AUTH)
def request_list(request, event_id: int):
    event = _event(request, event_id)
    return list(selectors.requests_visible_to(user=actor(request)).filter(event=event))


@router.post("/events/{event_id}/requests", response={201: RequestOut}, auth=WRITE_AUTH)
def request_create(request, event_id: int, payload: RequestIn):
    event = _event(request, event_id)
    by = actor(request)
    sender = _own_registration(request, event)
    recipient = event.registrations.filter(pk=payload.recipient).first()
    if recipient is None:
        raise DomainError("Unknown participant.", field="recipient")
    opportunity = None
    if payload.opportunity is not None:
        opportunity = opportunities_visible_to(by).filter(pk=payload.opportunity).first()
        if opportunity is None:
            raise DomainError("Unknown opportunity.", field="opportunity")
    created = services.meeting_request_create(
        sender=sender,
        recipient=recipient,
        message=payload.message,
        opportunity=opportunity,
        by=by,
    )
    return Status(201, _request(request, created.pk))


@router.post("/requests/{request_id}/accept", response=RequestOut, auth=WRITE_AUTH)
def request_accept(request, request_id: int):
    services.meeting_request_accept(request=_request(request, request_id), by=actor(request))
    return _request(request, request_id)


@router.post("/requests/{request_id}/decline", response=RequestOut, auth=WRITE_AUTH)
def request_decline(request, request_id: int):
    services.meeting_request_decline(request=_request(request, request_id), by=actor(request))
    return _request(request, request_id)


@router.post("/requests/{request_id}/cancel", response=RequestOut, auth=WRITE_AUTH)
def request_cancel(request, request_id: int):
    services.meeting_request_cancel(request=_request(request, request_id), by=actor(request))
    return _request(request, request_id)


@router.get("/events/{event_id}/agenda", response=list[AgendaItemOut], auth=WRITE_AUTH)
def my_agenda(request, event_id: int):
    registration = _own_registration(request, _event(request, event_id))
    return [
        {
            "kind": item.kind,
            "start": item.start,
            "end": item.end,
            "title": item.title,
            "place": item.place,
            "table": item.meeting.table if item.meeting else None,
            "meeting": item.meeting.pk if item.meeting else None,
            "session": item.session.pk if item.session else None,
        }
        for item in selectors.personal_agenda(registration=registration)
    ]


@router.post("/events/{event_id}/blocks/{block_id}/schedule", response=ScheduleOut, auth=WRITE_AUTH)
def schedule_run(request, event_id: int, block_id: int, payload: ScheduleIn):
    event = _event(request, event_id)
    by = actor(request)
    if not selectors.can_manage_event(by, event):
        raise PermissionDeniedError("Only the event's organisers can do this.")
    block = MeetingBlock.objects.filter(pk=block_id, event=event).first()
    if block is None:
        raise NotFoundError("Meeting block not found.")
    result = services.meeting_block_schedule(block=block, by=by, time_limit=payload.time_limit)
    published = services.meeting_block_publish(block=block, by=by) if payload.publish else 0
    return {
        "scheduled": result["stats"].get("scheduled", 0),
        "unscheduled": result["unscheduled"],
        "stats": result["stats"],
        "published": published,
    }


class MeetingOut(Schema):
    id: int
    block: int = Field(..., alias="block_id")
    slot: int
    table: int
    start: dt.datetime
    end: dt.datetime
    status: str
    confirmed: bool = Field(..., alias="locked")
    brokered: bool
    participants: list[int]

    @staticmethod
    def resolve_participants(obj) -> list[int]:
        return [seat.registration_id for seat in obj.seats.all()]


class BookIn(Schema):
    block: int
    slot: int = Field(..., ge=0)


class BrokerIn(Schema):
    registrations: list[int] = Field(..., min_length=2, max_length=6)
    slot: int = Field(..., ge=0)
    table: int | None = Field(None, ge=1)


class OutcomeIn(Schema):
    attendance: Literal["held", "no_show"]
    interest: Literal["none", "some", "strong"] = "none"
    next_step: Literal["", "follow_up_call", "nda", "pilot", "quotation", "agreement_expected"] = ""
    notes: str = Field("", max_length=2000)


class OutcomeOut(Schema):
    meeting: int = Field(..., alias="meeting_id")
    registration: int = Field(..., alias="registration_id")
    attendance: str
    interest: str
    next_step: str
    notes: str


def _block(event: Event, block_id: int) -> MeetingBlock:
    block = MeetingBlock.objects.filter(pk=block_id, event=event).first()
    if block is None:
        raise NotFoundError("Meeting block not found.")
    return block


@router.post("/requests/{request_id}/book", response={201: MeetingOut}, auth=WRITE_AUTH)
def request_book(request, request_id: int, payload: BookIn):
    """Put an accepted request into a free common slot (when the organisers allow it)."""
    found = _request(request, request_id)
    block = _block(found.event, payload.block)
    meeting = services.meeting_book_slot(
        request=found, block=block, slot=payload.slot, by=actor(request)
    )
    return Status(201, meeting)


@router.post(
    "/events/{event_id}/blocks/{block_id}/meetings", response={201: MeetingOut}, auth=WRITE_AUTH
)
def meeting_broker(request, event_id: int, block_id: int, payload: BrokerIn):
    """Organisers: create a meeting directly (brokered, confirmed at once)."""
    event = _event(request, event_id)
    by = actor(request)
    if not selectors.can_manage_event(by, event):
        raise PermissionDeniedError("Only the event's organisers can do this.")
    registrations = list(event.registrations.filter(pk__in=payload.registrations))
    if len(registrations) != len(set(payload.registrations)):
        raise DomainError("Unknown participant.", field="registrations")
    meeting = services.meeting_create_brokered(
        block=_block(event, block_id),
        registrations=registrations,
        slot=payload.slot,
        table=payload.table,
        by=by,
    )
    return Status(201, meeting)


@router.post("/meetings/{meeting_id}/outcome", response=OutcomeOut, auth=WRITE_AUTH)
def meeting_outcome(request, meeting_id: int, payload: OutcomeIn):
    """Record your side of a meeting you took part in."""
    by = actor(request)
    seat = (
        MeetingSeat.objects.select_related("meeting", "registration__event")
        .filter(meeting_id=meeting_id, registration__person__user=by)
        .first()
    )
    if seat is None:
        raise NotFoundError("Meeting not found.")
    return services.meeting_outcome_record(
        meeting=seat.meeting, registration=seat.registration, by=by, **payload.dict()
    )


@router.post("/sessions/{session_id}/signup", response={201: None}, auth=WRITE_AUTH)
def session_signup(request, session_id: int):
    session = AgendaSession.objects.filter(pk=session_id).first()
    if session is None:
        raise NotFoundError("Session not found.")
    event = _event(request, session.event_id)
    services.session_signup(
        session=session, registration=_own_registration(request, event), by=actor(request)
    )
    return Status(201, None)


@router.post("/meetings/{meeting_id}/cancel", response=MeetingOut, auth=WRITE_AUTH)
def meeting_cancel(request, meeting_id: int):
    """Participants of the meeting and the event's organisers can cancel it."""
    by = actor(request)
    meeting = (
        Meeting.objects.select_related("block__event")
        .filter(pk=meeting_id)
        .filter(
            Q(seats__registration__person__user=by)
            | Q(block__event__in=selectors.events_visible_to(by))
        )
        .first()
    )
    if meeting is None or not (
        selectors.can_manage_event(by, meeting.block.event)
        or meeting.seats.filter(registration__person__user=by).exists()
    ):
        raise NotFoundError("Meeting not found.")
    return services.meeting_cancel(meeting=meeting, by=by)


# --- organisers: events, sessions, meeting blocks, table hosts ---------------------------------

EventStatus = Literal["draft", "registration_open", "closed", "running", "finished"]
SessionKind = Literal[
    "forum_talk", "panel", "signing_ceremony", "networking_night", "gov_enterprise"
]
NAIVE = "times without an offset are read in the event's time zone"


class EventManageOut(EventOut):
    co_hosts: list[int]
    request_deadline: dt.datetime | None
    max_pending_requests: int | None

    @staticmethod
    def resolve_co_hosts(obj) -> list[int]:
        return sorted(o.pk for o in obj.co_hosts.all())


class EventPatch(Schema):
    name: str | None = Field(None, max_length=200)
    description: str | None = None
    venue: str | None = Field(None, max_length=200)
    city: str | None = Field(None, max_length=100)
    time_zone: str | None = None
    start: dt.datetime | None = Field(None, description=NAIVE)
    end: dt.datetime | None = Field(None, description=NAIVE)
    status: EventStatus | None = None
    registration_opens: dt.datetime | None = None
    registration_closes: dt.datetime | None = None
    capacity: int | None = Field(None, ge=1)
    request_deadline: dt.datetime | None = Field(
        None, description="unanswered meeting requests expire at this time"
    )
    max_pending_requests: int | None = Field(None, ge=1)
    host: int | None = Field(None, description="operators only")
    co_hosts: list[int] | None = None


class EventIn(EventPatch):
    name: str = Field(..., max_length=200)
    start: dt.datetime = Field(..., description=NAIVE)
    end: dt.datetime = Field(..., description=NAIVE)
    host: int
    time_zone: str = "Europe/Madrid"
    status: EventStatus = "draft"


class SessionPatch(Schema):
    kind: SessionKind | None = None
    title: str | None = Field(None, max_length=250)
    description: str | None = None
    room: str | None = Field(None, max_length=120)
    start: dt.datetime | None = Field(None, description=NAIVE)
    end: dt.datetime | None = Field(None, description=NAIVE)
    capacity: int | None = Field(None, ge=1)
    speakers: list[int] | None = Field(None, description="person ids")
    organisations: list[int] | None = Field(None, description="organisation ids")


class SessionIn(SessionPatch):
    kind: SessionKind
    title: str = Field(..., max_length=250)
    start: dt.datetime = Field(..., description=NAIVE)
    end: dt.datetime = Field(..., description=NAIVE)


class TableHostOut(Schema):
    table: int
    registration: int = Field(..., alias="registration_id")


class BlockOut(Schema):
    id: int
    event: int = Field(..., alias="event_id")
    name: str
    start: dt.datetime
    end: dt.datetime
    slot_minutes: int
    tables: int
    slot_count: int
    self_booking: bool
    published_at: dt.datetime | None
    table_hosts: list[TableHostOut]

    @staticmethod
    def resolve_table_hosts(obj) -> list:
        return list(obj.table_hosts.order_by("table"))


class BlockPatch(Schema):
    name: str | None = Field(None, max_length=200)
    start: dt.datetime | None = Field(None, description=NAIVE)
    end: dt.datetime | None = Field(None, description=NAIVE)
    slot_minutes: int | None = Field(None, ge=5)
    tables: int | None = Field(None, ge=1)
    self_booking: bool | None = None


class BlockIn(BlockPatch):
    name: str = Field(..., max_length=200)
    start: dt.datetime = Field(..., description=NAIVE)
    end: dt.datetime = Field(..., description=NAIVE)
    slot_minutes: int = Field(15, ge=5)
    tables: int = Field(10, ge=1)
    self_booking: bool = False


class TableHostIn(Schema):
    registration: int = Field(..., description="registration id of the table's host")


def _managed_event(request, event_id: int) -> Event:
    event = _event(request, event_id)
    if not selectors.can_manage_event(actor(request), event):
        raise PermissionDeniedError("Only the event's organisers can do this.")
    return event


def _all_of(model, ids: list[int] | None, field: str):
    if ids is None:
        return None
    found = list(model.objects.filter(pk__in=set(ids)))
    if len(found) != len(set(ids)):
        raise DomainError(f"Unknown id in {field}.", field=field)
    return found


def _organisation(pk: int | None, field: str = "host") -> Organisation | None:
    if pk is None:
        return None
    found = Organisation.objects.filter(pk=pk).first()
    if found is None:
        raise DomainError("Unknown organisation.", field=field)
    return found


def _values(payload: Schema, fields, *, partial: bool) -> dict:
    data = payload.dict(exclude_unset=partial)
    return {k: v for k, v in data.items() if k in fields}


@router.post("/events", response={201: EventManageOut}, auth=WRITE_AUTH)
def event_create(request, payload: EventIn):
    """Operators create an event."""
    event = services.event_create(
        host=_organisation(payload.host),
        co_hosts=_all_of(Organisation, payload.co_hosts, "co_hosts"),
        data=_values(payload, services.EVENT_FIELDS, partial=False),
        by=actor(request),
    )
    return Status(201, event)


@router.patch("/events/{event_id}", response=EventManageOut, auth=WRITE_AUTH)
def event_update(request, event_id: int, payload: EventPatch):
    """Organisers change an event (only the fields sent); operators may move the host."""
    event = _managed_event(request, event_id)
    return services.event_update(
        event=event,
        host=_organisation(payload.host),
        co_hosts=_all_of(Organisation, payload.co_hosts, "co_hosts"),
        data=_values(payload, services.EVENT_FIELDS, partial=True),
        by=actor(request),
    )


@router.delete("/events/{event_id}", response={204: None}, auth=WRITE_AUTH)
def event_delete(request, event_id: int):
    """Operators delete an event without registrations."""
    services.event_delete(event=_managed_event(request, event_id), by=actor(request))
    return Status(204, None)


def _session(event: Event, session_id: int) -> AgendaSession:
    found = selectors.event_agenda(event=event).filter(pk=session_id).first()
    if found is None:
        raise NotFoundError("Session not found.")
    return found


@router.post("/events/{event_id}/sessions", response={201: SessionOut}, auth=WRITE_AUTH)
def session_create(request, event_id: int, payload: SessionIn):
    event = _managed_event(request, event_id)
    session = services.session_create(
        event=event,
        data=_values(payload, services.SESSION_FIELDS, partial=False),
        speakers=_all_of(Person, payload.speakers, "speakers"),
        organisations=_all_of(Organisation, payload.organisations, "organisations"),
        by=actor(request),
    )
    return Status(201, _session(event, session.pk))


@router.patch("/events/{event_id}/sessions/{session_id}", response=SessionOut, auth=WRITE_AUTH)
def session_update(request, event_id: int, session_id: int, payload: SessionPatch):
    event = _managed_event(request, event_id)
    services.session_update(
        session=_session(event, session_id),
        data=_values(payload, services.SESSION_FIELDS, partial=True),
        speakers=_all_of(Person, payload.speakers, "speakers"),
        organisations=_all_of(Organisation, payload.organisations, "organisations"),
        by=actor(request),
    )
    return _session(event, session_id)


@router.delete("/events/{event_id}/sessions/{session_id}", response={204: None}, auth=WRITE_AUTH)
def session_delete(request, event_id: int, session_id: int):
    """Delete a session with its sign-ups."""
    event = _managed_event(request, event_id)
    services.session_delete(session=_session(event, session_id), by=actor(request))
    return Status(204, None)


@router.get("/events/{event_id}/blocks", response=list[BlockOut], auth=READ_AUTH)
def block_list(request, event_id: int):
    event = _event(request, event_id)
    return list(event.blocks.prefetch_related("table_hosts"))


@router.post("/events/{event_id}/blocks", response={201: BlockOut}, auth=WRITE_AUTH)
def block_create(request, event_id: int, payload: BlockIn):
    event = _managed_event(request, event_id)
    block = services.meeting_block_create(
        event=event,
        data=_values(payload, services.BLOCK_FIELDS, partial=False),
        by=actor(request),
    )
    return Status(201, block)


@router.patch("/events/{event_id}/blocks/{block_id}", response=BlockOut, auth=WRITE_AUTH)
def block_update(request, event_id: int, block_id: int, payload: BlockPatch):
    """Change a block; once it has meetings its start and slot length stay."""
    event = _managed_event(request, event_id)
    return services.meeting_block_update(
        block=_block(event, block_id),
        data=_values(payload, services.BLOCK_FIELDS, partial=True),
        by=actor(request),
    )


@router.delete("/events/{event_id}/blocks/{block_id}", response={204: None}, auth=WRITE_AUTH)
def block_delete(request, event_id: int, block_id: int):
    """Delete a block that has no meetings."""
    event = _managed_event(request, event_id)
    services.meeting_block_delete(block=_block(event, block_id), by=actor(request))
    return Status(204, None)


@router.put(
    "/events/{event_id}/blocks/{block_id}/hosts/{table}", response=BlockOut, auth=WRITE_AUTH
)
def table_host_set(request, event_id: int, block_id: int, table: int, payload: TableHostIn):
    """Keep ``table`` for one participant for the whole block."""
    event = _managed_event(request, event_id)
    block = _block(event, block_id)
    registration = event.registrations.filter(pk=payload.registration).first()
    if registration is None:
        raise DomainError("Unknown participant.", field="registration")
    services.table_host_set(block=block, registration=registration, table=table, by=actor(request))
    return _block(event, block_id)


@router.delete(
    "/events/{event_id}/blocks/{block_id}/hosts/{table}", response={204: None}, auth=WRITE_AUTH
)
def table_host_remove(request, event_id: int, block_id: int, table: int):
    event = _managed_event(request, event_id)
    block = _block(event, block_id)
    if not services.table_host_remove(block=block, table=table, by=actor(request)):
        raise NotFoundError("This table has no host.")
    return Status(204, None)


# --- participants: their own registration ------------------------------------------------------


class RegistrationPatch(Schema):
    takes_meetings: bool | None = None
    consent_listed: bool | None = None
    available_slots: list[str] | None = Field(
        None, description='"<block id>:<slot index>" keys; null for every slot'
    )


@router.patch("/events/{event_id}/registration", response=RegistrationOut, auth=WRITE_AUTH)
def my_registration_update(request, event_id: int, payload: RegistrationPatch):
    """Change your own registration: slots, 1:1 meetings, listing consent (fields sent only)."""
    registration = _own_registration(request, _event(request, event_id))
    sent = payload.dict(exclude_unset=True)
    slots = sent.get("available_slots")
    return services.registration_update(
        registration=registration,
        takes_meetings=sent.get("takes_meetings"),
        consent_listed=sent.get("consent_listed"),
        available_slots=slots,
        clear_available="available_slots" in sent and slots is None,
        by=actor(request),
    )


@router.delete("/events/{event_id}/registration", response={204: None}, auth=WRITE_AUTH)
def my_registration_withdraw(request, event_id: int):
    """Withdraw: your meetings are cancelled (the others told), requests and sign-ups removed."""
    registration = _own_registration(request, _event(request, event_id))
    services.registration_withdraw(registration=registration, by=actor(request))
    return Status(204, None)


# --- organisers: exports -------------------------------------------------------------------------

ExportTable = Literal["registrations", "requests", "meetings", "checkin", "dashboard"]


@router.get("/events/{event_id}/export", auth=WRITE_AUTH)
def event_export(
    request,
    event_id: int,
    format: Literal["xlsx", "csv"] = "xlsx",  # noqa: A002 - the query parameter's name
    table: ExportTable = "registrations",
):
    """Organisers: the event's tables as one XLSX workbook, or one ``table`` as CSV."""
    from . import tables

    return tables.download(_managed_event(request, event_id), format, table)
