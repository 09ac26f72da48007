"""Global orders in the Barcelona demo: requests of Spanish and Catalan buyers opened for
responses, answered by Chinese suppliers in Chinese, English and Spanish; one awarded and signed.

Built from the demo organisations (``digibridge.demo.content``) through the services, so the
rows obey the same rules as real ones. Idempotent: a request already opened is left alone.
Prices and exchange rates are illustrative.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from digibridge.directory.models import Organisation, OrganisationMember

from . import orders_services, services
from .models import ExchangeRate, Opportunity, Rfq, RfqResponse

RATES = {"CNY": Decimal("0.128"), "USD": Decimal("0.92"), "GBP": Decimal("1.17")}

# Each request: buyer, the request, the rules, the questions and the responses
# (supplier key, price, currency, lead time in days, message, answers by question index).
REQUESTS = [
    {
        "buyer": "almacenes-llobregat",
        "title": "Compra de 12 carretillas elevadoras autónomas para el almacén de El Prat",
        "description": (
            "Almacenes Llobregat busca 12 carretillas elevadoras autónomas (AGV de horquilla) con "
            "software de gestión de flota integrable con nuestro SGA, para un almacén de 18.000 m² "
            "junto al puerto. Entrega e instalación en 2025, con soporte técnico en España."
        ),
        "sectors": ["warehouse-automation"],
        "budget": (Decimal("400000"), Decimal("650000")),
        "deadline_days": 14,
        "sealed": False,
        "questions": [
            {"text": "Garantía (años)", "kind": "number"},
            {"text": "¿Marcado CE de las máquinas?", "kind": "yes_no"},
            {"text": "Plan de entrega e instalación", "kind": "text"},
        ],
        "responses": [
            (
                "hangyun-robotics",
                Decimal("3950000"),
                "CNY",
                70,
                "我们可提供12台自动驾驶叉车及车队管理软件，可与贵方仓储管理系统对接，"
                "并在巴塞罗那设有备件库和技术支持团队。",
                {0: "3", 1: "yes", 2: "第一批6台在订单后10周交付，其余在14周内完成安装调试。"},
            ),
            (
                "ruoshui-robotics",
                Decimal("540000"),
                "EUR",
                84,
                "We offer 12 autonomous forklifts with our fleet manager, an open API for your "
                "WMS and on-site commissioning by our partner in Zaragoza.",
                {0: "2", 1: "yes", 2: "Delivery in two lots, 12 weeks after order."},
            ),
        ],
    },
    {
        "buyer": "sol-de-ponent",
        "title": "Subministrament de bateries LFP de 2 MWh per a una planta solar a Lleida",
        "description": (
            "Sol de Ponent vol comprar un sistema d'emmagatzematge amb bateries LFP de 2 MWh, amb "
            "el sistema de gestió d'energia, per a una planta fotovoltaica de 5 MW a Lleida. "
            "Cal la certificació per a la connexió a la xarxa espanyola."
        ),
        "sectors": ["energy-storage"],
        "budget": (Decimal("600000"), Decimal("900000")),
        "deadline_days": 10,
        "sealed": True,
        "award": "qingluan-energy",
        "questions": [
            {"text": "Cicles de vida garantits", "kind": "number"},
            {"text": "Tipus de contenidor", "kind": "choice", "choices": ["20 ft", "40 ft"]},
        ],
        "responses": [
            (
                "qingluan-energy",
                Decimal("5600000"),
                "CNY",
                90,
                "青鸾能源提供2MWh磷酸铁锂储能系统及能量管理系统，已获欧盟并网认证，"
                "可在西班牙本地完成安装与运维。",
                {0: "6000", 1: "40 ft"},
            ),
            (
                "yuneng-microgrid",
                Decimal("835000"),
                "USD",
                120,
                "A 2 MWh LFP container with our microgrid controller; grid-code certification "
                "for Spain in progress, local maintenance through a partner in Tarragona.",
                {0: "5000", 1: "20 ft"},
            ),
        ],
    },
    {
        "buyer": "portlogic-mediterrania",
        "title": "Sensors i plataforma IoT per a la traçabilitat de contenidors al port",
        "description": (
            "PortLogic Mediterrània cerca una solució IoT per seguir 3.000 contenidors refrigerats "
            "entre el port de Barcelona i els magatzems de la ZAL, amb alertes de temperatura."
        ),
        "sectors": [],
        "budget": (None, Decimal("250000")),
        "deadline_days": 21,
        "sealed": True,
        "questions": [{"text": "Autonomia de la bateria dels sensors (mesos)", "kind": "number"}],
        "responses": [
            (
                "haitong-port",
                None,
                "EUR",
                None,
                "Estamos interesados: operamos seguimiento IoT de contenedores en Ningbo y "
                "podemos presentar una oferta completa antes del plazo.",
                {},
            ),
        ],
    },
]


def _operator():
    User = get_user_model()  # noqa: N806 - the usual name for the user class
    return (
        User.objects.filter(is_active=True)
        .filter(Q(role=User.Role.OPERATOR) | Q(role=User.Role.ADMIN) | Q(is_superuser=True))
        .order_by("-role", "pk")
        .first()
    )


def _acting_for(organisation: Organisation, fallback):
    """A member of the organisation when it has one (so the pages show it as theirs)."""
    member = (
        OrganisationMember.objects.filter(organisation=organisation).select_related("user").first()
    )
    return member.user if member else fallback


@transaction.atomic
def load_orders_demo(progress: Callable[[str], None] | None = None) -> dict:
    """Create the demo's requests for responses; returns counts of what was created."""
    say = progress or (lambda message: None)
    operator = _operator()
    orgs = {
        o.slug: o
        for o in Organisation.objects.filter(
            slug__in={r["buyer"] for r in REQUESTS}
            | {s[0] for r in REQUESTS for s in r["responses"]}
        )
    }
    if operator is None or len(orgs) < 2:
        say("Global orders demo skipped: load the demo organisations first.")
        return {}
    valid_from = timezone.localdate() - dt.timedelta(days=30)
    for currency, rate in RATES.items():
        ExchangeRate.objects.get_or_create(
            currency=currency,
            valid_from=valid_from,
            defaults={"rate_to_eur": rate, "set_by": operator},
        )
    created = {"requests": 0, "responses": 0, "awards": 0}
    for spec in REQUESTS:
        buyer = orgs.get(spec["buyer"])
        if buyer is None:
            continue
        if Rfq.objects.filter(opportunity__owner=buyer, opportunity__title=spec["title"]).exists():
            continue
        low, high = spec["budget"]
        request = services.opportunity_create(
            owner=buyer,
            by=operator,
            data={
                "kind": Opportunity.Kind.REQUEST,
                "category": Opportunity.Category.PROCUREMENT,
                "title": spec["title"],
                "description": spec["description"],
                "budget_min": low,
                "budget_max": high,
                "currency": "EUR",
                "target_countries": ["CN"],
            },
            sectors=spec["sectors"],
            publish=True,
        )
        deadline = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
        rfq = orders_services.rfq_open(
            opportunity=request,
            by=operator,
            response_deadline=deadline + dt.timedelta(days=spec["deadline_days"]),
            sealed=spec["sealed"],
            budget_visible=not spec["sealed"],
            questions=spec["questions"],
            notify=False,  # demo suppliers get no e-mail
        )
        created["requests"] += 1
        questions = list(rfq.questions.all())
        responses: dict[str, RfqResponse] = {}
        for key, price, currency, lead, message, answers in spec["responses"]:
            supplier = orgs.get(key)
            if supplier is None:
                continue
            offer = Opportunity.objects.filter(
                owner=supplier, kind=Opportunity.Kind.OFFER, status=Opportunity.Status.PUBLISHED
            ).first()
            responses[key] = orders_services.response_submit(
                rfq=rfq,
                supplier=supplier,
                by=_acting_for(supplier, operator),
                data={
                    "kind": "full" if price is not None else "interest",
                    "message": message,
                    "price": price,
                    "currency": currency,
                    "lead_time_days": lead,
                },
                answers={questions[i].pk: value for i, value in answers.items()},
                offer=offer,
            )
            created["responses"] += 1
        winner = responses.get(spec.get("award", ""))
        if winner is not None:
            # The award happened after the deadline: move it into the past first.
            Rfq.objects.filter(pk=rfq.pk).update(
                response_deadline=timezone.now() - dt.timedelta(days=5),
                status=Rfq.Status.CLOSED,
                closed_at=timezone.now() - dt.timedelta(days=5),
            )
            orders_services.response_award(
                response=winner,
                by=operator,
                signed=True,
                signed_on=timezone.localdate() - dt.timedelta(days=2),
            )
            created["awards"] += 1
    say(
        "Global orders: {requests} requests for responses, {responses} responses, "
        "{awards} awarded".format(**created)
    )
    return created


@transaction.atomic
def remove_orders_demo() -> None:
    """Delete what ``load_orders_demo`` created, awards' agreements and follow-ups included;
    call it before the core demo's reset (agreements protect the organisations party to them).
    Exchange rates stay: they are the operators' table, not demo content."""
    from digibridge.cooperation.models import Agreement

    requests = Opportunity.objects.filter(
        title__in=[spec["title"] for spec in REQUESTS],
        owner__slug__in=[spec["buyer"] for spec in REQUESTS],
    )
    agreements = list(
        RfqResponse.objects.filter(rfq__opportunity__in=requests)
        .exclude(agreement=None)
        .values_list("agreement_id", flat=True)
    )
    Agreement.objects.filter(pk__in=agreements).delete()  # their parties and follow-ups too
    requests.delete()  # the requests for responses, responses and clarifications with them
