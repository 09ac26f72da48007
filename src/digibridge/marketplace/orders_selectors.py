"""Global orders: who reads which request, response and clarification; comparisons; the order
book and its figures.

The privacy rules live here, and every page, API route and export reads through these:
- a responding organisation sees its own responses only: never another's, nor who else
  responded, nor how many did;
- the requester sees the responses to its request except withdrawn ones, and with sealed
  responses only once the deadline has passed (or the request is closed);
- operators see everything.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from digibridge.directory.selectors import (
    centre_q,
    centre_rows_q,
    is_operator,
    operator_centre,
    operator_covers,
    user_organisation_ids,
)

from .models import Clarification, ExchangeRate, Rfq, RfqAnswer, RfqResponse
from .selectors import opportunities_visible_to

RS = RfqResponse.Status
EUR = "EUR"


# --- visibility --------------------------------------------------------------------------


def rfqs_visible_to(user) -> QuerySet[Rfq]:
    """Requests open for responses whose request the user may see."""
    qs = Rfq.objects.all()
    if not is_operator(user) or operator_centre(user) is not None:
        qs = qs.filter(opportunity__in=opportunities_visible_to(user).values("pk"))
    return qs.select_related("opportunity__owner")


def rfq_search(*, user, open_only: bool = False, q: str = "") -> QuerySet[Rfq]:
    qs = rfqs_visible_to(user).prefetch_related("opportunity__sectors")
    if open_only:
        qs = qs.filter(status=Rfq.Status.OPEN, response_deadline__gt=timezone.now())
    q = (q or "").strip()[:200]
    if q:
        qs = qs.filter(
            Q(opportunity__title__icontains=q)
            | Q(opportunity__description__icontains=q)
            | Q(opportunity__owner__name__icontains=q)
        )
    return qs


def response_visibility_q(user, *, prefix: str = "") -> Q:
    """The privacy rule as one filter on responses (``prefix`` for related lookups). Operators
    see those of their centre's requesters and suppliers."""
    if is_operator(user):
        return centre_q(user, f"{prefix}rfq__opportunity__owner", f"{prefix}supplier")
    own = user_organisation_ids(user)
    if not own:
        return Q(pk__in=[])
    p = prefix
    as_supplier = Q(**{f"{p}supplier_id__in": own})
    as_requester = (
        Q(**{f"{p}rfq__opportunity__owner_id__in": own})
        & ~Q(**{f"{p}status": RS.WITHDRAWN})
        & (
            Q(**{f"{p}rfq__sealed": False})
            | Q(**{f"{p}rfq__response_deadline__lte": timezone.now()})
            | Q(**{f"{p}rfq__status": Rfq.Status.CLOSED})
        )
    )
    return as_supplier | as_requester


def responses_visible_to(user) -> QuerySet[RfqResponse]:
    return RfqResponse.objects.filter(response_visibility_q(user)).select_related(
        "supplier", "rfq__opportunity__owner"
    )


def responses_for_rfq(*, rfq: Rfq, user) -> QuerySet[RfqResponse]:
    """The responses to ``rfq`` that ``user`` may read, with what a list or a comparison shows."""
    return (
        responses_visible_to(user)
        .filter(rfq=rfq)
        .select_related("offer")
        .prefetch_related(
            Prefetch("answers", queryset=RfqAnswer.objects.select_related("question")),
            "documents",
        )
        .annotate(clarification_count=Count("clarifications", distinct=True))
    )


def my_responses(*, user) -> QuerySet[RfqResponse]:
    """The responses the user's organisations sent."""
    return (
        RfqResponse.objects.filter(supplier_id__in=user_organisation_ids(user))
        .select_related("supplier", "rfq__opportunity__owner")
        .order_by("-submitted_at", "-pk")
    )


def clarifications_visible_to(user) -> QuerySet[Clarification]:
    return Clarification.objects.filter(response_visibility_q(user, prefix="response__"))


