"""Cooperation reads: who sees which agreement, follow-ups due, service requests, attribution."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from digibridge.directory.selectors import is_operator, limit_to_centre, user_organisation_ids

from .models import (
    Agreement,
    AgreementParty,
    FollowUp,
    ServiceCatalogueItem,
    ServiceRequest,
)


def meetings_visible_to(user):
    """Meetings an agreement or follow-up may refer to: all for operators, else the ones a
    user's organisation sat in. Cancelled meetings are left out."""
    from digibridge.events.models import Meeting

    qs = (
        Meeting.objects.exclude(status=Meeting.Status.CANCELLED)
        .select_related("block__event", "request__opportunity")
        .prefetch_related("seats__registration__organisation")
        .order_by("block__start", "slot", "table")
    )
    if is_operator(user):
        return limit_to_centre(qs, user, "block__event__host", "seats__registration__organisation")
    own = user_organisation_ids(user)
    if not own:
        return qs.none()
    return qs.filter(seats__registration__organisation_id__in=own).distinct()


def meeting_label(meeting) -> str:
    """ "Org A ↔ Org B · event, table 3" for lists and the attribution chain."""
    names = [seat.registration.organisation.name for seat in meeting.seats.all()]
    table = _("table %(number)s") % {"number": meeting.table}
    return f"{' ↔ '.join(names) or '—'} · {meeting.block.event.name}, {table}"


def agreements_visible_to(user) -> QuerySet[Agreement]:
    """Operators see every agreement (those limited to a service centre: those with a party of
    the centre); members see those their organisations are party to."""
    qs = Agreement.objects.all()
    if is_operator(user):
        return limit_to_centre(qs, user, "parties__organisation")
    own = user_organisation_ids(user)
    if not own:
        return qs.none()
    return qs.filter(
        pk__in=AgreementParty.objects.filter(organisation_id__in=own).values("agreement_id")
    )


def _with_parties(qs: QuerySet[Agreement]) -> QuerySet[Agreement]:
    return qs.prefetch_related(
        Prefetch(
            "parties",
            queryset=AgreementParty.objects.select_related("organisation").order_by(
                "position", "pk"
            ),
        )
    )


def agreement_search(
    *,
    user,
    q: str = "",
    kind: str = "",
    status: str = "",
    organisation: int | None = None,
    signed_from: dt.date | None = None,
    signed_to: dt.date | None = None,
) -> QuerySet[Agreement]:
    qs = agreements_visible_to(user)
    q = (q or "").strip()[:200]
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(description__icontains=q)
            | Q(
                pk__in=AgreementParty.objects.filter(organisation__name__icontains=q).values(
                    "agreement_id"
                )
            )
        )
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if organisation:
        qs = qs.filter(
            pk__in=AgreementParty.objects.filter(organisation_id=organisation).values(
                "agreement_id"
            )
        )
    if signed_from:
        qs = qs.filter(signed_on__gte=signed_from)
    if signed_to:
        qs = qs.filter(signed_on__lte=signed_to)
    return _with_parties(qs)


def agreement_detail(*, user, pk: int) -> Agreement | None:
    return (
        _with_parties(agreements_visible_to(user))
        .select_related(
            "source_opportunity__owner",
            "counterpart_opportunity__owner",
            "source_meeting__block__event",
            "source_meeting__request__opportunity",
        )
        .prefetch_related(
            "documents", "opportunities__owner", "source_meeting__seats__registration__organisation"
        )
        .filter(pk=pk)
        .first()
    )


def follow_ups_visible_to(user) -> QuerySet[FollowUp]:
    if not is_operator(user):
        return FollowUp.objects.none()
    return limit_to_centre(
        FollowUp.objects.all(),
        user,
        "agreement__parties__organisation",
        "source_opportunity__owner",
        "counterpart_opportunity__owner",
        "meeting__seats__registration__organisation",
    ).select_related(
        "owner",
        "agreement",
        "source_opportunity",
        "counterpart_opportunity",
        "meeting__block__event",
    )


