"""The Barcelona forum of the demo: agenda, registrations, Beijing Night requests, an optimised
and published schedule, check-ins and some recorded outcomes.

Runs after the core demo load (it needs its organisations, people and users) and does
nothing when the event is already there. Deterministic: a fixed seed picks who asks whom.
Rows are written directly (no e-mails, no audit entries) except the schedule, which goes
through ``meeting_block_schedule`` so the demo shows the optimiser's real output.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F

from digibridge.demo import content
from digibridge.directory.models import Organisation, Person

from . import pipeline, services
from .models import (
    AgendaSession,
    Event,
    Meeting,
    MeetingBlock,
    MeetingOutcome,
    MeetingRequest,
    Registration,
    SessionSignup,
    TableHost,
)

Progress = Callable[[str], None]

PARTICIPANT_TYPE = {
    Organisation.Type.ENTERPRISE: Registration.ParticipantType.ENTERPRISE_EXECUTIVE,
    Organisation.Type.GOVERNMENT: Registration.ParticipantType.GOVERNMENT_OFFICIAL,
    Organisation.Type.CITY: Registration.ParticipantType.GOVERNMENT_OFFICIAL,
    Organisation.Type.ASSOCIATION: Registration.ParticipantType.ASSOCIATION,
    Organisation.Type.RESEARCH: Registration.ParticipantType.ASSOCIATION,
    Organisation.Type.SERVICE_PROVIDER: Registration.ParticipantType.SERVICE_PROVIDER,
}
MESSAGES = [
    "We would like to present our solution and hear about your plans for 2025.",
    "Could we discuss a pilot project in Catalonia?",
    "我们希望了解贵公司在欧洲的合作需求。",
    "Nos gustaría conocer sus necesidades y explorar una colaboración.",
    "Ens agradaria parlar d'una possible col·laboració a Barcelona.",
    "Interested in your distribution network for the Chinese market.",
]
# The two exhibitors who keep their own table all evening.
DEMO_FOLLOW_UPS = 6  # enough to show outcomes feeding the cooperation pipeline
TABLE_HOSTS = {"beichen-charging": 1, "zhixing-autopilot": 2}


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _person_finder():
    people: dict[tuple[str, str], list[Person]] = {}
    for person in Person.objects.select_related("organisation"):
        people.setdefault((person.first_name, person.last_name), []).append(person)
    names = {f"{p['first_name']} {p['last_name']}": p for p in content.PEOPLE}

    def find(name: str) -> Person | None:
        item = names.get(name)
        if item is None:
            return None
        found = people.get((item["first_name"], item["last_name"]), [])
        with_user = [p for p in found if p.user_id]
        return (with_user or found or [None])[0]

    return find


def _registrant(org: Organisation) -> Person | None:
    """The organisation's demo user's person if it has one, else its first person."""
    people = list(org.people.order_by(F("user_id").desc(nulls_last=True), "pk"))
    return people[0] if people else None


@transaction.atomic
def load_event_demo(progress: Progress | None = None) -> dict[str, int]:
    say = progress or (lambda message: None)
    data = content.EVENT
    if Event.objects.filter(slug=data["key"]).exists():
        say("Demo event is already loaded.")
        return {}
    orgs = {o.slug: o for o in Organisation.objects.all()}
    if data["hosts"][0] not in orgs:
        say("Load the core demo first; skipping the demo event.")
        return {}
    rng = random.Random(content.SEED)
    User = get_user_model()
    operator = (
        User.objects.filter(email=content.DEMO_USERS[1]["email"]).first()
        or User.objects.filter(role__in=["operator", "admin"]).order_by("pk").first()
    )

    say("Event: the Barcelona forum")
    event = Event.objects.create(
        slug=data["key"],
        name=data["name"],
        names=data.get("names", {}),
        description=data["description"],
        venue=data["venue"],
        city=data["city"],
        time_zone=data["time_zone"],
        start=_at(data["start"]),
        end=_at(data["end"]),
        host=orgs[data["hosts"][0]],
        status=Event.Status.REGISTRATION_OPEN,
        capacity=400,
        max_pending_requests=10,
    )
    event.co_hosts.set([orgs[k] for k in data["hosts"][1:] + data["co_organisers"] if k in orgs])

    say(f"Agenda: {len(data['sessions'])} sessions")
    find = _person_finder()
    sessions = []
    for item in data["sessions"]:
        kind = item["kind"]
        session = AgendaSession.objects.create(
            event=event,
            kind=kind,
            title=item["title"],
            description=item.get("description", ""),
            room=item.get("room", ""),
            start=_at(item["start"]),
            end=_at(item["end"]),
            capacity={"gov_enterprise": 15, "networking_night": 200}.get(kind),
        )
        session.speakers.set([p for p in map(find, item.get("speakers", [])) if p])
        session.organisations.set([orgs[k] for k in item.get("organisations", []) if k in orgs])
        sessions.append(session)

    night = next(s for s in data["sessions"] if s["kind"] == "networking_night")
    block_start = _at(night["start"])
    block = MeetingBlock.objects.create(
        event=event,
        name="Beijing Night – 1:1 meetings",
        start=block_start,
        end=block_start + dt.timedelta(hours=2),
        slot_minutes=15,
        tables=20,
        self_booking=True,
    )

    say("Registrations")
    keys = list(dict.fromkeys(night["organisations"]))
    for user_item in content.DEMO_USERS:
        if user_item.get("org") and user_item["org"] not in keys:
            keys.append(user_item["org"])
    for item in data["sessions"]:
        if item["kind"] == "gov_enterprise":
            keys.extend(k for k in item["organisations"] if k not in keys)
    registrations: list[Registration] = []
    for index, key in enumerate(keys):
        org = orgs.get(key)
        person = _registrant(org) if org else None
        if person is None:
            continue
        status = Registration.Status.APPROVED
        if index % 17 == 16:
            status = Registration.Status.PENDING
        available = None
        if index % 7 == 3:  # leaves after an hour
            available = [f"{block.pk}:{i}" for i in range(4)]
        registrations.append(
            Registration(
                event=event,
                person=person,
                organisation=org,
                participant_type=PARTICIPANT_TYPE.get(
                    org.type, Registration.ParticipantType.ENTERPRISE_EXECUTIVE
                ),
                takes_meetings=org.type
                in (Organisation.Type.ENTERPRISE, Organisation.Type.SERVICE_PROVIDER)
                or person.user_id is not None,
                consent_listed=index % 9 != 5,
                available_slots=available,
                status=status,
                checked_in_at=(
                    _at(data["start"]) + dt.timedelta(minutes=rng.randint(-40, 300))
                    if status == Registration.Status.APPROVED and rng.random() < 0.8
                    else None
                ),
            )
        )
    Registration.objects.bulk_create(registrations)
    registrations = list(
        Registration.objects.filter(event=event).select_related("organisation", "person")
    )
    by_org = {r.organisation.slug: r for r in registrations}
    for key, table in TABLE_HOSTS.items():
        if key in by_org:
            TableHost.objects.create(block=block, registration=by_org[key], table=table)

    say("Session sign-ups")
    approved = [r for r in registrations if r.status == Registration.Status.APPROVED]
    signups = []
    for session in sessions:
        members = set(session.organisations.values_list("pk", flat=True))
        chosen = [r for r in approved if r.organisation_id in members]
        chosen += [r for r in approved if r.organisation_id not in members and rng.random() < 0.15]
        if session.capacity:
            chosen = chosen[: session.capacity]
        signups += [SessionSignup(session=session, registration=r) for r in chosen]
    SessionSignup.objects.bulk_create(signups, ignore_conflicts=True)

    say("Beijing Night meeting requests")
    meeting_people = [r for r in approved if r.takes_meetings and r.consent_listed]
    chinese = [r for r in meeting_people if r.organisation.country == "CN"]
    others = [r for r in meeting_people if r.organisation.country != "CN"]
    pairs: set[frozenset[int]] = set()
    requests = []

    def ask(sender: Registration, recipient: Registration, status: str) -> None:
        pair = frozenset((sender.pk, recipient.pk))
        if sender.pk == recipient.pk or pair in pairs:
            return
        pairs.add(pair)
        requests.append(
            MeetingRequest(
                event=event,
                sender=sender,
                recipient=recipient,
                message=rng.choice(MESSAGES),
                status=status,
                answered_at=block_start - dt.timedelta(days=2)
                if status in ("accepted", "declined")
                else None,
            )
        )

    demo = {r.person.user.email: r for r in approved if r.person.user_id}
    hui = demo.get("hui.wu@hangyun-robotics.example")
    marc = demo.get("marc.vidal@almacenes-llobregat.example")
    if hui and marc:
        ask(hui, marc, MeetingRequest.Status.ACCEPTED)
        for sender in others[:2]:
            ask(sender, hui, MeetingRequest.Status.PENDING)
        for sender in chinese[-2:]:
            ask(sender, marc, MeetingRequest.Status.PENDING)
    statuses = ["accepted"] * 14 + ["declined"] * 2 + ["pending"] * 3 + ["cancelled"]
    for group, counterparts in ((chinese, others), (others, chinese)):
        for sender in group:
            for recipient in rng.sample(counterparts, min(len(counterparts), rng.randint(1, 3))):
                ask(sender, recipient, rng.choice(statuses))
    MeetingRequest.objects.bulk_create(requests)

    say("Optimising the Beijing Night schedule")
    result = services.meeting_block_schedule(block=block, by=operator, time_limit=2, seed=0)
    Meeting.objects.filter(block=block).update(locked=True)
    block.published_at = block_start - dt.timedelta(days=1)
    block.save(update_fields=["published_at"])

    say("Outcomes")
    outcomes = []
    held, no_show = [], []
    meetings = list(Meeting.objects.filter(block=block).prefetch_related("seats"))
    for meeting in meetings:
        draw = rng.random()
        if draw < 0.45:
            held.append(meeting.pk)
            for seat in meeting.seats.all():
                outcomes.append(
                    MeetingOutcome(
                        meeting=meeting,
                        registration_id=seat.registration_id,
                        attendance=MeetingOutcome.Attendance.HELD,
                        interest=rng.choice(["none", "some", "some", "strong"]),
                        next_step=rng.choice(
                            [
                                "",
                                "follow_up_call",
                                "nda",
                                "pilot",
                                "quotation",
                                "agreement_expected",
                            ]
                        ),
                    )
                )
        elif draw < 0.5:
            no_show.append(meeting.pk)
            seat = meeting.seats.all()[0]
            outcomes.append(
                MeetingOutcome(
                    meeting=meeting,
                    registration_id=seat.registration_id,
                    attendance=MeetingOutcome.Attendance.NO_SHOW,
                )
            )
    MeetingOutcome.objects.bulk_create(outcomes)
    Meeting.objects.filter(pk__in=held).update(status=Meeting.Status.HELD)
    Meeting.objects.filter(pk__in=no_show).update(status=Meeting.Status.NO_SHOW)

    say("Follow-ups of the most promising meetings")
    follow_ups = 0
    for outcome in MeetingOutcome.objects.filter(
        meeting__block=block, attendance=MeetingOutcome.Attendance.HELD
    ).select_related("meeting__block__event", "registration__person", "meeting__request"):
        if follow_ups >= DEMO_FOLLOW_UPS:
            break
        if pipeline.follow_up_for(outcome.meeting, outcome) is not None:
            follow_ups += 1
    return {
        "events": 1,
        "sessions": len(sessions),
        "registrations": len(registrations),
        "meeting_requests": len(requests),
        "meetings": len(meetings),
        "unscheduled": len(result["unscheduled"]),
        "outcomes": len(outcomes),
        "follow_ups": follow_ups,
    }


def remove_event_demo() -> None:
    """Delete what the demo event left outside its own tables (the follow-ups its outcomes
    opened); call it before the core demo's reset, which removes the event with its hosts."""
    from digibridge.cooperation.models import FollowUp

    FollowUp.objects.filter(meeting__block__event__slug=content.EVENT["key"]).delete()