def sealed_for(rfq: Rfq, user) -> bool:
    """True when the requester's side must not see the responses yet."""
    return (
        rfq.sealed
        and rfq.status == Rfq.Status.OPEN
        and not rfq.deadline_passed
        and not (is_operator(user) and operator_covers(user, rfq.opportunity.owner))
    )


# --- money -------------------------------------------------------------------------------


def exchange_rates(*, on: dt.date | None = None) -> dict[str, Decimal]:
    """Currency → value of one unit in EUR, the latest rate valid on ``on`` (default today)."""
    on = on or timezone.localdate()
    rates: dict[str, Decimal] = {EUR: Decimal(1)}
    for currency, rate in (
        ExchangeRate.objects.filter(valid_from__lte=on)
        .order_by("currency", "-valid_from")
        .values_list("currency", "rate_to_eur")
    ):
        rates.setdefault(currency, rate)
    return rates


def convert(
    amount: Decimal | None, currency: str, to: str, rates: dict[str, Decimal]
) -> Decimal | None:
    """``amount`` in ``currency`` expressed in ``to``; None when a rate is missing."""
    if amount is None:
        return None
    if currency == to:
        return amount
    if currency not in rates or to not in rates or not rates[to]:
        return None
    return (amount * rates[currency] / rates[to]).quantize(Decimal("0.01"))


# --- comparison --------------------------------------------------------------------------


@dataclass
class ComparedResponse:
    response: RfqResponse
    answers: dict[int, RfqAnswer]
    normalised_price: Decimal | None
    reasons: list[str] = field(default_factory=list)


def comparison(*, rfq: Rfq, user, with_reasons: bool = True) -> dict:
    """Side by side: the questions, and per visible response its answers, its price in the
    request's currency and why the engine thinks the supplier fits (when it does)."""
    currency = rfq.opportunity.currency
    rates = exchange_rates()
    responses = list(responses_for_rfq(rfq=rfq, user=user))
    reasons_by_offer: dict[int, list[str]] = {}
    reasons_by_owner: dict[int, list[str]] = {}
    if with_reasons and responses:
        from digibridge.matching.presentation import reasons_text
        from digibridge.matching.selectors import matches_for

        found = matches_for(opportunity=rfq.opportunity, viewer=user, k=50)
        for view in found.matches:
            text = reasons_text(view.reasons)
            reasons_by_offer[view.opportunity.pk] = text
            reasons_by_owner.setdefault(view.opportunity.owner_id, text)
    rows = []
    for response in responses:
        reasons = reasons_by_offer.get(response.offer_id or 0) or reasons_by_owner.get(
            response.supplier_id, []
        )
        rows.append(
            ComparedResponse(
                response=response,
                answers={a.question_id: a for a in response.answers.all()},
                normalised_price=convert(response.price, response.currency, currency, rates),
                reasons=reasons,
            )
        )
    rows.sort(key=lambda r: (r.normalised_price is None, r.normalised_price or 0))
    return {
        "questions": list(rfq.questions.all()),
        "rows": rows,
        "currency": currency,
        "sealed": sealed_for(rfq, user),
    }


# --- order book --------------------------------------------------------------------------


def order_book_rows(*, user) -> QuerySet[Rfq]:
    """Every request opened for responses with its counts (operators only, those of their
    centre's requesters; else empty)."""
    if not is_operator(user):
        return Rfq.objects.none()
    active = ~Q(responses__status=RS.WITHDRAWN)
    return (
        Rfq.objects.filter(centre_q(user, "opportunity__owner"))
        .select_related("opportunity__owner")
        .prefetch_related(
            "opportunity__sectors",
            Prefetch(
                "responses",
                queryset=RfqResponse.objects.filter(status=RS.AWARDED).select_related("supplier"),
                to_attr="awarded",
            ),
        )
        .annotate(
            response_count=Count("responses", filter=active, distinct=True),
            shortlisted_count=Count(
                "responses", filter=Q(responses__status=RS.SHORTLISTED), distinct=True
            ),
            award_count=Count("responses", filter=Q(responses__status=RS.AWARDED), distinct=True),
            has_award=Exists(RfqResponse.objects.filter(rfq=OuterRef("pk"), status=RS.AWARDED)),
        )
        .order_by("-opened_at", "-pk")
    )


