"""Marketplace endpoints: opportunities (offers and requests)."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from digibridge.common.api import READ_AUTH, WRITE_AUTH, LimitOffsetPagination, actor
from digibridge.common.errors import NotFoundError
from digibridge.directory.models import Organisation

from . import selectors, services
from .models import Opportunity

router = Router(tags=["marketplace"])

Kind = Literal["offer", "request"]
Category = Literal["technology", "commercial", "investment", "partnership", "procurement"]
Visibility = Literal["public", "network", "private"]
Currency = Literal["EUR", "CNY", "USD", "GBP"]


class OpportunityOut(Schema):
    id: int
    owner: int = Field(..., alias="owner_id")
    owner_name: str = Field(..., alias="owner.name")
    kind: str
    category: str
    title: str
    description: str
    language: str
    sectors: list[str]
    target_countries: list[str]
    budget_min: Decimal | None
    budget_max: Decimal | None
    currency: str
    deadline: dt.date | None
    status: str
    visibility: str
    typical: bool
    published_at: dt.datetime | None
    updated_at: dt.datetime

    @staticmethod
    def resolve_sectors(obj: Opportunity) -> list[str]:
        return [s.slug for s in obj.sectors.all()]

    @staticmethod
    def resolve_target_countries(obj: Opportunity) -> list[str]:
        return [c.code for c in obj.target_countries]


class OpportunityIn(Schema):
    owner: int = Field(..., description="id of the organisation you publish for")
    kind: Kind
    category: Category
    title: str = Field(..., min_length=3, max_length=200)
    description: str = Field(..., min_length=1, max_length=10000)
    sectors: list[str] = []
    target_countries: list[str] = []
    budget_min: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    budget_max: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: Currency = "EUR"
    deadline: dt.date | None = None
    visibility: Visibility = "public"
    typical: bool = False
    publish: bool = False


class OpportunityPatch(Schema):
    kind: Kind | None = None
    category: Category | None = None
    title: str | None = Field(None, min_length=3, max_length=200)
    description: str | None = Field(None, min_length=1, max_length=10000)
    sectors: list[str] | None = None
    target_countries: list[str] | None = None
    budget_min: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    budget_max: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: Currency | None = None
    deadline: dt.date | None = None
    visibility: Visibility | None = None
    typical: bool | None = None
    status: Literal["published", "closed"] | None = Field(
        None, description="publish or close the opportunity"
    )


class OpportunityFilters(Schema):
    q: str = ""
    kind: Kind | Literal[""] = ""
    category: Category | Literal[""] = ""
    sector: str = ""
    country: str = ""
    status: Literal["draft", "published", "closed", "expired", ""] = ""
    language: Literal["en", "zh-hans", "es", "ca", ""] = ""
    owner: int | None = None
    typical: bool | None = None
    open_only: bool = False


def opportunity_for(request, opportunity_id: int) -> Opportunity:
    opportunity = (
        selectors.opportunities_visible_to(actor(request))
        .select_related("owner")
        .filter(pk=opportunity_id)
        .first()
    )
    if opportunity is None:
        raise NotFoundError("Opportunity not found.")
    return opportunity


@router.get("/opportunities", response=list[OpportunityOut], auth=READ_AUTH)
@paginate(LimitOffsetPagination)
def opportunity_list(request, filters: Query[OpportunityFilters]):
    return selectors.opportunity_search(user=actor(request), **filters.dict())


@router.get("/opportunities/{opportunity_id}", response=OpportunityOut, auth=READ_AUTH)
def opportunity_detail(request, opportunity_id: int):
    return opportunity_for(request, opportunity_id)


@router.post("/opportunities", response={201: OpportunityOut}, auth=WRITE_AUTH)
def opportunity_create(request, payload: OpportunityIn):
    data = payload.dict()
    owner = Organisation.objects.filter(pk=data.pop("owner")).first()
    if owner is None:
        raise services.DomainError("Unknown organisation.", field="owner")
    sectors = data.pop("sectors")
    publish = data.pop("publish")
    opportunity = services.opportunity_create(
        owner=owner, by=actor(request), data=data, sectors=sectors, publish=publish
    )
    return Status(201, opportunity)


@router.patch("/opportunities/{opportunity_id}", response=OpportunityOut, auth=WRITE_AUTH)
def opportunity_update(request, opportunity_id: int, payload: OpportunityPatch):
    opportunity = opportunity_for(request, opportunity_id)
    by = actor(request)
    data = payload.dict(exclude_unset=True)
    sectors = data.pop("sectors", None)
    status = data.pop("status", None)
    if data or sectors is not None:
        opportunity = services.opportunity_update(
            opportunity=opportunity, by=by, data=data, sectors=sectors
        )
    if status == "published":
        opportunity = services.opportunity_publish(opportunity=opportunity, by=by)
    elif status == "closed":
        opportunity = services.opportunity_close(opportunity=opportunity, by=by)
    return opportunity


@router.delete("/opportunities/{opportunity_id}", response={204: None}, auth=WRITE_AUTH)
def opportunity_delete(request, opportunity_id: int):
    services.opportunity_delete(
        opportunity=opportunity_for(request, opportunity_id), by=actor(request)
    )
    return Status(204, None)
