"""Cooperation reads: who sees which agreement, follow-ups due, service requests, attribution."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from digibridge.directory.selectors import is_operator, user_organisation_ids

from .models import (
    Agreement,
    AgreementParty,
    FollowUp,
    ServiceCatalogueItem,
    ServiceRequest,
)


def meeting_model():
    """The events app's Meeting model when it exists (it is optional for this app)."""
    try:
        return apps.get_model("events", "Meeting")
    except LookupError:
        return None


def has_meeting_links() -> bool:
    return any(f.name == "meeting" for f in FollowUp._meta.get_fields())


def agreements_visible_to(user) -> QuerySet[Agreement]:
    """Operators see every agreement; members see those their organisations are party to."""
    qs = Agreement.objects.all()
    if is_operator(user):
        return qs
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
        .select_related("source_opportunity__owner", "counterpart_opportunity__owner")
        .prefetch_related("documents", "opportunities__owner")
        .filter(pk=pk)
        .first()
    )


def follow_ups_visible_to(user) -> QuerySet[FollowUp]:
    if not is_operator(user):
        return FollowUp.objects.none()
    related = ["owner", "agreement", "source_opportunity", "counterpart_opportunity"]
    if has_meeting_links():
        related.append("meeting")
    return FollowUp.objects.select_related(*related)


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
        return qs
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
    follow-ups. Steps that are not known are left out, so the chain may be just the agreement.
    """
    steps: list[AttributionStep] = []
    follow_ups = list(
        FollowUp.objects.filter(agreement=agreement)
        .select_related("source_opportunity__owner", "counterpart_opportunity__owner")
        .order_by("created_at", "pk")
    )
    source, counterpart = agreement.source_opportunity, agreement.counterpart_opportunity
    if source is None:
        for follow_up in follow_ups:
            if follow_up.source_opportunity_id:
                source, counterpart = (
                    follow_up.source_opportunity,
                    follow_up.counterpart_opportunity,
                )
                break
    if source is not None:
        published = [o.published_at for o in (source, counterpart) if o and o.published_at]
        steps.append(
            AttributionStep(
                kind="match",
                date=_date(max(published)) if published else None,
                label=" ↔ ".join(o.title for o in (source, counterpart) if o is not None),
                objects=[o for o in (source, counterpart) if o is not None],
            )
        )
    meetings = []
    if getattr(agreement, "source_meeting_id", None):
        meetings.append(agreement.source_meeting)
    meetings += [
        f.meeting
        for f in follow_ups
        if getattr(f, "meeting_id", None) and f.meeting not in meetings
    ]
    for meeting in meetings:
        when = getattr(meeting, "starts_at", None) or getattr(meeting, "start", None)
        steps.append(
            AttributionStep(kind="meeting", date=_date(when), label=str(meeting), objects=[meeting])
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
