import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from digibridge.common.connections import users_connected
from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.events import services
from digibridge.events.models import (
    Event,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    MeetingSeat,
    Registration,
)
from tests.accounts.factories import UserFactory
from tests.directory.factories import PersonFactory
from tests.events.factories import (
    AgendaSessionFactory,
    EventFactory,
    MeetingBlockFactory,
    MeetingRequestFactory,
    RegistrationFactory,
    participant,
)

pytestmark = pytest.mark.django_db


def test_registration_by_participant_is_pending_and_operator_approves(member, operator):
    event = EventFactory()
    person = PersonFactory(user=member, organisation=member.org)
    registration = services.registration_create(
        event=event,
        person=person,
        organisation=member.org,
        participant_type="enterprise_executive",
        by=member,
    )
    assert registration.status == Registration.Status.PENDING
    assert len(registration.checkin_token) >= 24
    with pytest.raises(PermissionDeniedError):
        services.registration_approve(registration=registration, by=member)
    services.registration_approve(registration=registration, by=operator)
    assert Registration.objects.get().status == Registration.Status.APPROVED


def test_registration_for_someone_else_is_refused(member, stranger):
    event = EventFactory()
    person = PersonFactory(user=stranger, organisation=stranger.org)
    with pytest.raises(PermissionDeniedError):
        services.registration_create(
            event=event,
            person=person,
            organisation=stranger.org,
            participant_type="media",
            by=member,
        )


def test_registration_window_is_enforced_for_participants(member, operator):
    now = timezone.now()
    event = EventFactory(registration_closes=now - dt.timedelta(hours=1))
    person = PersonFactory(user=member, organisation=member.org)
    kwargs = {"event": event, "person": person, "organisation": member.org}
    with pytest.raises(DomainError, match="not open"):
        services.registration_create(participant_type="media", by=member, **kwargs)
    event.registration_closes = None
    event.registration_opens = now + dt.timedelta(days=1)
    event.save()
    with pytest.raises(DomainError, match="not open"):
        services.registration_create(participant_type="media", by=member, **kwargs)
    event.status = Event.Status.DRAFT
    event.registration_opens = None
    event.save()
    with pytest.raises(DomainError, match="not open"):
        services.registration_create(participant_type="media", by=member, **kwargs)
    # organisers may still register people late
    assert services.registration_create(participant_type="media", by=operator, **kwargs).pk


def test_capacity_is_enforced_on_registration_and_approval(operator):
    event = EventFactory(capacity=1)
    first = RegistrationFactory(event=event, status="pending")
    second = RegistrationFactory(event=event, status="pending")
    services.registration_approve(registration=first, by=operator)
    with pytest.raises(DomainError, match="full"):
        services.registration_approve(registration=second, by=operator)
    with pytest.raises(DomainError, match="full"):
        services.registration_create(
            event=event,
            person=PersonFactory(),
            organisation=first.organisation,
            participant_type="media",
            by=operator,
        )


def test_session_capacity_is_enforced(member, stranger):
    session = AgendaSessionFactory(capacity=1)
    mine = participant(session.event, member)
    theirs = participant(session.event, stranger)
    services.session_signup(session=session, registration=mine, by=member)
    with pytest.raises(DomainError, match="full"):
        services.session_signup(session=session, registration=theirs, by=stranger)
    with pytest.raises(PermissionDeniedError):
        services.session_signup(session=session, registration=theirs, by=member)


def test_check_in_by_organiser_only(operator, member):
    event = EventFactory()
    registration = participant(event, member)
    with pytest.raises(PermissionDeniedError):
        services.registration_check_in(registration=registration, by=member)
    services.registration_check_in(registration=registration, by=operator)
    assert Registration.objects.get().checked_in_at is not None