def follow_ups_due(*, user, today: dt.date | None = None, horizon_days: int = 7):
    """Open follow-ups due within ``horizon_days`` (or already overdue), oldest first."""
    today = today or timezone.localdate()
    return (
        follow_ups_visible_to(user)
        .filter(done=False, due_on__isnull=False, due_on__lte=today + dt.timedelta(horizon_days))
        .order_by("due_on", "pk")
    )


def service_catalogue() -> QuerySet[ServiceCatalogueItem]:
    return ServiceCatalogueItem.objects.filter(active=True).order_by("position")


def service_requests_visible_to(user) -> QuerySet[ServiceRequest]:
    qs = ServiceRequest.objects.select_related("organisation", "service", "provider", "operator")
    if is_operator(user):
        return limit_to_centre(qs, user, "organisation")
    own = user_organisation_ids(user)
    return qs.filter(organisation_id__in=own) if own else qs.none()


# --- attribution -------------------------------------------------------------------------


@dataclass
class AttributionStep:
    """One link of the chain: ``kind`` is match, meeting, follow_up or agreement."""

    kind: str
    date: dt.date | None
    label: str
    objects: list[Any] = field(default_factory=list)


def _date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def agreement_attribution(*, agreement: Agreement) -> list[AttributionStep]:
    """The thread from the match (an opportunity pair) and the meeting that started an
    agreement, through its follow-ups, to the agreement itself — oldest first.

    The pair recorded on the agreement wins; otherwise the first pair found on one of its
    follow-ups; otherwise the opportunity a meeting was requested about. Meetings are the
    agreement's ``source_meeting`` and those of its follow-ups. Steps that are not known are
    left out, so the chain may be just the agreement.
    """
    steps: list[AttributionStep] = []
    follow_ups = list(
        FollowUp.objects.filter(agreement=agreement)
        .select_related(
            "source_opportunity__owner",
            "counterpart_opportunity__owner",
            "meeting__block__event",
            "meeting__request__opportunity__owner",
        )
        .prefetch_related("meeting__seats__registration__organisation")
        .order_by("created_at", "pk")
    )
    meetings = []
    if agreement.source_meeting_id:
        meetings.append(agreement.source_meeting)
    for follow_up in follow_ups:
        if follow_up.meeting_id and follow_up.meeting_id not in {m.pk for m in meetings}:
            meetings.append(follow_up.meeting)
    source, counterpart = agreement.source_opportunity, agreement.counterpart_opportunity
    if source is None:
        for follow_up in follow_ups:
            if follow_up.source_opportunity_id:
                source, counterpart = (
                    follow_up.source_opportunity,
                    follow_up.counterpart_opportunity,
                )
                break
    if source is None:
        # A meeting asked for about an opportunity: the opportunity is where it started.
        for meeting in meetings:
            if meeting.request_id and meeting.request.opportunity_id:
                source = meeting.request.opportunity
                break
    pair = [o for o in (source, counterpart) if o is not None]
    if pair:
        published = [o.published_at for o in pair if o.published_at]
        steps.append(
            AttributionStep(
                kind="match",
                date=_date(max(published)) if published else None,
                label=" ↔ ".join(o.title for o in pair),
                objects=pair,
            )
        )
    for meeting in meetings:
        steps.append(
            AttributionStep(
                kind="meeting",
                date=_date(meeting.start),
                label=meeting_label(meeting),
                objects=[meeting],
            )
        )
    for follow_up in follow_ups:
        steps.append(
            AttributionStep(
                kind="follow_up",
                date=_date(follow_up.created_at),
                label=f"{follow_up.get_stage_display()}: {follow_up.next_action}".rstrip(": "),
                objects=[follow_up],
            )
        )
    steps.append(
        AttributionStep(
            kind="agreement",
            date=agreement.signed_on or _date(agreement.created_at),
            label=agreement.title,
            objects=[agreement],
        )
    )
    return steps
