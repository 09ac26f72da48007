"""Event reads shared by pages, the API, the calendar feed and other apps."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from digibridge.directory.selectors import (
    centre_q,
    is_operator,
    operator_centre,
    operator_covers,
    user_organisation_ids,
)

from .models import (
    AgendaSession,
    Event,
    Meeting,
    MeetingBlock,
    MeetingRequest,
    MeetingSeat,
    Registration,
)

logger = logging.getLogger(__name__)


def slot_key(block_id: int, index: int) -> str:
    return f"{block_id}:{index}"


def can_manage_event(user, event: Event) -> bool:
    """Operators manage the events hosted in their centre (every event when not limited to a
    centre); members of the hosting organisation manage theirs."""
    if event.host_id in user_organisation_ids(user):
        return True
    return is_operator(user) and operator_covers(user, event.host)


def events_visible_to(user) -> QuerySet[Event]:
    qs = Event.objects.select_related("host")
    if is_operator(user) and operator_centre(user) is None:
        return qs
    own = Q(host_id__in=user_organisation_ids(user))
    if is_operator(user):
        own |= centre_q(user, "host")
    return qs.filter(~Q(status=Event.Status.DRAFT) | own)


def event_list(*, user) -> QuerySet[Event]:
    return (
        events_visible_to(user)
        .annotate(session_count=Count("sessions", distinct=True))
        .order_by("-start")
    )


def event_agenda(*, event: Event) -> QuerySet[AgendaSession]:
    return (
        event.sessions.prefetch_related("speakers__organisation", "organisations")
        .annotate(signup_count=Count("signups"))
        .order_by("start", "room")
    )


def registration_of(*, user, event: Event) -> Registration | None:
    if user is None or not user.is_authenticated:
        return None
    return (
        Registration.objects.select_related("person", "organisation", "event")
        .filter(event=event, person__user=user)
        .first()
    )


def registrations_of_user(*, user) -> QuerySet[Registration]:
    return Registration.objects.filter(person__user=user).select_related("event", "organisation")


def registrations_for_manager(*, event: Event, q: str = "", status: str = "") -> QuerySet:
    qs = event.registrations.select_related("person", "organisation")
    q = (q or "").strip()[:100]
    if q:
        qs = qs.filter(
            Q(person__first_name__icontains=q)
            | Q(person__last_name__icontains=q)
            | Q(organisation__name__icontains=q)
            | Q(checkin_token=q)
        )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("person__last_name", "person__first_name")


def participants_visible(*, event: Event, user) -> QuerySet[Registration]:
    """Approved participants who consented to be listed, and only for approved participants
    (and the organisers); everyone else gets an empty list."""
    none = Registration.objects.none()
    if user is None or not user.is_authenticated:
        return none
    if not can_manage_event(user, event):
        own = registration_of(user=user, event=event)
        if own is None or own.status != Registration.Status.APPROVED:
            return none
    from digibridge.privacy.consent import consenting  # a withdrawal of consent hides them

    listed = event.registrations.filter(status=Registration.Status.APPROVED, consent_listed=True)
    return (
        consenting(listed, purpose="listed", person_path="person")
        .select_related("person", "organisation")
        .order_by("organisation__name", "person__last_name")
    )


def requests_for(*, registration: Registration) -> dict[str, list[MeetingRequest]]:
    related = (
        "sender__person",
        "sender__organisation",
        "recipient__person",
        "recipient__organisation",
        "opportunity",
    )
    qs = MeetingRequest.objects.select_related(*related).order_by("-created_at")
    return {
        "received": list(qs.filter(recipient=registration)),
        "sent": list(qs.filter(sender=registration)),
    }


def requests_visible_to(*, user) -> QuerySet[MeetingRequest]:
    qs = MeetingRequest.objects.select_related(
        "event", "sender__person", "recipient__person", "sender__event"
    )
    if is_operator(user):
        return qs.filter(centre_q(user, "event__host"))
    if user is None or not user.is_authenticated:
        return qs.none()
    return qs.filter(
        Q(sender__person__user=user)
        | Q(recipient__person__user=user)
        | Q(event__host_id__in=user_organisation_ids(user))
    )


@dataclass
class AgendaItem:
    kind: str  # "session" or "meeting"
    start: object
    end: object
    title: str
    place: str
    session: AgendaSession | None = None
    meeting: Meeting | None = None
    others: list = field(default_factory=list)


def meetings_of(*, registration: Registration) -> list[Meeting]:
    seats = MeetingSeat.objects.select_related("registration__person", "registration__organisation")
    return list(
        Meeting.objects.filter(seats__registration=registration)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("block", "request")
        .prefetch_related(Prefetch("seats", queryset=seats), "outcomes")
        .order_by("block__start", "slot")
    )


def personal_agenda(*, registration: Registration) -> list[AgendaItem]:
    """Sessions signed up for and scheduled meetings, in time order."""
    items = []
    for signup in registration.signups.select_related("session"):
        s = signup.session
        items.append(AgendaItem("session", s.start, s.end, s.title, s.room, session=s))
    for meeting in meetings_of(registration=registration):
        others = [
            x.registration for x in meeting.seats.all() if x.registration_id != registration.pk
        ]
        title = ", ".join(f"{o.person.full_name} ({o.organisation.name})" for o in others)
        items.append(
            AgendaItem(
                "meeting",
                meeting.start,
                meeting.end,
                title,
                meeting.block.name,
                meeting=meeting,
                others=others,
            )
        )
    items.sort(key=lambda item: item.start)
    return items


def table_plan(*, block: MeetingBlock) -> list[dict]:
    """Per slot: its times and the meetings at each table, for the staff at the door."""
    seats = MeetingSeat.objects.select_related("registration__person", "registration__organisation")
    meetings = (
        block.meetings.exclude(status=Meeting.Status.CANCELLED)
        .prefetch_related(Prefetch("seats", queryset=seats))
        .order_by("slot", "table")
    )
    by_slot: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        by_slot.setdefault(meeting.slot, []).append(meeting)
    return [
        {"index": i, "start": start, "end": end, "meetings": by_slot.get(i, [])}
        for i, start, end in block.slots()
    ]


def free_common_slots(*, request: MeetingRequest, block: MeetingBlock) -> list[tuple]:
    """Slots of ``block`` where both sides are available, free and a table is left."""
    regs = [request.sender, request.recipient]
    busy = set(
        MeetingSeat.objects.filter(block=block, registration__in=regs).values_list(
            "slot", flat=True
        )
    )
    used = Counter(
        block.meetings.exclude(status=Meeting.Status.CANCELLED).values_list("slot", flat=True)
    )
    hosted = block.table_hosts.count()
    return [
        (i, start, end)
        for i, start, end in block.slots()
        if i not in busy
        and used[i] < block.tables - hosted
        and all(r.available_in(block.pk, i) for r in regs)
    ]


def users_have_met(user_a: int, user_b: int) -> bool:
    """Connection checker: an accepted request or a shared meeting between the two users."""
    if user_a == user_b:
        return True
    accepted = MeetingRequest.objects.filter(status=MeetingRequest.Status.ACCEPTED).filter(
        Q(sender__person__user_id=user_a, recipient__person__user_id=user_b)
        | Q(sender__person__user_id=user_b, recipient__person__user_id=user_a)
    )
    if accepted.exists():
        return True
    return (
        Meeting.objects.filter(seats__registration__person__user_id=user_a)
        .filter(seats__registration__person__user_id=user_b)
        .exclude(status=Meeting.Status.CANCELLED)
        .exists()
    )


def event_dashboard(*, event: Event) -> dict:
    regs = event.registrations.all()
    by_type = Counter(dict(regs.values_list("participant_type").annotate(n=Count("id"))))
    by_country = list(regs.values("organisation__country").annotate(n=Count("id")).order_by("-n"))
    by_status = Counter(dict(regs.values_list("status").annotate(n=Count("id"))))
    requests = Counter(dict(event.meeting_requests.values_list("status").annotate(n=Count("id"))))
    now = timezone.now()
    overdue = event.meeting_requests.filter(
        status=MeetingRequest.Status.PENDING, expires_at__lte=now
    ).count()
    if overdue:
        requests[MeetingRequest.Status.PENDING] -= overdue
        requests[MeetingRequest.Status.EXPIRED] += overdue
    meetings = Counter(
        dict(
            Meeting.objects.filter(block__event=event).values_list("status").annotate(n=Count("id"))
        )
    )
    held = meetings[Meeting.Status.HELD]
    no_show = meetings[Meeting.Status.NO_SHOW]
    sessions = list(event_agenda(event=event))
    return {
        "registrations_by_type": [
            (label, by_type.get(value, 0)) for value, label in Registration.ParticipantType.choices
        ],
        "registrations_by_country": [
            (row["organisation__country"], row["n"]) for row in by_country
        ],
        "registrations_by_status": [
            (label, by_status.get(value, 0)) for value, label in Registration.Status.choices
        ],
        "checked_in": regs.filter(checked_in_at__isnull=False).count(),
        "requests_by_status": [
            (label, requests.get(value, 0)) for value, label in MeetingRequest.Status.choices
        ],
        "meetings_by_status": [
            (label, meetings.get(value, 0)) for value, label in Meeting.Status.choices
        ],
        "meetings_scheduled": sum(
            n for status, n in meetings.items() if status != Meeting.Status.CANCELLED
        ),
        "meetings_held": held,
        "no_show_rate": round(100 * no_show / (held + no_show), 1) if held + no_show else None,
        "sessions": [
            (
                s,
                s.signup_count,
                s.capacity,
                round(100 * s.signup_count / s.capacity) if s.capacity else None,
            )
            for s in sessions
        ],
        "gov_enterprise_held": sum(
            1 for s in sessions if s.kind == AgendaSession.Kind.GOV_ENTERPRISE and s.end <= now
        ),
    }


def meeting_suggestions(*, registration: Registration, viewer, limit: int = 8) -> list[dict]:
    """Listed participants whose organisations' opportunities best match the viewer's
    organisation's, with the engine's reasons; empty when the matching engine is absent."""
    try:
        from digibridge.matching.selectors import organisation_matches
    except ImportError:
        return []
    listed = {
        r.organisation_id: r
        for r in participants_visible(event=registration.event, user=viewer)
        if r.pk != registration.pk and r.takes_meetings
    }
    if not listed:
        return []
    try:
        rows = organisation_matches(
            organisation=registration.organisation, viewer=viewer, per_opportunity=5
        )
    except Exception:  # the engine is optional: a failure must not break the page
        logger.exception("Meeting suggestions failed for registration %s", registration.pk)
        return []
    best: dict[int, dict] = {}
    for mine, matches in rows:
        for match in matches:
            other = listed.get(match.opportunity.owner_id)
            if other is None:
                continue
            if other.pk not in best or best[other.pk]["score"] < match.score:
                best[other.pk] = {
                    "registration": other,
                    "score": match.score,
                    "mine": mine,
                    "theirs": match.opportunity,
                    "reasons": match.reasons,
                }
    return sorted(best.values(), key=lambda row: -row["score"])[:limit]
