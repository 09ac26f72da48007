"""Outreach reads: who may see a conversation, lists with unread counts, trackers, agendas."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from digibridge.directory.models import OrganisationMember
from digibridge.directory.selectors import (
    centre_q,
    is_operator,
    operator_centre,
    operator_covers,
    operator_covers_any,
    operators_covering,
    user_organisation_ids,
)

from .models import (
    Block,
    Conversation,
    ConversationRead,
    Delegation,
    Invitation,
    Message,
    Notification,
)

SIDE_A = "a"
SIDE_B = "b"


def side_of(*, conversation: Conversation, user) -> str | None:
    """The side ``user`` writes for: 'a', 'b' (also operators for the service centre) or None."""
    orgs = user_organisation_ids(user)
    if conversation.side_a_id in orgs:
        return SIDE_A
    if conversation.side_b_id is not None and conversation.side_b_id in orgs:
        return SIDE_B
    if (
        conversation.side_b_id is None
        and is_operator(user)
        and operator_covers(user, conversation.side_a)
    ):
        return SIDE_B
    return None


def can_read_conversation(*, conversation: Conversation, user) -> bool:
    if side_of(conversation=conversation, user=user) is not None:
        return True
    return is_operator(user) and operator_covers_any(
        user, (conversation.side_a, conversation.side_b)
    )


def conversations_visible_to(user) -> QuerySet[Conversation]:
    """Threads the user takes part in. Operators' own list holds the service-centre threads and
    reported ones; they reach any other thread only by its address (and that is audited)."""
    if user is None or not user.is_authenticated:
        return Conversation.objects.none()
    orgs = user_organisation_ids(user)
    condition = Q(side_a_id__in=orgs) | Q(side_b_id__in=orgs)
    if is_operator(user):
        condition |= (
            Q(side_b__isnull=True) | Q(reports__resolved_at__isnull=True, reports__pk__gt=0)
        ) & centre_q(user, "side_a", "side_b")
    return Conversation.objects.filter(condition).distinct()


def conversation_list(*, user) -> QuerySet[Conversation]:
    """The user's threads, newest activity first, with ``unread`` (messages by others since the
    user last read the thread). Constant number of queries."""
    last_read = ConversationRead.objects.filter(conversation=OuterRef("pk"), user=user).values(
        "last_read_at"
    )[:1]
    return (
        conversations_visible_to(user)
        .select_related("side_a", "side_b")
        .annotate(last_read_at=Subquery(last_read))
        .annotate(
            unread=Count(
                "messages",
                filter=~Q(messages__sender=user)
                & (Q(last_read_at__isnull=True) | Q(messages__created_at__gt=F("last_read_at"))),
                distinct=True,
            )
        )
        .order_by(F("last_message_at").desc(nulls_last=True), "-created_at")
    )


def conversation_messages(*, conversation: Conversation) -> QuerySet[Message]:
    return conversation.messages.select_related("sender", "sender_organisation").order_by(
        "created_at", "pk"
    )


def blocked_between(org_from_id: int | None, org_to_id: int | None) -> Block | None:
    """The block that stops ``org_from`` writing to ``org_to`` (in either direction)."""
    if org_from_id is None or org_to_id is None:
        return None
    return (
        Block.objects.filter(
            Q(blocker_id=org_to_id, blocked_id=org_from_id)
            | Q(blocker_id=org_from_id, blocked_id=org_to_id)
        )
        .order_by("pk")
        .first()
    )


def side_users(*, conversation: Conversation, side: str):
    """Active users who read the conversation for ``side`` (operators for the service centre)."""
    User = get_user_model()
    org_id = conversation.side_a_id if side == SIDE_A else conversation.side_b_id
    if org_id is None:  # the service centre's side: its operators
        return operators_covering([conversation.side_a])
    return User.objects.filter(
        is_active=True,
        pk__in=OrganisationMember.objects.filter(organisation_id=org_id).values("user_id"),
    )


def contacts_of(*, conversation: Conversation) -> dict[str, list]:
    """The people (with e-mail and phone) of both sides, once both sides agreed; else empty."""
    if not conversation.contacts_revealed:
        return {}
    result = {}
    for side, org in ((SIDE_A, conversation.side_a), (SIDE_B, conversation.side_b)):
        if org is None:
            continue
        result[side] = list(org.people.exclude(email="", phone="").order_by("last_name"))
    return result


def notifications_of(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(user=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")


def invitations_for(*, event=None, network=None) -> QuerySet[Invitation]:
    qs = Invitation.objects.select_related("organisation", "person")
    if event is not None:
        return qs.filter(event=event)
    return qs.filter(network=network)


def invitation_counts(qs: QuerySet[Invitation]) -> dict[str, int]:
    counts = {status: 0 for status in Invitation.Status.values}
    for row in qs.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    counts["total"] = sum(counts.values())
    return counts


def delegations_visible_to(user) -> QuerySet[Delegation]:
    if user is None or not user.is_authenticated:
        return Delegation.objects.none()
    qs = Delegation.objects.select_related("leader__organisation", "event")
    if is_operator(user):
        if operator_centre(user) is None:
            return qs
        return qs.filter(Q(created_by=user) | centre_q(user, "leader__organisation", "event__host"))
    orgs = user_organisation_ids(user)
    return qs.filter(
        Q(members__person__user=user)
        | Q(members__person__organisation_id__in=orgs)
        | Q(leader__user=user)
    ).distinct()


def delegation_agenda(*, delegation: Delegation) -> list[dict]:
    """Every member's meetings (at any event), in time order, each with its participants."""
    from digibridge.events.models import Meeting, MeetingSeat

    person_ids = list(delegation.members.values_list("person_id", flat=True))
    seats = MeetingSeat.objects.select_related("registration__person", "registration__organisation")
    meetings = (
        Meeting.objects.filter(seats__registration__person_id__in=person_ids)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("block__event")
        .prefetch_related(Prefetch("seats", queryset=seats))
        .distinct()
        .order_by("block__start", "slot", "table")
    )
    members = set(person_ids)
    agenda = []
    for meeting in meetings:
        regs = [seat.registration for seat in meeting.seats.all()]
        agenda.append(
            {
                "meeting": meeting,
                "start": meeting.start,
                "end": meeting.end,
                "event": meeting.block.event,
                "delegates": [r for r in regs if r.person_id in members],
                "others": [r for r in regs if r.person_id not in members],
            }
        )
    return agenda


