"""The outreach part of the demo: an invitation campaign to the Beijing conference with
answers, a Beijing enterprise delegation to the Barcelona forum with its shared agenda, two
matched enterprises talking before their meeting, and the notifications all this produced.

Runs after the core demo (organisations, people, users) and the events demo (the Barcelona
forum and its meetings). Rows are written directly, so loading the demo sends no e-mail.
Idempotent: each part is skipped when it is already there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from digibridge.demo import content
from digibridge.directory.models import Organisation, Person

from .models import (
    Conversation,
    ConversationRead,
    Delegation,
    DelegationMember,
    Invitation,
    Message,
    Notification,
)

Progress = Callable[[str], None]

BEIJING_SLUG = "gdec-2025-beijing"
DELEGATION_NAME = "Beijing enterprise delegation to Barcelona"
CONVERSATION_SUBJECT = "Autonomous forklifts for the Llobregat warehouses"
INVITATION_MESSAGE = {
    "ca": "Benvolguts, el comitè organitzador us convida a la Conferència Global de l'Economia "
    "Digital de Pequín. Ens agradaria molt comptar amb la vostra associació.",
    "es": "El comité organizador les invita a la Conferencia Global de Economía Digital en Pekín.",
    "en": "The organising committee invites you to the Global Digital Economy Conference.",
}


def _operator():
    User = get_user_model()
    return (
        User.objects.filter(email=content.DEMO_USERS[1]["email"]).first()
        or User.objects.filter(role__in=["operator", "admin"]).order_by("pk").first()
    )


def _contact(slug: str) -> Person | None:
    return (
        Person.objects.filter(organisation__slug=slug)
        .exclude(email="")
        .select_related("organisation", "user")
        .order_by("-is_executive", "pk")
        .first()
    )


def _beijing_conference(orgs: dict[str, Organisation]):
    from digibridge.events.models import Event

    event = Event.objects.filter(slug=BEIJING_SLUG).first()
    if event is not None:
        return event, False
    host = orgs.get("beijing-economy-it-bureau") or next(iter(orgs.values()))
    event = Event.objects.create(
        slug=BEIJING_SLUG,
        name="2025 Global Digital Economy Conference (Beijing)",
        names={
            "zh-hans": "2025全球数字经济大会（北京）",
            "es": "Conferencia Global de Economía Digital 2025 (Pekín)",
            "ca": "Conferència Global de l'Economia Digital 2025 (Pequín)",
        },
        description="The July conference in Beijing; European institutions are invited.",
        venue="China National Convention Center",
        city="Beijing",
        time_zone="Asia/Shanghai",
        start=dt.datetime(2025, 7, 2, 1, 0, tzinfo=dt.UTC),
        end=dt.datetime(2025, 7, 4, 10, 0, tzinfo=dt.UTC),
        host=host,
        status=Event.Status.REGISTRATION_OPEN,
    )
    return event, True


def _invitations(event, operator, now) -> int:
    if Invitation.objects.filter(event=event).exists():
        return 0
    rows = [
        (
            "catalonia-beijing-association",
            "ca",
            Invitation.Status.ACCEPTED,
            "Hi serem dues persones.",
        ),
        ("catalonia-sme-association", "ca", Invitation.Status.MAYBE, "Ho confirmarem al maig."),
        ("barcelona-chamber-of-commerce", "ca", Invitation.Status.PENDING, ""),
        ("almacenes-llobregat", "es", Invitation.Status.DECLINED, "No podemos viajar en julio."),
    ]
    created = 0
    for slug, language, status, comment in rows:
        person = _contact(slug)
        if person is None:
            continue
        answered = status != Invitation.Status.PENDING
        invitation = Invitation.objects.create(
            event=event,
            organisation=person.organisation,
            person=person,
            name=person.full_name,
            email=person.email.lower(),
            language=language,
            message=INVITATION_MESSAGE.get(language, INVITATION_MESSAGE["en"]),
            status=status,
            comment=comment,
            sent_at=now - dt.timedelta(days=10),
            responded_at=now - dt.timedelta(days=3) if answered else None,
            invited_by=operator,
        )
        created += 1
        if answered and operator is not None:
            Notification.objects.create(
                user=operator,
                kind=Notification.Kind.INVITATION,
                title=f"{invitation.name}: {invitation.get_status_display()}",
                body=comment,
                link=f"/outreach/invitations/event/{event.pk}/",
            )
    return created


def _delegation(operator) -> int:
    from digibridge.events.models import Event, Registration

    # After ``demo --reset`` the people are gone; an emptied delegation is rebuilt.
    Delegation.objects.filter(name=DELEGATION_NAME, members__isnull=True).delete()
    if Delegation.objects.filter(name=DELEGATION_NAME).exists():
        return 0
    forum = Event.objects.filter(slug=content.EVENT["key"]).first()
    if forum is None:
        return 0
    registrations = (
        Registration.objects.filter(event=forum, organisation__country="CN")
        .exclude(organisation__type=Organisation.Type.GOVERNMENT)
        .select_related("person", "organisation")
        .order_by("-seats__pk", "pk")
    )
    members: list[Person] = []
    orgs: set[int] = set()
    for registration in registrations:
        if registration.organisation_id in orgs:
            continue
        orgs.add(registration.organisation_id)
        members.append(registration.person)
        if len(members) == 5:
            break
    if not members:
        return 0
    leader = _contact("beijing-overseas-service-base") or members[0]
    delegation = Delegation.objects.create(
        name=DELEGATION_NAME,
        leader=leader,
        event=forum,
        travel_from=dt.date(2025, 3, 2),
        travel_to=dt.date(2025, 3, 6),
        notes="Flight CA845 Beijing–Barcelona; hotel near Fira Gran Via. Site visit to the "
        "Port of Barcelona logistics area on 5 March.",
        created_by=operator,
    )
    people = [leader, *[m for m in members if m.pk != leader.pk]]
    DelegationMember.objects.bulk_create(
        [DelegationMember(delegation=delegation, person=p) for p in people]
    )
    _delegation_meeting(delegation, forum)
    return 1


def _delegation_meeting(delegation: Delegation, forum) -> None:
    """The whole delegation meets one Spanish company as ONE meeting: the first slot free for
    all delegates and for the company's people (written directly: no e-mail)."""
    from digibridge.events.models import Meeting, MeetingSeat, Registration

    from .selectors import delegation_booking

    booking = delegation_booking(delegation=delegation, event=forum)
    delegates = booking["delegates"]
    if len(delegates) < 2:
        return
    for company in (
        booking["companies"].filter(country="ES").exclude(type=Organisation.Type.GOVERNMENT)
    ):
        hosts = list(
            Registration.objects.filter(event=forum, organisation=company).exclude(
                status=Registration.Status.DECLINED
            )
        )
        if not hosts:
            continue
        for item in booking["blocks"]:
            block = item["block"]
            used = set(
                block.meetings.exclude(status=Meeting.Status.CANCELLED).values_list("slot", "table")
            )
            taken = set(
                MeetingSeat.objects.filter(block=block, registration__in=hosts).values_list(
                    "slot", flat=True
                )
            )
            reserved = set(block.table_hosts.values_list("table", flat=True))
            for index, _start, _end in item["slots"]:
                if index in taken or not all(h.available_in(block.pk, index) for h in hosts):
                    continue
                table = next(
                    (
                        t
                        for t in range(1, block.tables + 1)
                        if (index, t) not in used and t not in reserved
                    ),
                    None,
                )
                if table is None:
                    continue
                meeting = Meeting.objects.create(
                    block=block, slot=index, table=table, locked=True, brokered=True
                )
                MeetingSeat.objects.bulk_create(
                    MeetingSeat(meeting=meeting, registration=r, block=block, slot=index)
                    for r in [*delegates, *hosts]
                )
                return


