"""Meeting outcomes open cooperation follow-ups and record matching feedback."""

import threading

import pytest
from django.db import connection

from digibridge.cooperation.models import FollowUp
from digibridge.events import services
from digibridge.matching.models import MatchFeedback
from tests.events.factories import MeetingBlockFactory, MeetingRequestFactory, participant
from tests.marketplace.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def _meeting(block, member, stranger, operator, opportunity=None):
    me, other = participant(block.event, member), participant(block.event, stranger)
    request = MeetingRequestFactory(
        event=block.event, sender=me, recipient=other, status="accepted", opportunity=opportunity
    )
    meeting = services.meeting_create_brokered(
        block=block, registrations=[me, other], slot=0, by=operator
    )
    meeting.request = request
    meeting.save(update_fields=["request"])
    return meeting, me, other


def test_strong_interest_opens_one_follow_up_for_the_meeting(member, stranger, operator):
    block = MeetingBlockFactory()
    meeting, me, other = _meeting(block, member, stranger, operator)
    services.meeting_outcome_record(
        meeting=meeting, registration=me, attendance="held", interest="strong", by=member
    )
    follow_up = FollowUp.objects.get()
    assert follow_up.meeting == meeting
    assert follow_up.owner == operator
    assert follow_up.stage == FollowUp.Stage.MET
    assert member.org.name in follow_up.next_action and stranger.org.name in follow_up.next_action
    assert follow_up.due_on is not None
    # the other side asks for a pilot, the first side records again: still one follow-up
    services.meeting_outcome_record(
        meeting=meeting, registration=other, attendance="held", next_step="pilot", by=stranger
    )
    services.meeting_outcome_record(
        meeting=meeting, registration=me, attendance="held", interest="strong", by=member
    )
    assert FollowUp.objects.count() == 1


@pytest.mark.parametrize(
    ("attendance", "interest", "next_step", "opens"),
    [
        ("held", "some", "", False),
        ("held", "none", "", False),
        ("no_show", "strong", "pilot", False),
        ("held", "some", "nda", True),
        ("held", "none", "follow_up_call", True),
    ],
)
def test_which_outcomes_open_a_follow_up(
    member, stranger, operator, attendance, interest, next_step, opens
):
    block = MeetingBlockFactory()
    meeting, me, _other = _meeting(block, member, stranger, operator)
    services.meeting_outcome_record(
        meeting=meeting,
        registration=me,
        attendance=attendance,
        interest=interest,
        next_step=next_step,
        by=member,
    )
    assert FollowUp.objects.filter(meeting=meeting).exists() is opens


def test_quotation_starts_the_follow_up_at_proposal(member, stranger, operator):
    block = MeetingBlockFactory()
    meeting, me, _other = _meeting(block, member, stranger, operator)
    services.meeting_outcome_record(
        meeting=meeting, registration=me, attendance="held", next_step="quotation", by=member
    )
    follow_up = FollowUp.objects.get()
    assert follow_up.stage == FollowUp.Stage.PROPOSAL
    assert follow_up.next_action.startswith("Quotation")


def test_outcomes_record_match_feedback_for_the_meetings_opportunities(member, stranger, operator):
    wanted = OpportunityFactory(owner=member.org, kind="request", title="Warehouse robots")
    offer = OpportunityFactory(owner=stranger.org, kind="offer", title="Autonomous forklifts")
    OpportunityFactory(owner=stranger.org, kind="request")  # same kind as ours: not a pair
    OpportunityFactory(owner=stranger.org, kind="offer", status="draft")  # not published
    block = MeetingBlockFactory()
    meeting, me, other = _meeting(block, member, stranger, operator, opportunity=wanted)
    services.meeting_outcome_record(
        meeting=meeting, registration=other, attendance="held", interest="strong", by=stranger
    )
    positive = MatchFeedback.objects.get(user=stranger)
    assert (positive.source, positive.target, positive.verdict) == (offer, wanted, "interested")
    services.meeting_outcome_record(
        meeting=meeting, registration=me, attendance="held", interest="none", by=member
    )
    negative = MatchFeedback.objects.get(user=member)
    assert (negative.source, negative.target, negative.verdict) == (wanted, offer, "not_relevant")
    # changing one's mind changes the verdict, not the number of rows
    services.meeting_outcome_record(
        meeting=meeting, registration=me, attendance="held", interest="strong", by=member
    )
    assert MatchFeedback.objects.get(user=member).verdict == "interested"
    assert MatchFeedback.objects.count() == 2


def test_no_feedback_without_an_opportunity_or_for_some_interest(member, stranger, operator):
    block = MeetingBlockFactory()
    meeting, me, _other = _meeting(block, member, stranger, operator)
    services.meeting_outcome_record(
        meeting=meeting, registration=me, attendance="held", interest="strong", by=member
    )
    assert not MatchFeedback.objects.exists()  # the meeting was about no opportunity
    wanted = OpportunityFactory(owner=member.org, kind="request")
    OpportunityFactory(owner=stranger.org, kind="offer")
    meeting.request.opportunity = wanted
    meeting.request.save(update_fields=["opportunity"])
    services.meeting_outcome_record(
        meeting=meeting, registration=me, attendance="held", interest="some", by=member
    )
    assert not MatchFeedback.objects.exists()
    services.meeting_outcome_record(
        meeting=meeting, registration=me, attendance="held", interest="strong", by=member
    )
    assert MatchFeedback.objects.get().verdict == "interested"


@pytest.mark.django_db(transaction=True)
def test_both_sides_at_once_open_one_follow_up(member, stranger, operator):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and parallel writers need PostgreSQL")
    block = MeetingBlockFactory()
    meeting, me, other = _meeting(block, member, stranger, operator)
    barrier = threading.Barrier(2)
    errors = []

    def record(registration, user):
        try:
            barrier.wait()
            services.meeting_outcome_record(
                meeting=meeting,
                registration=registration,
                attendance="held",
                interest="strong",
                by=user,
            )
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=record, args=(me, member)),
        threading.Thread(target=record, args=(other, stranger)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert FollowUp.objects.filter(meeting=meeting).count() == 1