def delegation_booking(*, delegation: Delegation, event) -> dict:
    """What an operator can book for the delegation at ``event``: its registered members,
    the slots (per meeting block) where all of them are free and a table is left, and the
    organisations with someone registered (not in the delegation) to meet."""
    from collections import Counter

    from digibridge.directory.models import Organisation
    from digibridge.events.models import Meeting, MeetingSeat, Registration

    member_ids = delegation.members.values("person_id")
    delegates = list(
        Registration.objects.filter(event=event, person_id__in=member_ids)
        .exclude(status=Registration.Status.DECLINED)
        .select_related("person", "organisation")
        .order_by("person__last_name", "person__first_name")
    )
    blocks = []
    for block in event.blocks.order_by("start"):
        busy = set(
            MeetingSeat.objects.filter(block=block, registration__in=delegates).values_list(
                "slot", flat=True
            )
        )
        used = Counter(
            block.meetings.exclude(status=Meeting.Status.CANCELLED).values_list("slot", flat=True)
        )
        hosted = block.table_hosts.count()
        free = [
            (i, start, end)
            for i, start, end in block.slots()
            if i not in busy
            and used[i] < block.tables - hosted
            and all(r.available_in(block.pk, i) for r in delegates)
        ]
        blocks.append({"block": block, "slots": free})
    companies = (
        Organisation.objects.filter(
            pk__in=Registration.objects.filter(event=event)
            .exclude(status=Registration.Status.DECLINED)
            .exclude(person_id__in=member_ids)
            .values("organisation_id")
        )
        .exclude(pk__in=[d.organisation_id for d in delegates])
        .order_by("name")
    )
    return {"delegates": delegates, "blocks": blocks, "companies": companies}


def match_thresholds_of(users) -> dict[int, float]:
    """Per user id: the lowest score of a new match worth a ``match`` notice (the user's
    ``min_score`` preference, else ``MATCH_THRESHOLD_DEFAULT``). One query."""
    from .models import MATCH_THRESHOLD_DEFAULT, NotificationPreference

    ids = [u.pk for u in users]
    chosen = dict(
        NotificationPreference.objects.filter(
            user_id__in=ids, kind=Notification.Kind.MATCH, min_score__isnull=False
        ).values_list("user_id", "min_score")
    )
    return {pk: chosen.get(pk, MATCH_THRESHOLD_DEFAULT) for pk in ids}
