"""Demo cooperation data on top of the Barcelona demo (``digibridge.demo``): memoranda signed at
the International Cooperation Forum on 4 March 2025, a purchase order that followed, deals in
negotiation, follow-ups and overseas service requests.

Runs through the services, as the Barcelona centre's operator, so the demo obeys the same
rules as real use. Idempotent: it does nothing when its first agreement exists already.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from digibridge.directory.models import Organisation
from digibridge.marketplace.models import Opportunity

from . import services
from .models import Agreement, AgreementParty, FollowUp, ServiceCatalogueItem, ServiceRequest

OPERATOR_EMAIL = "xiuying.li@service-base-barcelona.example"
FORUM_DAY = dt.date(2025, 3, 4)
FORUM = "International Cooperation Forum, Global Digital Economy Conference 2025 — signing ceremony"
PLACE = "Barcelona"

SIGNATORY, WITNESS, FACILITATOR = (
    AgreementParty.Role.SIGNATORY,
    AgreementParty.Role.WITNESS,
    AgreementParty.Role.FACILITATOR,
)

# (kind, title, status, value, currency, signed_on, parties, source pair as (owner, kind) keys)
AGREEMENTS = [
    (
        "mou",
        "MoU on autonomous forklift pilots in the Port of Barcelona logistics area",
        "signed",
        None,
        "EUR",
        FORUM_DAY,
        [
            ("hangyun-robotics", SIGNATORY),
            ("almacenes-llobregat", SIGNATORY),
            ("service-base-barcelona", FACILITATOR),
        ],
        (("hangyun-robotics", "offer"), ("almacenes-llobregat", "request")),
    ),
    (
        "strategic",
        "Strategic cooperation agreement on digital-economy exchanges, Beijing–Barcelona",
        "in_execution",
        None,
        "EUR",
        FORUM_DAY,
        [
            ("city-beijing", SIGNATORY),
            ("city-barcelona", SIGNATORY),
            ("beijing-economy-it-bureau", WITNESS),
        ],
        None,
    ),
    (
        "mou",
        "MoU on battery storage for solar self-consumption in Lleida",
        "signed",
        Decimal("1200000"),
        "EUR",
        FORUM_DAY,
        [("qingluan-energy", SIGNATORY), ("sol-de-ponent", SIGNATORY)],
        (("qingluan-energy", "offer"), ("sol-de-ponent", "request")),
    ),
    (
        "framework",
        "Framework agreement on investment promotion services",
        "signed",
        None,
        "EUR",
        FORUM_DAY,
        [
            ("beijing-overseas-service-base", SIGNATORY),
            ("catalonia-trade-investment", SIGNATORY),
            ("service-base-barcelona", FACILITATOR),
        ],
        None,
    ),
    (
        "contract_order",
        "Purchase order: 12 autonomous forklifts with fleet management software",
        "in_execution",
        Decimal("486000"),
        "EUR",
        dt.date(2025, 4, 22),
        [("almacenes-llobregat", SIGNATORY), ("hangyun-robotics", SIGNATORY)],
        (("hangyun-robotics", "offer"), ("almacenes-llobregat", "request")),
    ),
    (
        "contract_order",
        "Order for C-V2X on-board units for a German fleet",
        "negotiating",
        Decimal("2350000"),
        "CNY",
        None,
        [("neckar-fleet", SIGNATORY), ("chelian-v2x", SIGNATORY)],
        (("chelian-v2x", "offer"), ("neckar-fleet", "request")),
    ),
    (
        "investment_jv",
        "Joint venture for an energy-storage assembly plant in Catalonia",
        "negotiating",
        Decimal("8000000"),
        "EUR",
        None,
        [
            ("qingluan-energy", SIGNATORY),
            ("catalonia-trade-investment", FACILITATOR),
            ("sol-de-ponent", SIGNATORY),
        ],
        None,
    ),
    (
        "mou",
        "MoU on autonomous shuttle trials at a Barcelona technology park",
        "proposed",
        None,
        "EUR",
        None,
        [("zhixing-autopilot", SIGNATORY), ("city-barcelona", SIGNATORY)],
        None,
    ),
]

# (org, service slug, description, provider or None, final status, due in days)
SERVICE_REQUESTS = [
    (
        "hangyun-robotics",
        "certification",
        "CE marking of our autonomous forklifts under the Machinery Directive and ISO 3691-4.",
        "yuanhang-compliance",
        "in_progress",
        30,
    ),
    (
        "hangyun-robotics",
        "office-space",
        "A small office near the Zona Franca for a team of four from May.",
        "poblenou-hub",
        "done",
        -20,
    ),
    (
        "qingluan-energy",
        "legal-compliance",
        "Company formation in Spain and review of the joint-venture agreement.",
        "rambla-lex",
        "referred",
        14,
    ),
    (
        "zhixing-autopilot",
        "localisation",
        "Catalan and Spanish versions of our passenger app and safety notices.",
        None,
        "submitted",
        None,
    ),
]


def _opportunity(owner_key: str, kind: str) -> Opportunity | None:
    return (
        Opportunity.objects.filter(owner__slug=owner_key, kind=kind)
        .order_by("-status", "pk")  # published before closed/draft
        .first()
    )


def _meeting_between(first: Organisation, second: Organisation):
    """A held meeting of the events demo between the two organisations, when there is one."""
    try:
        from digibridge.events.models import Meeting
    except ImportError:  # the events app is optional for this demo
        return None
    return (
        Meeting.objects.filter(seats__registration__organisation=first)
        .filter(seats__registration__organisation=second)
        .exclude(status=Meeting.Status.CANCELLED)
        .first()
    )


PAIR_FOLLOW_UP = "Arrange a video call after the forum"


@transaction.atomic
def remove_cooperation_demo() -> None:
    """Delete what ``load_cooperation_demo`` created; call it before the core demo's reset
    (agreements protect the organisations that are party to them)."""
    Agreement.objects.filter(title__in=[row[1] for row in AGREEMENTS]).delete()  # + parties
    FollowUp.objects.filter(
        owner__email=OPERATOR_EMAIL, agreement__isnull=True, next_action=PAIR_FOLLOW_UP
    ).delete()
    ServiceRequest.objects.filter(description__in=[row[2] for row in SERVICE_REQUESTS]).delete()


@transaction.atomic
def load_cooperation_demo(progress: Callable[[str], None] | None = None) -> dict[str, int]:
    say = progress or (lambda message: None)
    if Agreement.objects.filter(title=AGREEMENTS[0][1]).exists():
        say("Cooperation demo data is already loaded.")
        return {}
    operator = get_user_model().objects.filter(email=OPERATOR_EMAIL).first()
    orgs = {o.slug: o for o in Organisation.objects.all()}
    if operator is None or "hangyun-robotics" not in orgs:
        say("Load the core demo first; cooperation demo skipped.")
        return {}
    today = timezone.localdate()

    say(f"Agreements: {len(AGREEMENTS)}")
    created = []
    for kind, title, status, value, currency, signed_on, parties, pair in AGREEMENTS:
        if any(key not in orgs for key, _role in parties):
            continue
        source = counterpart = None
        if pair:
            source, counterpart = _opportunity(*pair[0]), _opportunity(*pair[1])
            if source is None or counterpart is None:
                source = counterpart = None
        signatories = [orgs[key] for key, role in parties if role == SIGNATORY]
        agreement = services.agreement_create(
            by=operator,
            data={
                "kind": kind,
                "title": title,
                "value": value,
                "currency": currency,
                "signed_on": signed_on,
                "signing_place": PLACE if signed_on == FORUM_DAY else "",
                "signing_event": FORUM if signed_on == FORUM_DAY else "",
            },
            parties=[(orgs[key], role) for key, role in parties],
            source_opportunity=source,
            counterpart_opportunity=counterpart,
            source_meeting=_meeting_between(*signatories[:2]) if len(signatories) > 1 else None,
            status="signed" if status in ("signed", "in_execution") else status,
        )
        if status == "in_execution":
            agreement = services.agreement_transition(agreement=agreement, to=status, by=operator)
        created.append(agreement)

    say("Follow-ups")
    follow_ups = 0
    for index, agreement in enumerate(created):
        if agreement.status in ("negotiating", "proposed"):
            services.follow_up_create(
                by=operator,
                agreement=agreement,
                data={
                    "stage": "negotiating" if agreement.status == "negotiating" else "contacted",
                    "next_action": "Send the revised draft to both parties",
                    "due_on": today + dt.timedelta(days=index - 6),  # some overdue, some due
                },
            )
            follow_ups += 1
        elif agreement.source_opportunity_id:
            services.follow_up_create(
                by=operator,
                agreement=agreement,
                source_opportunity=agreement.source_opportunity,
                counterpart_opportunity=agreement.counterpart_opportunity,
                data={
                    "stage": "agreed",
                    "next_action": "Introduced at the Beijing Night",
                    "done": True,
                },
            )
            follow_ups += 1
    extra = (("mingshu-ai", "offer"), ("barcelona-chamber-of-commerce", "request"))
    one, other = _opportunity(*extra[0]), _opportunity(*extra[1])
    if one is not None and other is not None:
        services.follow_up_create(
            by=operator,
            source_opportunity=one,
            counterpart_opportunity=other,
            data={
                "stage": "introduced",
                "next_action": PAIR_FOLLOW_UP,
                "due_on": today + dt.timedelta(days=2),
            },
        )
        follow_ups += 1

    say(f"Service requests: {len(SERVICE_REQUESTS)}")
    catalogue = {item.slug: item for item in ServiceCatalogueItem.objects.all()}
    requests = 0
    for org_key, slug, description, provider_key, status, due_days in SERVICE_REQUESTS:
        if org_key not in orgs or slug not in catalogue:
            continue
        request = services.service_request_create(
            organisation=orgs[org_key],
            service=catalogue[slug],
            description=description,
            by=operator,
        )
        due = today + dt.timedelta(days=due_days) if due_days is not None else None
        if provider_key and provider_key in orgs:
            services.service_request_refer(
                request=request, provider=orgs[provider_key], by=operator, due_on=due
            )
            if status in ("in_progress", "done"):
                services.service_request_set_status(request=request, to=status, by=operator)
        requests += 1
    return {"agreements": len(created), "follow_ups": follow_ups, "service_requests": requests}
