"""Meeting outcomes feed the cooperation pipeline and the matching engine's feedback.

Called by ``services.meeting_outcome_record`` inside its transaction, under the meeting's row
lock, so the two sides recording at the same moment still open one follow-up:

* a held meeting with strong interest or any next step opens, once, a cooperation
  ``FollowUp`` linked to the meeting, owned by an operator of the centre;
* a held meeting records the recorder's verdict on the opportunity pairs the meeting was
  about (the request's opportunity against the other side's published opportunities of the
  opposite kind, or the reverse): strong interest is "interested", no interest is
  "not relevant"; some interest records nothing.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibridge.common.errors import DomainError, PermissionDeniedError

from .models import Meeting, MeetingOutcome

logger = logging.getLogger(__name__)

MAX_PAIRS = 10
FOLLOW_UP_DAYS = 7


def pipeline_owner(organisations=()):
    """The operator who owns follow-ups opened by the platform: the first active operator of
    the organisations' service centre, else of the platform (operators before administrators),
    or None when there is none."""
    from digibridge.directory.selectors import operator_for

    return operator_for(organisations)


def opens_follow_up(outcome: MeetingOutcome) -> bool:
    return outcome.attendance == MeetingOutcome.Attendance.HELD and (
        outcome.interest == MeetingOutcome.Interest.STRONG or bool(outcome.next_step)
    )


def follow_up_for(meeting: Meeting, outcome: MeetingOutcome):
    """Open the meeting's follow-up when the outcome calls for one and none exists yet.
    Returns the follow-up opened, or None."""
    from digibridge.cooperation.models import FollowUp
    from digibridge.cooperation.services import follow_up_create

    if not opens_follow_up(outcome) or FollowUp.objects.filter(meeting=meeting).exists():
        return None
    seats = meeting.seats.select_related("registration__organisation")
    owner = pipeline_owner([s.registration.organisation for s in seats])
    if owner is None:
        logger.warning("No operator to own the follow-up of meeting %s", meeting.pk)
        return None
    names = " – ".join(s.registration.organisation.name for s in seats)
    step = outcome.next_step
    if step:
        action = _("%(step)s: %(organisations)s") % {
            "step": MeetingOutcome.NextStep(step).label,
            "organisations": names,
        }
    else:
        action = _("Follow up the strong interest: %(organisations)s") % {"organisations": names}
    late_stage = step in (
        MeetingOutcome.NextStep.QUOTATION,
        MeetingOutcome.NextStep.AGREEMENT_EXPECTED,
    )
    notes = _("Met at %(event)s; %(person)s reported interest: %(interest)s.") % {
        "event": meeting.block.event.local_name,
        "person": outcome.registration.person.full_name,
        "interest": outcome.get_interest_display(),
    }
    if outcome.notes:
        notes = f"{notes}\n\n{outcome.notes}"
    return follow_up_create(
        by=owner,
        owner=owner,
        meeting=meeting,
        data={
            "stage": FollowUp.Stage.PROPOSAL if late_stage else FollowUp.Stage.MET,
            "next_action": action[:300],
            "due_on": timezone.localdate() + dt.timedelta(days=FOLLOW_UP_DAYS),
            "notes": notes[:5000],
        },
    )


def _verdict(outcome: MeetingOutcome) -> str | None:
    from digibridge.matching.models import MatchFeedback

    if outcome.attendance != MeetingOutcome.Attendance.HELD:
        return None
    if outcome.interest == MeetingOutcome.Interest.STRONG:
        return MatchFeedback.Verdict.INTERESTED
    if outcome.interest == MeetingOutcome.Interest.NONE:
        return MatchFeedback.Verdict.NOT_RELEVANT
    return None


def opportunity_pairs(meeting: Meeting, outcome: MeetingOutcome) -> list[tuple]:
    """(source, target) pairs the meeting was about, the source on the recorder's side."""
    from digibridge.marketplace.models import Opportunity

    about = meeting.request.opportunity if meeting.request_id else None
    if about is None:
        return []
    mine = outcome.registration.organisation_id
    others = set(
        meeting.seats.exclude(registration=outcome.registration).values_list(
            "registration__organisation_id", flat=True
        )
    ) - {mine}
    counterparts = Opportunity.objects.filter(status=Opportunity.Status.PUBLISHED).exclude(
        kind=about.kind
    )
    if about.owner_id == mine:
        targets = counterparts.filter(owner_id__in=others).order_by("pk")[:MAX_PAIRS]
        return [(about, target) for target in targets]
    if about.owner_id in others:
        sources = counterparts.filter(owner_id=mine).order_by("pk")[:MAX_PAIRS]
        return [(source, about) for source in sources]
    return []


def _features(source, target, by) -> dict:
    """The engine's features of the pair, for training; empty when it cannot tell."""
    try:
        from digibridge.matching.selectors import matches_for

        found = matches_for(opportunity=source, viewer=by, k=50)
    except Exception:  # the engine is optional: feedback is recorded without features
        logger.exception("No match features for %s -> %s", source.pk, target.pk)
        return {}
    return next((m.features for m in found.matches if m.opportunity.pk == target.pk), {})


def record_feedback(meeting: Meeting, outcome: MeetingOutcome, by) -> int:
    """The recorder's verdict on the meeting's opportunity pairs; returns pairs recorded."""
    from digibridge.matching.services import match_feedback_record

    verdict = _verdict(outcome)
    if verdict is None or not getattr(by, "is_authenticated", False):
        return 0
    recorded = 0
    for source, target in opportunity_pairs(meeting, outcome):
        try:
            match_feedback_record(
                source=source,
                target=target,
                by=by,
                verdict=verdict,
                features=_features(source, target, by),
            )
        except (PermissionDeniedError, DomainError):  # e.g. not a member of the organisation
            continue
        recorded += 1
    return recorded


def outcome_recorded(meeting: Meeting, outcome: MeetingOutcome, by) -> None:
    """Both feeds; a refusal in the pipeline never loses the outcome itself."""
    try:
        with transaction.atomic():
            follow_up_for(meeting, outcome)
    except DomainError:
        logger.exception("Could not open the follow-up of meeting %s", meeting.pk)
    record_feedback(meeting, outcome, by)
