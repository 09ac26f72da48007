"""Load the Barcelona demo (``content.py``) into the database through the models.

Deterministic: the same content gives the same rows; deadlines are offsets from the day of
loading so that the demo always has open opportunities. Idempotent: a second load without
``reset`` leaves existing demo data alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from digibridge.directory.models import (
    Network,
    NetworkMembership,
    Organisation,
    OrganisationMember,
    Person,
    Sector,
)
from digibridge.marketplace.models import Opportunity
from digibridge.marketplace.services import detect_language

from . import content

DEMO_MARKER = "demo"
Progress = Callable[[str], None]


def demo_loaded() -> bool:
    return Organisation.objects.filter(slug=content.ORGANISATIONS[0]["key"]).exists()


def _reset() -> None:
    User = get_user_model()
    keys = [o["key"] for o in content.ORGANISATIONS]
    # Agreements protect their parties from deletion; the demo's own go first.
    from digibridge.cooperation.demo import remove_cooperation_demo
    from digibridge.events.demo import remove_event_demo
    from digibridge.marketplace.demo_orders import remove_orders_demo

    remove_event_demo()
    remove_orders_demo()
    remove_cooperation_demo()
    Opportunity.objects.filter(owner__slug__in=keys).delete()
    Organisation.objects.filter(slug__in=keys).delete()
    Network.objects.filter(slug__in=[n["key"] for n in content.NETWORKS]).delete()
    User.objects.filter(email__in=[u["email"] for u in content.DEMO_USERS]).delete()


@transaction.atomic
def load_demo(*, reset: bool = False, progress: Progress | None = None) -> dict[str, int]:
    """Create the demo's organisations, networks, people, users and opportunities."""
    say = progress or (lambda message: None)
    if reset:
        say("Removing the previous demo data…")
        _reset()
    elif demo_loaded():
        say("Demo data is already loaded (use --reset to load it afresh).")
        return {}
    today = timezone.localdate()
    sectors = {s.slug: s for s in Sector.objects.all()}

    say(f"Organisations: {len(content.ORGANISATIONS)}")
    orgs: dict[str, Organisation] = {}
    for item in content.ORGANISATIONS:
        org = Organisation.objects.create(
            slug=item["key"],
            name=item["name"],
            names=item.get("names") or {},
            type=item["type"],
            country=item["country"],
            city=item.get("city", ""),
            website=item.get("website", ""),
            description=item.get("description", ""),
            description_language=item.get("description_language", ""),
            size=item.get("size", ""),
            languages=item.get("languages", []),
            verified=item.get("verified", False),
            status=Organisation.Status.APPROVED,
        )
        org.sectors.set([sectors[s] for s in item.get("sectors", []) if s in sectors])
        orgs[item["key"]] = org

    say(f"Networks: {len(content.NETWORKS)}")
    for item in content.NETWORKS:
        network = Network.objects.create(
            slug=item["key"],
            name=item["name"],
            kind=item.get("kind", Network.Kind.INITIATIVE),
            description=item.get("description", ""),
        )
        NetworkMembership.objects.bulk_create(
            NetworkMembership(
                network=network,
                organisation=orgs[org_key],
                role=role,
                joined_on=dt.date.fromisoformat(joined) if joined else None,
            )
            for org_key, role, joined in item["members"]
        )

    say(f"People: {len(content.PEOPLE)}")
    Person.objects.bulk_create(
        Person(
            organisation=orgs[p["org"]],
            first_name=p["first_name"],
            last_name=p["last_name"],
            title=p.get("title", ""),
            languages=p.get("languages", []),
            email=p.get("email", ""),
            phone=p.get("phone", ""),
            is_executive=p.get("is_executive", False),
        )
        for p in content.PEOPLE
    )

    say(f"Demo users: {len(content.DEMO_USERS)}")
    User = get_user_model()
    for item in content.DEMO_USERS:
        role = item["role"]
        user = User.objects.create_user(
            email=item["email"],
            password=item["password"],
            first_name=item.get("first_name", ""),
            last_name=item.get("last_name", ""),
            language=item.get("language", "en"),
            role=role,
            is_staff=role in ("admin", "operator"),
            is_superuser=role == "admin",
        )
        if item.get("org"):
            OrganisationMember.objects.create(
                organisation=orgs[item["org"]], user=user, is_admin=True
            )
            Person.objects.create(
                organisation=orgs[item["org"]],
                user=user,
                first_name=user.first_name,
                last_name=user.last_name,
                title=item.get("title", ""),
                email=user.email,
                languages=[user.language],
                is_executive=True,
            )

    say(f"Opportunities: {len(content.OPPORTUNITIES)}")
    now = timezone.now()
    for index, item in enumerate(content.OPPORTUNITIES):
        deadline = None
        if item.get("deadline_days") is not None:
            deadline = today + dt.timedelta(days=item["deadline_days"])
        status = item.get("status", "published")
        if status == "published" and deadline is not None and deadline < today:
            status = Opportunity.Status.EXPIRED
        text = f"{item['title']}\n{item['description']}"
        opportunity = Opportunity.objects.create(
            owner=orgs[item["owner"]],
            kind=item["kind"],
            category=item["category"],
            title=item["title"],
            description=item["description"],
            language=item.get("language") or detect_language(text),
            target_countries=item.get("target_countries", []),
            budget_min=_money(item.get("budget_min")),
            budget_max=_money(item.get("budget_max")),
            currency=item.get("currency", "EUR"),
            deadline=deadline,
            status=status,
            visibility=item.get("visibility", "public"),
            typical=item.get("typical", False),
            published_at=(now - dt.timedelta(hours=index)) if status != "draft" else None,
        )
        opportunity.sectors.set([sectors[s] for s in item.get("sectors", []) if s in sectors])
    from digibridge.directory.demo_centres import load_centres_demo

    say("Service centres: Beijing and Barcelona")
    load_centres_demo(organisation_slugs=orgs, users=content.DEMO_USERS)
    return {
        "organisations": len(orgs),
        "networks": len(content.NETWORKS),
        "people": len(content.PEOPLE),
        "users": len(content.DEMO_USERS),
        "opportunities": len(content.OPPORTUNITIES),
    }


def _money(value) -> Decimal | None:
    return None if value is None else Decimal(value)
