"""Programme figures for the operator's dashboard, as plain data (dicts, lists, numbers).

Everything here is read-only and returns JSON-ready values so that the pages, the charts, the
exports and the tests share one source of truth. Aggregation happens in Python over the
agreements of the period: a programme records hundreds or a few thousand agreements, which
keeps the code database-agnostic (SQLite and PostgreSQL) without losing speed.

Optional apps: the matching app's ``MatchFeedback`` and the events app's ``MeetingRequest`` and
``Meeting`` are counted when those models exist; without them their funnel steps are left out
(and matches fall back to the opportunity pairs recorded on follow-ups and agreements).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from digibridge.cooperation.models import SIGNED_STATUSES, Agreement, AgreementParty, FollowUp
from digibridge.directory.models import NetworkMembership, Organisation, Person, Sector
from digibridge.directory.selectors import centre_rows_q, in_centre
from digibridge.marketplace.models import Opportunity

# EU and EFTA members plus the UK: "Europe" for the China ↔ Europe country pairs.
EUROPE = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "
    "IS LI NO CH GB".split()
)
CHINA = frozenset({"CN", "HK", "MO"})


@dataclass(frozen=True)
class DashboardFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sector: str = ""  # a sector slug; its sub-sectors are included
    country_pair: str = ""  # "CN-ES" (directed), or "china-europe" for both directions
    event: int | None = None  # an events.Event id: its meetings and what came out of them
    # A directory.ServiceCentre id: the figures of that centre's organisations only (set from
    # the operator's centre, never from the query string).
    centre: int | None = None


FOLLOW_UP_PATHS = (
    "agreement__parties__organisation",
    "source_opportunity__owner",
    "counterpart_opportunity__owner",
    "meeting__block__event__host",
)


def _optional_model(app_label: str, name: str):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def _in_period(field: str, filters: DashboardFilters) -> Q:
    q = Q()
    if filters.date_from:
        q &= Q(**{f"{field}__gte": filters.date_from})
    if filters.date_to:
        q &= Q(**{f"{field}__lte": filters.date_to})
    return q


def _datetime_period(field: str, filters: DashboardFilters) -> Q:
    q = Q()
    if filters.date_from:
        q &= Q(**{f"{field}__date__gte": filters.date_from})
    if filters.date_to:
        q &= Q(**{f"{field}__date__lte": filters.date_to})
    return q


def _sector_slugs(slug: str) -> set[str]:
    if not slug:
        return set()
    return set(
        Sector.objects.filter(Q(slug=slug) | Q(parent__slug=slug)).values_list("slug", flat=True)
    )


def country_pair(agreement: Agreement) -> tuple[str, str] | None:
    """(from, to) country codes: from the matched opportunity's owner to its counterpart's,
    else from the first signatory to the first signatory of another country."""
    source, counterpart = agreement.source_opportunity, agreement.counterpart_opportunity
    if source is not None and counterpart is not None:
        a, b = source.owner.country.code, counterpart.owner.country.code
        if a and b and a != b:
            return a, b
    countries: list[str] = []
    for party in agreement.parties.all():
        if party.role != AgreementParty.Role.SIGNATORY:
            continue
        code = party.organisation.country.code
        if code and code not in countries:
            countries.append(code)
    return (countries[0], countries[1]) if len(countries) >= 2 else None


def _pair_matches(pair: tuple[str, str] | None, wanted: str) -> bool:
    if not wanted:
        return True
    if pair is None:
        return False
    if wanted == "china-europe":
        a, b = pair
        return (a in CHINA and b in EUROPE) or (a in EUROPE and b in CHINA)
    return "-".join(pair) == wanted.upper()


def _agreements(filters: DashboardFilters, *, signed_only: bool) -> list[Agreement]:
    qs = Agreement.objects.select_related(
        "source_opportunity__owner", "counterpart_opportunity__owner"
    ).prefetch_related(
        Prefetch(
            "parties",
            queryset=AgreementParty.objects.select_related("organisation").order_by(
                "position", "pk"
            ),
        ),
        "parties__organisation__sectors__parent",
    )
    if signed_only:
        qs = qs.filter(status__in=SIGNED_STATUSES).filter(_in_period("signed_on", filters))
    else:
        qs = qs.filter(
            Q(signed_on__isnull=False) & _in_period("signed_on", filters)
            | Q(signed_on__isnull=True) & _datetime_period("created_at", filters)
        )
    if filters.event:
        qs = qs.filter(source_meeting__block__event_id=filters.event)
    qs = in_centre(qs, filters.centre, "parties__organisation")
    slugs = _sector_slugs(filters.sector)
    result = []
    for agreement in qs.order_by("signed_on", "pk"):
        if slugs and not (_agreement_sector_slugs(agreement) & slugs):
            continue
        if not _pair_matches(country_pair(agreement), filters.country_pair):
            continue
        result.append(agreement)
    return result


def _agreement_sector_slugs(agreement: Agreement) -> set[str]:
    return {s.slug for p in agreement.parties.all() for s in p.organisation.sectors.all()}


def _top_sectors(agreement: Agreement) -> set[Sector]:
    tops = set()
    for party in agreement.parties.all():
        for sector in party.organisation.sectors.all():
            tops.add(sector.parent if sector.parent_id else sector)
    return tops


def _money(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01")))


def _values_by_currency(agreements) -> dict[str, float]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for agreement in agreements:
        if agreement.value is not None:
            totals[agreement.currency] += agreement.value
    return {currency: _money(total) for currency, total in sorted(totals.items())}


@dataclass
class Valuation:
    """Agreement values added up in one reporting currency.

    ``missing`` holds, per currency without an exchange rate, the amount left out of ``total``
    and how many agreements it concerns, so that a page can say so instead of adding up mixed
    currencies."""

    currency: str
    total: Decimal = Decimal(0)
    counted: int = 0
    missing: dict[str, dict] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "currency": self.currency,
            "total": _money(self.total),
            "counted": self.counted,
            "missing": [
                {"currency": c, "amount": _money(m["amount"]), "agreements": m["agreements"]}
                for c, m in sorted(self.missing.items())
            ],
        }


def reporting_currency() -> str:
    return getattr(settings, "DIGIBRIDGE_REPORTING_CURRENCY", "EUR")


def reporting_rates() -> dict[str, Decimal]:
    """The operators' current exchange rates (global orders' table), currency → EUR."""
    from digibridge.marketplace.orders_selectors import exchange_rates

    return exchange_rates()


def valuation(agreements, *, rates: dict[str, Decimal], currency: str | None = None) -> Valuation:
    """The agreements' values in ``currency`` (default: the reporting currency) at ``rates``."""
    from digibridge.marketplace.orders_selectors import convert

    result = Valuation(currency=currency or reporting_currency())
    for agreement in agreements:
        if agreement.value is None:
            continue
        converted = convert(agreement.value, agreement.currency, result.currency, rates)
        if converted is None:
            gap = result.missing.setdefault(
                agreement.currency, {"amount": Decimal(0), "agreements": 0}
            )
            gap["amount"] += agreement.value
            gap["agreements"] += 1
            continue
        result.total += converted
        result.counted += 1
    return result