def test_request_life_cycle_with_emails(
    member, stranger, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    sender = participant(event, member)
    recipient = participant(event, stranger)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.meeting_request_create(
            sender=sender, recipient=recipient, message="Robots?", by=member
        )
    assert request.status == MeetingRequest.Status.PENDING
    assert [m.to for m in mailoutbox] == [[stranger.email]]
    assert mailoutbox[0].alternatives  # HTML part
    with pytest.raises(PermissionDeniedError):
        services.meeting_request_accept(request=request, by=member)
    with pytest.raises(DomainError, match="already an open request"):
        services.meeting_request_create(sender=recipient, recipient=sender, by=stranger)
    assert not users_connected(member.pk, stranger.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_request_accept(request=request, by=stranger)
    assert mailoutbox[-1].to == [member.email]
    assert users_connected(member.pk, stranger.pk)
    with pytest.raises(DomainError, match="already been answered"):
        services.meeting_request_decline(request=request, by=stranger)
    services.meeting_request_cancel(request=request, by=member)
    assert MeetingRequest.objects.get().status == MeetingRequest.Status.CANCELLED
    # a cancelled request frees the pair for a new one
    services.meeting_request_create(sender=recipient, recipient=sender, by=stranger)


def test_no_email_when_the_transaction_rolls_back(member, stranger, mailoutbox):
    event = EventFactory()
    sender, recipient = participant(event, member), participant(event, stranger)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.meeting_request_create(sender=sender, recipient=recipient, by=member)
        raise RuntimeError
    assert mailoutbox == []


def test_request_expiry(member, stranger):
    now = timezone.now()
    event = EventFactory(request_deadline=now + dt.timedelta(hours=1))
    sender, recipient = participant(event, member), participant(event, stranger)
    request = services.meeting_request_create(sender=sender, recipient=recipient, by=member)
    assert request.expires_at == event.request_deadline
    assert services.meeting_requests_expire_due(now=now) == 0
    MeetingRequest.objects.filter(pk=request.pk).update(expires_at=now - dt.timedelta(minutes=1))
    request.refresh_from_db()
    with pytest.raises(DomainError, match="expired"):
        services.meeting_request_accept(request=request, by=stranger)
    assert services.meeting_requests_expire_due() == 1
    assert MeetingRequest.objects.get().status == MeetingRequest.Status.EXPIRED
    event.request_deadline = now - dt.timedelta(hours=1)
    event.save()
    with pytest.raises(DomainError, match="deadline"):
        services.meeting_request_create(sender=recipient, recipient=sender, by=stranger)


def test_pending_request_cap(member):
    event = EventFactory(max_pending_requests=1)
    sender = participant(event, member)
    services.meeting_request_create(
        sender=sender, recipient=RegistrationFactory(event=event), by=member
    )
    with pytest.raises(DomainError, match="unanswered"):
        services.meeting_request_create(
            sender=sender, recipient=RegistrationFactory(event=event), by=member
        )


def test_request_to_unlisted_or_unapproved_is_refused(member):
    event = EventFactory()
    sender = participant(event, member)
    for recipient in (
        RegistrationFactory(event=event, consent_listed=False),
        RegistrationFactory(event=event, status="pending"),
        RegistrationFactory(event=event, takes_meetings=False),
        RegistrationFactory(),  # another event
    ):
        with pytest.raises(DomainError):
            services.meeting_request_create(sender=sender, recipient=recipient, by=member)
    with pytest.raises(DomainError):
        services.meeting_request_create(sender=sender, recipient=sender, by=member)


def test_database_refuses_a_person_twice_in_one_slot():
    block = MeetingBlockFactory()
    a, b, c = (RegistrationFactory(event=block.event) for _ in range(3))
    first = Meeting.objects.create(block=block, slot=0, table=1)
    MeetingSeat.objects.create(meeting=first, registration=a, block=block, slot=0)
    second = Meeting.objects.create(block=block, slot=0, table=2)
    MeetingSeat.objects.create(meeting=second, registration=c, block=block, slot=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingSeat.objects.create(meeting=second, registration=a, block=block, slot=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(block=block, slot=0, table=1)
    # a cancelled meeting frees its table
    first.status = Meeting.Status.CANCELLED
    first.save()
    assert Meeting.objects.create(block=block, slot=0, table=1).pk
    assert b.pk


def test_self_booking_never_double_books(member, stranger, operator):
    block = MeetingBlockFactory(self_booking=True, tables=1)
    event = block.event
    me, other = participant(event, member), participant(event, stranger)
    third = RegistrationFactory(event=event)
    r1 = MeetingRequestFactory(event=event, sender=me, recipient=other, status="accepted")
    r2 = MeetingRequestFactory(event=event, sender=third, recipient=me, status="accepted")
    meeting = services.meeting_book_slot(request=r1, block=block, slot=0, by=member)
    assert (meeting.slot, meeting.table, meeting.locked) == (0, 1, True)
    with pytest.raises(DomainError, match="already has a time"):
        services.meeting_book_slot(request=r1, block=block, slot=1, by=stranger)
    with pytest.raises(DomainError, match="already has a meeting"):
        services.meeting_book_slot(request=r2, block=block, slot=0, by=member)
    r3 = MeetingRequestFactory(
        event=event,
        sender=third,
        recipient=RegistrationFactory(event=event),
        status="accepted",
    )
    with pytest.raises(DomainError, match="No table"):
        services.meeting_book_slot(request=r3, block=block, slot=0, by=operator)
    assert services.meeting_book_slot(request=r2, block=block, slot=1, by=member).slot == 1


def test_self_booking_needs_permission_of_the_organisers(member, stranger):
    block = MeetingBlockFactory(self_booking=False)
    me, other = participant(block.event, member), participant(block.event, stranger)
    request = MeetingRequestFactory(
        event=block.event, sender=me, recipient=other, status="accepted"
    )
    with pytest.raises(DomainError, match="organisers schedule"):
        services.meeting_book_slot(request=request, block=block, slot=0, by=member)


def test_brokered_meeting_respects_availability(operator):
    block = MeetingBlockFactory()
    a = RegistrationFactory(event=block.event, available_slots=[f"{block.pk}:1"])
    b = RegistrationFactory(event=block.event)
    with pytest.raises(DomainError, match="not available"):
        services.meeting_create_brokered(block=block, registrations=[a, b], slot=0, by=operator)
    meeting = services.meeting_create_brokered(
        block=block, registrations=[a, b], slot=1, by=operator
    )
    assert meeting.brokered and meeting.locked


def _accepted(event, n):
    regs = [RegistrationFactory(event=event) for _ in range(n)]
    return regs, [
        MeetingRequestFactory(event=event, sender=regs[i], recipient=regs[j], status="accepted")
        for i in range(n)
        for j in range(i + 1, n)
    ]


def test_schedule_places_accepted_requests_without_clashes(operator):
    block = MeetingBlockFactory(tables=2)  # 4 slots x 2 tables
    regs, requests = _accepted(block.event, 4)  # 6 meetings, each person in 3
    result = services.meeting_block_schedule(block=block, by=operator, time_limit=1)
    assert result["stats"]["scheduled"] == 6
    meetings = list(Meeting.objects.filter(block=block))
    assert len(meetings) == 6 and not any(m.locked for m in meetings)
    seats = list(MeetingSeat.objects.values_list("registration_id", "slot"))
    assert len(seats) == len(set(seats)) == 12


def test_schedule_run_keeps_locked_meetings(operator):
    block = MeetingBlockFactory(tables=2)
    regs, requests = _accepted(block.event, 3)
    services.meeting_block_schedule(block=block, by=operator, time_limit=1)
    assert services.meeting_block_publish(block=block, by=operator) == 3
    before = {m.pk: (m.slot, m.table) for m in Meeting.objects.all()}
    # a late request, and a participant who is now unavailable in a confirmed slot
    late = RegistrationFactory(event=block.event)
    MeetingRequestFactory(event=block.event, sender=late, recipient=regs[0], status="accepted")
    busy = Meeting.objects.filter(seats__registration=regs[0]).first()
    regs[0].available_slots = [f"{block.pk}:{i}" for i in range(4) if i != busy.slot]
    regs[0].save()
    result = services.meeting_block_schedule(block=block, by=operator, time_limit=1)
    assert result["stats"]["scheduled"] == 4
    after = {m.pk: (m.slot, m.table) for m in Meeting.objects.filter(locked=True)}
    assert after == before
    new = Meeting.objects.get(locked=False)
    assert new.request.sender == late
    with pytest.raises(PermissionDeniedError):
        services.meeting_block_schedule(block=block, by=regs[0].person.user or UserFactory())


def test_schedule_respects_table_hosts(operator):
    block = MeetingBlockFactory(tables=3)
    regs, _ = _accepted(block.event, 3)
    services.table_host_set(block=block, registration=regs[0], table=3, by=operator)
    services.meeting_block_schedule(block=block, by=operator, time_limit=1)
    for meeting in Meeting.objects.filter(seats__registration=regs[0]):
        assert meeting.table == 3


def test_publish_notifies_participants(operator, mailoutbox, django_capture_on_commit_callbacks):
    block = MeetingBlockFactory()
    a, b = participant(block.event), participant(block.event)
    MeetingRequestFactory(event=block.event, sender=a, recipient=b, status="accepted")
    services.meeting_block_schedule(block=block, by=operator, time_limit=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_block_publish(block=block, by=operator)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([a.person.user.email, b.person.user.email])
    assert "table" in mailoutbox[0].body


def test_outcomes_mark_meeting_held_or_no_show(member, stranger):
    block = MeetingBlockFactory()
    me, other = participant(block.event, member), participant(block.event, stranger)
    meeting = Meeting.objects.create(block=block, slot=0, table=1, locked=True)
    for r in (me, other):
        MeetingSeat.objects.create(meeting=meeting, registration=r, block=block, slot=0)
    with pytest.raises(PermissionDeniedError):
        services.meeting_outcome_record(
            meeting=meeting, registration=other, attendance="held", by=member
        )
    services.meeting_outcome_record(
        meeting=meeting,
        registration=me,
        attendance="held",
        interest="strong",
        next_step="pilot",
        by=member,
    )
    assert Meeting.objects.get().status == Meeting.Status.HELD
    services.meeting_outcome_record(
        meeting=meeting, registration=other, attendance="no_show", by=stranger
    )
    assert Meeting.objects.get().status == Meeting.Status.NO_SHOW
    assert MeetingOutcome.objects.count() == 2
    with pytest.raises(DomainError):
        services.meeting_outcome_record(
            meeting=meeting, registration=me, attendance="held", interest="huge", by=member
        )


@pytest.mark.django_db(transaction=True)
def test_parallel_bookings_never_double_book():
    if connection.vendor == "sqlite":
        pytest.skip("row locks and parallel writers need PostgreSQL")
    block = MeetingBlockFactory(self_booking=True, tables=5)
    event = block.event
    user = UserFactory(role="operator", is_staff=True)
    hub = RegistrationFactory(event=event)
    requests = [
        MeetingRequestFactory(
            event=event, sender=hub, recipient=RegistrationFactory(event=event), status="accepted"
        )
        for _ in range(6)
    ]
    barrier = threading.Barrier(len(requests))
    outcomes = []

    def book(request):
        try:
            barrier.wait()
            services.meeting_book_slot(request=request, block=block, slot=0, by=user)
            outcomes.append("ok")
        except DomainError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(r,)) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok"] + ["refused"] * 5
    assert MeetingSeat.objects.filter(registration=hub, slot=0).count() == 1
