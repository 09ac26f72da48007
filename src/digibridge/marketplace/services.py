"""Marketplace writes: create, edit, publish, close and expire opportunities.

Every service checks that ``by`` may act for the opportunity's owner; the views and the API
only translate the domain errors into messages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from digibridge.accounts.services import audit
from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.common.parsing import full_clean_or_error, parse_decimal
from digibridge.directory.models import Organisation
from digibridge.directory.selectors import can_act_for
from digibridge.directory.services import sectors_from_slugs

from .models import Opportunity

# Sent after an opportunity is saved or removed; the matching index listens.
opportunity_changed = Signal()  # kwargs: opportunity, deleted: bool

EDITABLE_FIELDS = (
    "kind",
    "category",
    "title",
    "description",
    "target_countries",
    "budget_min",
    "budget_max",
    "currency",
    "deadline",
    "visibility",
)


def detect_language(text: str) -> str:
    """The language the text is written in (en, zh-hans, es, ca) or '' when unsure."""
    try:
        from digibridge.matching.engine import detect_language as engine_detect
    except ImportError:  # the engine is optional; the marketplace works without it
        return ""
    return engine_detect(text) or ""


def _validate(opportunity: Opportunity) -> None:
    opportunity.title = (opportunity.title or "").strip()
    opportunity.description = (opportunity.description or "").strip()
    if not opportunity.title:
        raise DomainError(_("Give the opportunity a title."), field="title")
    if (
        opportunity.budget_min is not None
        and opportunity.budget_max is not None
        and opportunity.budget_min > opportunity.budget_max
    ):
        raise DomainError(_("The budget's lower end is above its upper end."), field="budget_max")
    full_clean_or_error(opportunity, exclude=["owner", "created_by"])


def _assign(opportunity: Opportunity, data: dict[str, Any]) -> None:
    for field in EDITABLE_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field in ("budget_min", "budget_max"):
            value = parse_decimal(value, field)
        if field == "target_countries":
            value = [str(c).upper() for c in (value or [])]
        if value is None and field not in ("budget_min", "budget_max", "deadline"):
            continue
        setattr(opportunity, field, value)


@transaction.atomic
def opportunity_create(
    *, owner: Organisation, by, data: dict[str, Any], sectors=(), publish: bool = False
) -> Opportunity:
    if not can_act_for(by, owner):
        raise PermissionDeniedError(_("You can only publish for your own organisation."))
    opportunity = Opportunity(owner=owner, created_by=by, status=Opportunity.Status.DRAFT)
    _assign(opportunity, data)
    if "typical" in data and by.is_operator:
        opportunity.typical = bool(data["typical"])
    _validate(opportunity)
    opportunity.language = detect_language(f"{opportunity.title}\n{opportunity.description}")
    opportunity.save()
    opportunity.sectors.set(sectors_from_slugs(sectors))
    audit(actor=by, action="opportunity.create", obj=opportunity)
    if publish:
        return opportunity_publish(opportunity=opportunity, by=by)
    transaction.on_commit(lambda: opportunity_changed.send(Opportunity, opportunity=opportunity))
    return opportunity


@transaction.atomic
def opportunity_update(
    *, opportunity: Opportunity, by, data: dict[str, Any], sectors=None
) -> Opportunity:
    if not can_act_for(by, opportunity.owner):
        raise PermissionDeniedError(_("You can only edit your own organisation's opportunities."))
    _assign(opportunity, data)
    if "typical" in data and by.is_operator:
        opportunity.typical = bool(data["typical"])
    _validate(opportunity)
    if {"title", "description"} & set(data):
        opportunity.language = detect_language(f"{opportunity.title}\n{opportunity.description}")
    if (
        opportunity.status == Opportunity.Status.EXPIRED
        and opportunity.deadline
        and opportunity.deadline >= timezone.localdate()
    ):
        opportunity.status = Opportunity.Status.PUBLISHED  # a new deadline reopens it
    opportunity.save()
    if sectors is not None:
        opportunity.sectors.set(sectors_from_slugs(sectors))
    audit(actor=by, action="opportunity.update", obj=opportunity)
    transaction.on_commit(lambda: opportunity_changed.send(Opportunity, opportunity=opportunity))
    return opportunity


@transaction.atomic
def opportunity_publish(*, opportunity: Opportunity, by) -> Opportunity:
    if not can_act_for(by, opportunity.owner):
        raise PermissionDeniedError(
            _("You can only publish your own organisation's opportunities.")
        )
    if opportunity.status == Opportunity.Status.PUBLISHED:
        return opportunity
    if opportunity.deadline and opportunity.deadline < timezone.localdate():
        raise DomainError(_("The deadline has passed; set a new one first."), field="deadline")
    if not opportunity.description:
        raise DomainError(_("Describe the opportunity before publishing it."), field="description")
    opportunity.status = Opportunity.Status.PUBLISHED
    opportunity.published_at = timezone.now()
    opportunity.closed_at = None
    opportunity.save(update_fields=["status", "published_at", "closed_at", "updated_at"])
    audit(actor=by, action="opportunity.publish", obj=opportunity)
    transaction.on_commit(lambda: opportunity_changed.send(Opportunity, opportunity=opportunity))
    return opportunity


@transaction.atomic
def opportunity_close(*, opportunity: Opportunity, by) -> Opportunity:
    if not can_act_for(by, opportunity.owner):
        raise PermissionDeniedError(_("You can only close your own organisation's opportunities."))
    if opportunity.status != Opportunity.Status.PUBLISHED:
        raise DomainError(_("Only a published opportunity can be closed."))
    opportunity.status = Opportunity.Status.CLOSED
    opportunity.closed_at = timezone.now()
    opportunity.save(update_fields=["status", "closed_at", "updated_at"])
    audit(actor=by, action="opportunity.close", obj=opportunity)
    transaction.on_commit(lambda: opportunity_changed.send(Opportunity, opportunity=opportunity))
    return opportunity


@transaction.atomic
def opportunity_delete(*, opportunity: Opportunity, by) -> None:
    if not can_act_for(by, opportunity.owner):
        raise PermissionDeniedError(_("You can only delete your own organisation's opportunities."))
    pk = opportunity.pk
    audit(actor=by, action="opportunity.delete", obj=opportunity, title=opportunity.title)
    opportunity.delete()
    opportunity.pk = pk
    transaction.on_commit(
        lambda: opportunity_changed.send(Opportunity, opportunity=opportunity, deleted=True)
    )


def opportunities_expire_due(*, today: dt.date | None = None) -> int:
    """Mark published opportunities whose deadline has passed as expired; returns how many."""
    today = today or timezone.localdate()
    due = Opportunity.objects.filter(status=Opportunity.Status.PUBLISHED, deadline__lt=today)
    ids = list(due.values_list("pk", flat=True))
    if ids:
        Opportunity.objects.filter(pk__in=ids).filter(~Q(status=Opportunity.Status.EXPIRED)).update(
            status=Opportunity.Status.EXPIRED, updated_at=timezone.now()
        )
        for opportunity in Opportunity.objects.filter(pk__in=ids).only("pk"):
            audit(actor=None, action="opportunity.expire", obj=opportunity)
    return len(ids)