def _match_count(filters: DashboardFilters) -> int:
    """Distinct opportunity pairs that came out of matching: pairs users marked interesting
    (when the matching app records feedback) plus pairs on follow-ups and agreements."""
    pairs: set[frozenset[int]] = set()
    feedback = _optional_model("matching", "MatchFeedback")
    if feedback is not None:
        rows = feedback.objects.filter(verdict="interested").filter(
            _datetime_period("created_at", filters),
            centre_rows_q(filters.centre, "source__owner", "target__owner"),
        )
        pairs |= {frozenset(p) for p in rows.values_list("source_id", "target_id")}
    follow_ups = FollowUp.objects.filter(source_opportunity__isnull=False).filter(
        _datetime_period("created_at", filters),
        centre_rows_q(filters.centre, *FOLLOW_UP_PATHS[1:3]),
    )
    pairs |= {
        frozenset(p)
        for p in follow_ups.values_list("source_opportunity_id", "counterpart_opportunity_id")
    }
    agreements = in_centre(
        Agreement.objects.filter(source_opportunity__isnull=False).filter(
            _datetime_period("created_at", filters)
        ),
        filters.centre,
        "parties__organisation",
    )
    pairs |= {
        frozenset(p)
        for p in agreements.values_list("source_opportunity_id", "counterpart_opportunity_id")
    }
    return sum(1 for p in pairs if None not in p)