def order_book(*, user) -> dict:
    """The operators' order book: rows, plus awarded value (EUR) by sector and country pair."""
    rates = exchange_rates()
    rows = []
    by_sector: dict[str, dict] = defaultdict(lambda: {"requests": 0, "awards": 0, "value": 0})
    by_pair: dict[tuple[str, str], dict] = defaultdict(lambda: {"awards": 0, "value": 0})
    for rfq in order_book_rows(user=user):
        value = Decimal(0)
        for response in rfq.awarded:
            eur = convert(response.price, response.currency, EUR, rates) or Decimal(0)
            value += eur
            pair = (
                str(rfq.opportunity.owner.country or "—"),
                str(response.supplier.country or "—"),
            )
            by_pair[pair]["awards"] += 1
            by_pair[pair]["value"] += eur
        sectors = [s.label for s in rfq.opportunity.sectors.all()] or ["—"]
        for label in sectors:
            by_sector[label]["requests"] += 1
            by_sector[label]["awards"] += rfq.award_count
            by_sector[label]["value"] += value
        rows.append({"rfq": rfq, "awarded_value_eur": value, "sectors": sectors})
    return {
        "rows": rows,
        "by_sector": sorted(by_sector.items(), key=lambda item: (-item[1]["value"], item[0])),
        "by_pair": sorted(by_pair.items(), key=lambda item: (-item[1]["value"], item[0])),
    }


def order_book_tables(*, user) -> list[tuple[str, list[str], list[list]]]:
    """The order book as plain tables for the XLSX export."""
    from django.utils.translation import gettext as _

    book = order_book(user=user)
    requests = [
        [
            row["rfq"].opportunity.title,
            row["rfq"].opportunity.owner.name,
            str(row["rfq"].opportunity.owner.country or ""),
            ", ".join(row["sectors"]),
            timezone.localtime(row["rfq"].response_deadline),
            row["rfq"].get_status_display(),
            row["rfq"].response_count,
            row["rfq"].award_count,
            row["awarded_value_eur"],
        ]
        for row in book["rows"]
    ]
    sectors = [[label, v["requests"], v["awards"], v["value"]] for label, v in book["by_sector"]]
    pairs = [[a, b, v["awards"], v["value"]] for (a, b), v in book["by_pair"]]
    return [
        (
            _("Requests"),
            [
                _("Request"),
                _("Requester"),
                _("Country"),
                _("Sectors"),
                _("Deadline"),
                _("Status"),
                _("Responses"),
                _("Awards"),
                _("Awarded value (EUR)"),
            ],
            requests,
        ),
        (_("By sector"), [_("Sector"), _("Requests"), _("Awards"), _("Value (EUR)")], sectors),
        (
            _("By country pair"),
            [_("Requester country"), _("Supplier country"), _("Awards"), _("Value (EUR)")],
            pairs,
        ),
    ]


def global_orders_figures(*, centre: int | None = None) -> dict:
    """Plain figures for the dashboard: requests opened for responses ("global orders
    collected"), of them still open, responses received (not withdrawn), awards and the awarded
    value in EUR (awards without a rate for their currency are left out of the value). With
    ``centre``, the requests of that service centre's requesters only."""
    rates = exchange_rates()
    rfqs = Rfq.objects.filter(centre_rows_q(centre, "opportunity__owner"))
    responses = RfqResponse.objects.filter(centre_rows_q(centre, "rfq__opportunity__owner"))
    awarded = responses.filter(status=RS.AWARDED).values_list("price", "currency")
    value = sum(
        (convert(price, currency, EUR, rates) or Decimal(0) for price, currency in awarded),
        Decimal(0),
    )
    return {
        "requests": rfqs.count(),
        "open_requests": rfqs.filter(
            status=Rfq.Status.OPEN, response_deadline__gt=timezone.now()
        ).count(),
        "responses": responses.exclude(status=RS.WITHDRAWN).count(),
        "awards": responses.filter(status=RS.AWARDED).count(),
        "awarded_value_eur": value,
    }