def _conversation(now) -> int:
    from digibridge.events.models import Meeting
    from digibridge.marketplace.models import Opportunity

    if Conversation.objects.filter(subject=CONVERSATION_SUBJECT).exists():
        return 0
    chinese = Organisation.objects.filter(slug="hangyun-robotics").first()
    spanish = Organisation.objects.filter(slug="almacenes-llobregat").first()
    if chinese is None or spanish is None:
        return 0
    offer = Opportunity.objects.filter(owner=chinese, kind=Opportunity.Kind.OFFER).first()
    demand = Opportunity.objects.filter(owner=spanish, kind=Opportunity.Kind.REQUEST).first()
    meeting = (
        Meeting.objects.filter(seats__registration__organisation=chinese)
        .filter(seats__registration__organisation=spanish)
        .exclude(status=Meeting.Status.CANCELLED)
        .first()
    )
    User = get_user_model()
    users = {
        u.email: u for u in User.objects.filter(memberships__organisation__in=[chinese, spanish])
    }
    hui = next((u for u in users.values() if u.email.endswith("hangyun-robotics.example")), None)
    marc = next(
        (u for u in users.values() if u.email.endswith("almacenes-llobregat.example")), None
    )
    conversation = Conversation.objects.create(
        side_a=spanish,
        side_b=chinese,
        subject=CONVERSATION_SUBJECT,
        origin=Conversation.Origin.MATCH if offer and demand else Conversation.Origin.DIRECT,
        source_opportunity=demand if offer and demand else None,
        target_opportunity=offer if offer and demand else None,
        meeting=meeting,
        consent_a=True,
        created_by=marc,
    )
    script = [
        (
            marc,
            spanish,
            "Hola, hemos visto que sus carretillas autónomas encajan con nuestra "
            "demanda. ¿Podrían enviarnos una ficha técnica antes de la reunión del 4 de marzo?",
        ),
        (
            hui,
            chinese,
            "您好！Thank you for your interest. Our technical sheet is below; the "
            "AGV forklifts run with laser navigation and our fleet software speaks Spanish.",
        ),
        (marc, spanish, "Perfecto. Traeremos el plano del almacén de El Prat a la reunión."),
        (hui, chinese, "Great, see you at the Beijing Night. 我们期待与您见面。"),
    ]
    start = now - dt.timedelta(days=2)
    last = None
    for index, (user, org, body) in enumerate(script):
        last = Message.objects.create(
            conversation=conversation, sender=user, sender_organisation=org, body=body
        )
        Message.objects.filter(pk=last.pk).update(created_at=start + dt.timedelta(hours=3 * index))
    last_at = start + dt.timedelta(hours=3 * (len(script) - 1))
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=last_at)
    for user in (hui, marc):
        if user is None:
            continue
        ConversationRead.objects.create(
            conversation=conversation,
            user=user,
            last_read_at=last_at if user == hui else start + dt.timedelta(hours=7),
        )
    if marc is not None:
        Notification.objects.create(
            user=marc,
            kind=Notification.Kind.MESSAGE,
            title=f"Nuevo mensaje de {chinese.name}",
            body=f"{CONVERSATION_SUBJECT}: Great, see you at the Beijing Night.",
            link=f"/outreach/conversations/{conversation.pk}/",
        )
    if hui is not None:
        Notification.objects.create(
            user=hui,
            kind=Notification.Kind.MATCH,
            title="新的匹配：Almacenes Llobregat 的需求",
            body="您的自动驾驶叉车方案与一项西班牙需求高度匹配。",
            link=f"/outreach/conversations/{conversation.pk}/",
            read_at=now - dt.timedelta(days=2),
        )
    return 1


@transaction.atomic
def load_outreach_demo(progress: Progress | None = None) -> dict:
    say = progress or (lambda message: None)
    orgs = {o.slug: o for o in Organisation.objects.all()}
    if "catalonia-beijing-association" not in orgs:
        say("Load the core demo first; skipping the outreach demo.")
        return {}
    now = timezone.now()
    operator = _operator()
    event, created = _beijing_conference(orgs)
    say("Outreach: the Beijing conference" + (" (created)" if created else ""))
    invitations = _invitations(event, operator, now)
    say(f"Outreach: {invitations} invitations")
    delegations = _delegation(operator)
    conversations = _conversation(now)
    say(f"Outreach: {delegations} delegation, {conversations} conversation")
    return {
        "invitations": invitations,
        "delegations": delegations,
        "conversations": conversations,
    }