def funnel(filters: DashboardFilters) -> list[dict]:
    """Opportunities → matches → meeting requests → meetings → follow-ups → agreements signed.

    Period filters apply to when each step happened. Sector and country filters apply to the
    agreements (the last steps); earlier steps are programme-wide."""
    steps = [
        {
            "key": "opportunities",
            "label": _("Opportunities published"),
            "count": Opportunity.objects.filter(published_at__isnull=False)
            .filter(_datetime_period("published_at", filters))
            .filter(centre_rows_q(filters.centre, "owner"))
            .count(),
        },
        {"key": "matches", "label": _("Matches taken up"), "count": _match_count(filters)},
    ]
    meeting_request = _optional_model("events", "MeetingRequest")
    if meeting_request is not None:
        steps.append(
            {
                "key": "meeting_requests",
                "label": _("Meeting requests"),
                "count": meeting_request.objects.filter(
                    _datetime_period("created_at", filters)
                    & (Q(event_id=filters.event) if filters.event else Q())
                    & centre_rows_q(filters.centre, "event__host")
                ).count(),
            }
        )
    meeting = _optional_model("events", "Meeting")
    if meeting is not None:
        steps.append(
            {
                "key": "meetings",
                "label": _("Meetings held"),
                "count": meeting.objects.filter(status="held")
                .filter(_datetime_period("block__start", filters))
                .filter(Q(block__event_id=filters.event) if filters.event else Q())
                .filter(centre_rows_q(filters.centre, "block__event__host"))
                .count(),
            }
        )
    steps.append(
        {
            "key": "follow_ups",
            "label": _("Follow-ups"),
            "count": in_centre(FollowUp.objects.all(), filters.centre, *FOLLOW_UP_PATHS)
            .filter(_datetime_period("created_at", filters))
            .filter(Q(meeting__block__event_id=filters.event) if filters.event else Q())
            .count(),
        }
    )
    signed = _agreements(filters, signed_only=True)
    steps.append({"key": "agreements", "label": _("Agreements signed"), "count": len(signed)})
    return steps


def dashboard(filters: DashboardFilters | None = None) -> dict:
    """Every figure of the dashboard as plain data; see the module docstring."""
    filters = filters or DashboardFilters()
    signed = _agreements(filters, signed_only=True)
    everything = _agreements(filters, signed_only=False)

    kind_labels = dict(Agreement.Kind.choices)
    status_labels = dict(Agreement.Status.choices)
    by_kind = Counter(a.kind for a in signed)
    by_status = Counter(a.status for a in everything)

    by_sector: Counter = Counter()
    sector_labels: dict[str, str] = {}
    for agreement in signed:
        for top in _top_sectors(agreement):
            by_sector[top.slug] += 1
            sector_labels[top.slug] = top.label

    by_pair: Counter = Counter()
    pair_values: dict[str, list[Agreement]] = defaultdict(list)
    for agreement in signed:
        pair = country_pair(agreement)
        key = f"{pair[0]} → {pair[1]}" if pair else _("Not known")
        by_pair[key] += 1
        pair_values[key].append(agreement)

    months: dict[str, list[Agreement]] = defaultdict(list)
    for agreement in signed:
        months[agreement.signed_on.strftime("%Y-%m")].append(agreement)

    rates = reporting_rates()

    def worth(items) -> float:
        return _money(valuation(items, rates=rates).total)

    return {
        "filters": {
            "date_from": filters.date_from.isoformat() if filters.date_from else "",
            "date_to": filters.date_to.isoformat() if filters.date_to else "",
            "sector": filters.sector,
            "country_pair": filters.country_pair,
            "event": filters.event,
        },
        "funnel": funnel(filters),
        "kpis": programme_kpis(filters, signed=signed),
        "value_by_currency": _values_by_currency(signed),
        "valuation": valuation(signed, rates=rates).as_dict(),
        "by_kind": [
            {
                "key": kind,
                "label": str(kind_labels[kind]),
                "count": by_kind[kind],
                "value": _values_by_currency(a for a in signed if a.kind == kind),
                "value_total": worth(a for a in signed if a.kind == kind),
            }
            for kind in Agreement.Kind.values
            if by_kind[kind]
        ],
        "by_status": [
            {"key": status, "label": str(status_labels[status]), "count": by_status[status]}
            for status in Agreement.Status.values
            if by_status[status]
        ],
        "by_sector": [
            {"key": slug, "label": sector_labels[slug], "count": count}
            for slug, count in sorted(by_sector.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "by_country_pair": [
            {
                "key": key,
                "label": key,
                "count": count,
                "value": _values_by_currency(pair_values[key]),
                "value_total": worth(pair_values[key]),
            }
            for key, count in sorted(by_pair.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "over_time": [
            {
                "key": month,
                "label": month,
                "count": len(items),
                "value": _values_by_currency(items),
                "value_total": worth(items),
            }
            for month, items in sorted(months.items())
        ],
    }


def programme_kpis(filters: DashboardFilters, *, signed: list[Agreement]) -> list[dict]:
    """The seed's own figures: executives, partner cities, network members, agreements."""
    kpis = [
        {
            "key": "agreements_signed",
            "label": _("Agreements signed"),
            "value": len(signed),
        },
        {
            "key": "organisations_signing",
            "label": _("Organisations that signed"),
            "value": len(
                {
                    p.organisation_id
                    for a in signed
                    for p in a.parties.all()
                    if p.role == AgreementParty.Role.SIGNATORY
                }
            ),
        },
        {
            "key": "executives",
            "label": _("Executives in the network"),
            "value": Person.objects.filter(
                centre_rows_q(filters.centre, "organisation"), is_executive=True
            ).count(),
        },
        {
            "key": "partner_cities",
            "label": _("Partner cities"),
            "value": Organisation.objects.filter(
                centre_rows_q(filters.centre, ""),
                type=Organisation.Type.CITY,
                status=Organisation.Status.APPROVED,
            ).count(),
        },
        {
            "key": "network_members",
            "label": _("Network members"),
            "value": NetworkMembership.objects.filter(centre_rows_q(filters.centre, "organisation"))
            .values("organisation_id")
            .distinct()
            .count(),
        },
    ]
    from digibridge.marketplace.orders_selectors import global_orders_figures

    orders = global_orders_figures(centre=filters.centre)
    kpis += [
        {
            "key": "global_orders",
            "label": _("Global orders collected"),
            "value": orders["requests"],
        },
        {
            "key": "order_responses",
            "label": _("Responses from suppliers"),
            "value": orders["responses"],
        },
        {
            "key": "orders_awarded",
            "label": _("Orders awarded"),
            "value": orders["awards"],
        },
        {
            "key": "orders_awarded_value",
            "label": _("Value awarded (EUR)"),
            "value": round(orders["awarded_value_eur"]),
        },
    ]
    session = _optional_model("events", "AgendaSession")
    if session is not None:
        kpis.append(
            {
                "key": "sessions",
                "label": _("Forum sessions and activities"),
                "value": session.objects.filter(
                    Q(event_id=filters.event) if filters.event else Q(),
                    centre_rows_q(filters.centre, "event__host"),
                ).count(),
            }
        )
    return kpis


# --- tables for exports ------------------------------------------------------------------


def dashboard_tables(data: dict) -> dict[str, tuple[str, list[str], list[list]]]:
    """The dashboard's tables as {name: (title, headers, rows)}; rows hold plain values."""

    def value_columns(rows):
        currencies = sorted({c for row in rows for c in (row.get("value") or {})})
        return currencies

    reporting = data["valuation"]["currency"]
    tables: dict[str, tuple[str, list[str], list[list]]] = {
        "funnel": (
            _("Funnel"),
            [_("Step"), _("Count")],
            [[step["label"], step["count"]] for step in data["funnel"]],
        ),
        "kpis": (
            _("Programme figures"),
            [_("Figure"), _("Value")],
            [[kpi["label"], kpi["value"]] for kpi in data["kpis"]],
        ),
    }
    for name, title, label in (
        ("by_kind", _("Agreements by kind"), _("Kind")),
        ("by_country_pair", _("Agreements by country pair"), _("Country pair")),
        ("over_time", _("Agreements by month"), _("Month")),
    ):
        rows = data[name]
        currencies = value_columns(rows)
        tables[name] = (
            title,
            [
                label,
                _("Agreements"),
                *[_("Value (%(currency)s)") % {"currency": c} for c in currencies],
                _("Total value in %(currency)s") % {"currency": reporting},
            ],
            [
                [
                    row["label"],
                    row["count"],
                    *[row["value"].get(c, 0) for c in currencies],
                    row["value_total"],
                ]
                for row in rows
            ],
        )
    tables["by_status"] = (
        _("Agreements by status"),
        [_("Status"), _("Agreements")],
        [[row["label"], row["count"]] for row in data["by_status"]],
    )
    tables["by_sector"] = (
        _("Agreements by sector"),
        [_("Sector"), _("Agreements")],
        [[row["label"], row["count"]] for row in data["by_sector"]],
    )
    return tables


def agreement_table(agreements) -> tuple[list[str], list[list]]:
    """Headers and rows of an agreements export (one row per agreement)."""
    headers = [
        _("Id"),
        _("Title"),
        _("Kind"),
        _("Status"),
        _("Parties"),
        _("Country pair"),
        _("Value"),
        _("Currency"),
        _("Signing date"),
        _("Signing place"),
        _("Signing event"),
    ]
    rows = []
    for agreement in agreements:
        pair = country_pair(agreement)
        rows.append(
            [
                agreement.pk,
                agreement.title,
                agreement.get_kind_display(),
                agreement.get_status_display(),
                "; ".join(
                    f"{p.organisation.name} ({p.get_role_display()})"
                    for p in agreement.parties.all()
                ),
                f"{pair[0]} → {pair[1]}" if pair else "",
                float(agreement.value) if agreement.value is not None else None,
                agreement.currency,
                agreement.signed_on,
                agreement.signing_place,
                agreement.signing_event,
            ]
        )
    return headers, rows


# --- the event report for the bureau ------------------------------------------------------


def event_agreements(event) -> list[Agreement]:
    """Agreements signed at ``event``: those that came out of one of its meetings, and those
    whose signing event names it or that were signed during it at a named signing event (the
    forum's signing ceremony)."""
    from django.utils import timezone

    tz = event.tz
    first = timezone.localtime(event.start, tz).date()
    last = timezone.localtime(event.end, tz).date()
    names = {event.name, event.slug, *[n for n in (event.names or {}).values() if n]}
    by_name = Q()
    for name in names:
        by_name |= Q(signing_event__iexact=name)
    return list(
        Agreement.objects.filter(status__in=SIGNED_STATUSES)
        .filter(
            Q(source_meeting__block__event=event)
            | by_name
            | (Q(signed_on__gte=first, signed_on__lte=last) & ~Q(signing_event=""))
        )
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=AgreementParty.objects.select_related("organisation").order_by(
                    "position", "pk"
                ),
            )
        )
        .distinct()
        .order_by("signed_on", "pk")
    )


def _counted(labels: dict, counts: Counter) -> list[dict]:
    """[{key, label, count}] in the order of ``labels`` (a model's choices), zeros left out."""
    return [
        {"key": key, "label": str(label), "count": counts[key]}
        for key, label in labels.items()
        if counts[key]
    ]


def event_report(event) -> dict:
    """Every figure of an event's report as plain data, labels in the active language."""
    from django.utils import timezone
    from django_countries import countries

    from digibridge.events.models import (
        AgendaSession,
        Meeting,
        MeetingRequest,
        Registration,
    )

    tz = event.tz
    now = timezone.now()
    registrations = Registration.objects.filter(event=event)
    status_counts = Counter(registrations.values_list("status", flat=True))
    approved = registrations.filter(status=Registration.Status.APPROVED)
    type_labels = dict(Registration.ParticipantType.choices)
    by_type = Counter(approved.values_list("participant_type", flat=True))
    by_country = Counter(approved.values_list("organisation__country", flat=True))

    sessions = list(AgendaSession.objects.filter(event=event).order_by("start", "pk"))
    session_labels = dict(AgendaSession.Kind.choices)
    by_session_kind = Counter(s.kind for s in sessions)
    activities = [s for s in sessions if s.kind == AgendaSession.Kind.GOV_ENTERPRISE]

    request_counts = Counter(
        MeetingRequest.objects.filter(event=event).values_list("status", flat=True)
    )
    meeting_counts = Counter(
        Meeting.objects.filter(block__event=event).values_list("status", flat=True)
    )
    held = meeting_counts[Meeting.Status.HELD]
    no_show = meeting_counts[Meeting.Status.NO_SHOW]
    scheduled = sum(n for s, n in meeting_counts.items() if s != Meeting.Status.CANCELLED)

    follow_ups = FollowUp.objects.filter(meeting__block__event=event)
    stage_labels = dict(FollowUp.Stage.choices)
    by_stage = Counter(follow_ups.values_list("stage", flat=True))
    today = timezone.localdate()

    agreements = event_agreements(event)
    value = valuation(agreements, rates=reporting_rates())
    kind_labels = dict(Agreement.Kind.choices)

    def local(moment):
        return timezone.localtime(moment, tz)

    return {
        "event": {
            "name": event.local_name,
            "slug": event.slug,
            "start": local(event.start),
            "end": local(event.end),
            "time_zone": event.time_zone,
            "venue": event.venue,
            "city": event.city,
            "host": event.host.name,
            "co_hosts": [o.name for o in event.co_hosts.order_by("name")],
            "status": event.get_status_display(),
            "capacity": event.capacity,
        },
        "generated_at": local(now),
        "registrations": {
            "total": sum(status_counts.values()),
            "approved": status_counts[Registration.Status.APPROVED],
            "pending": status_counts[Registration.Status.PENDING],
            "declined": status_counts[Registration.Status.DECLINED],
            "checked_in": approved.filter(checked_in_at__isnull=False).count(),
            "executives": approved.filter(person__is_executive=True).count(),
            "organisations": approved.values("organisation_id").distinct().count(),
        },
        "by_type": _counted(type_labels, by_type),
        "by_country": [
            {"key": code, "label": str(countries.name(code)) or code, "count": count}
            for code, count in sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))
            if code
        ],
        "sessions": _counted(session_labels, by_session_kind),
        "activities": [
            {
                "title": s.title,
                "start": local(s.start),
                "end": local(s.end),
                "room": s.room,
                "held": s.end <= now,
            }
            for s in activities
        ],
        "activities_held": sum(1 for s in activities if s.end <= now),
        "requests": {
            "total": sum(request_counts.values()),
            **{status: request_counts[status] for status in MeetingRequest.Status.values},
        },
        "meetings": {
            "scheduled": scheduled,
            "held": held,
            "no_show": no_show,
            "cancelled": meeting_counts[Meeting.Status.CANCELLED],
            "waiting": meeting_counts[Meeting.Status.SCHEDULED],
            "no_show_rate": (no_show / (held + no_show)) if held + no_show else None,
        },
        "follow_ups": {
            "total": sum(by_stage.values()),
            "done": follow_ups.filter(done=True).count(),
            "overdue": follow_ups.filter(done=False, due_on__lt=today).count(),
            "by_stage": _counted(stage_labels, by_stage),
        },
        "agreements": [
            {
                "title": a.title,
                "kind": str(kind_labels[a.kind]),
                "parties": [
                    p.organisation.name
                    for p in a.parties.all()
                    if p.role == AgreementParty.Role.SIGNATORY
                ],
                "signed_on": a.signed_on,
                "value": a.value,
                "currency": a.currency,
            }
            for a in agreements
        ],
        "valuation": value.as_dict(),
    }
