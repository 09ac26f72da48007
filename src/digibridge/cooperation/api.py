"""Cooperation endpoints: agreements, follow-ups and overseas service requests."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from digibridge.common.api import WRITE_AUTH, LimitOffsetPagination, actor
from digibridge.common.errors import DomainError, NotFoundError
from digibridge.directory.models import Organisation
from digibridge.marketplace.selectors import opportunities_visible_to

from . import selectors, services
from .models import Agreement, FollowUp, ServiceCatalogueItem, ServiceRequest

router = Router(tags=["cooperation"])

Kind = Literal["mou", "strategic", "framework", "contract_order", "investment_jv"]
AgreementStatus = Literal[
    "proposed", "negotiating", "signed", "in_execution", "completed", "withdrawn"
]
Role = Literal["signatory", "witness", "facilitator"]
Currency = Literal["EUR", "CNY", "USD", "GBP"]
Stage = Literal["introduced", "contacted", "met", "proposal", "negotiating", "agreed", "dropped"]
RequestStatus = Literal["submitted", "taken", "referred", "in_progress", "done", "cancelled"]


class PartyOut(Schema):
    organisation: int = Field(..., alias="organisation_id")
    name: str = Field(..., alias="organisation.name")
    country: str
    role: str

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.organisation.country.code


class AgreementOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    status: str
    value: Decimal | None
    currency: str
    signed_on: dt.date | None
    signing_place: str
    signing_event: str
    parties: list[PartyOut]
    source_opportunity: int | None = Field(None, alias="source_opportunity_id")
    counterpart_opportunity: int | None = Field(None, alias="counterpart_opportunity_id")
    source_meeting: int | None = Field(None, alias="source_meeting_id")
    updated_at: dt.datetime

    @staticmethod
    def resolve_parties(obj: Agreement):
        return list(obj.parties.all())


class PartyIn(Schema):
    organisation: int
    role: Role = "signatory"


class AgreementIn(Schema):
    kind: Kind
    title: str = Field(..., min_length=3, max_length=200)
    description: str = Field("", max_length=10000)
    status: Literal["proposed", "negotiating", "signed"] = "proposed"
    value: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)
    currency: Currency = "EUR"
    signed_on: dt.date | None = None
    signing_place: str = Field("", max_length=200)
    signing_event: str = Field("", max_length=200)
    parties: list[PartyIn] = Field(..., min_length=2, max_length=20)
    source_opportunity: int | None = None
    counterpart_opportunity: int | None = None
    source_meeting: int | None = None


class TransitionIn(Schema):
    status: AgreementStatus
    signed_on: dt.date | None = None


class AgreementFilters(Schema):
    q: str = ""
    kind: Kind | Literal[""] = ""
    status: AgreementStatus | Literal[""] = ""
    organisation: int | None = None
    signed_from: dt.date | None = None
    signed_to: dt.date | None = None


class FollowUpOut(Schema):
    id: int
    agreement: int | None = Field(None, alias="agreement_id")
    source_opportunity: int | None = Field(None, alias="source_opportunity_id")
    counterpart_opportunity: int | None = Field(None, alias="counterpart_opportunity_id")
    meeting: int | None = Field(None, alias="meeting_id")
    stage: str
    owner: int = Field(..., alias="owner_id")
    next_action: str
    due_on: dt.date | None
    done: bool


class FollowUpIn(Schema):
    agreement: int | None = None
    meeting: int | None = None
    source_opportunity: int | None = None
    counterpart_opportunity: int | None = None
    stage: Stage = "introduced"
    next_action: str = Field("", max_length=300)
    due_on: dt.date | None = None
    notes: str = Field("", max_length=5000)


class ServiceRequestOut(Schema):
    id: int
    organisation: int = Field(..., alias="organisation_id")
    service: str = Field(..., alias="service.slug")
    description: str
    status: str
    provider: int | None = Field(None, alias="provider_id")
    due_on: dt.date | None
    status_note: str
    created_at: dt.datetime


class ServiceRequestIn(Schema):
    organisation: int
    service: str
    description: str = Field(..., min_length=1, max_length=5000)


class ServiceRequestPatch(Schema):
    status: RequestStatus
    provider: int | None = None
    due_on: dt.date | None = None
    note: str = Field("", max_length=300)


def agreement_for(request, agreement_id: int) -> Agreement:
    agreement = selectors.agreement_detail(user=actor(request), pk=agreement_id)
    if agreement is None:
        raise NotFoundError(_("Agreement not found."))
    return agreement


def _meeting(user, pk: int | None, field: str):
    if pk is None:
        return None
    meeting = selectors.meetings_visible_to(user).filter(pk=pk).first()
    if meeting is None:
        raise DomainError(_("Unknown meeting."), field=field)
    return meeting


def _opportunity(user, pk: int | None, field: str):
    if pk is None:
        return None
    opportunity = opportunities_visible_to(user).filter(pk=pk).first()
    if opportunity is None:
        raise DomainError(_("Unknown opportunity."), field=field)
    return opportunity


@router.get("/agreements", response=list[AgreementOut], auth=WRITE_AUTH)
@paginate(LimitOffsetPagination)
def agreement_list(request, filters: Query[AgreementFilters]):
    return selectors.agreement_search(user=actor(request), **filters.dict())


@router.get("/agreements/{agreement_id}", response=AgreementOut, auth=WRITE_AUTH)
def agreement_detail(request, agreement_id: int):
    return agreement_for(request, agreement_id)


@router.post("/agreements", response={201: AgreementOut}, auth=WRITE_AUTH)
def agreement_create(request, payload: AgreementIn):
    by = actor(request)
    data = payload.dict()
    party_rows = data.pop("parties")
    organisations = Organisation.objects.in_bulk([row["organisation"] for row in party_rows])
    parties = []
    for row in party_rows:
        organisation = organisations.get(row["organisation"])
        if organisation is None:
            raise DomainError(_("Unknown organisation."), field="parties")
        parties.append((organisation, row["role"]))
    source = _opportunity(by, data.pop("source_opportunity"), "source_opportunity")
    counterpart = _opportunity(by, data.pop("counterpart_opportunity"), "counterpart_opportunity")
    meeting = _meeting(by, data.pop("source_meeting"), "source_meeting")
    status = data.pop("status")
    agreement = services.agreement_create(
        by=by,
        data=data,
        parties=parties,
        source_opportunity=source,
        counterpart_opportunity=counterpart,
        source_meeting=meeting,
        status=status,
    )
    return Status(201, agreement_for(request, agreement.pk))


@router.post("/agreements/{agreement_id}/transition", response=AgreementOut, auth=WRITE_AUTH)
def agreement_transition(request, agreement_id: int, payload: TransitionIn):
    agreement = agreement_for(request, agreement_id)
    services.agreement_transition(
        agreement=agreement, to=payload.status, by=actor(request), signed_on=payload.signed_on
    )
    return agreement_for(request, agreement_id)


@router.get("/follow-ups", response=list[FollowUpOut], auth=WRITE_AUTH)
@paginate(LimitOffsetPagination)
def follow_up_list(request, due: bool = False):
    by = actor(request)
    if due:
        return selectors.follow_ups_due(user=by)
    return selectors.follow_ups_visible_to(by).filter(done=False).order_by("due_on", "pk")


@router.post("/follow-ups", response={201: FollowUpOut}, auth=WRITE_AUTH)
def follow_up_create(request, payload: FollowUpIn):
    by = actor(request)
    data = payload.dict()
    agreement = None
    if data.pop("agreement") is not None:
        agreement = agreement_for(request, payload.agreement)
    source = _opportunity(by, data.pop("source_opportunity"), "source_opportunity")
    counterpart = _opportunity(by, data.pop("counterpart_opportunity"), "counterpart_opportunity")
    meeting = _meeting(by, data.pop("meeting"), "meeting")
    follow_up = services.follow_up_create(
        by=by,
        data=data,
        agreement=agreement,
        source_opportunity=source,
        counterpart_opportunity=counterpart,
        meeting=meeting,
    )
    return Status(201, FollowUp.objects.get(pk=follow_up.pk))


@router.get("/service-requests", response=list[ServiceRequestOut], auth=WRITE_AUTH)
@paginate(LimitOffsetPagination)
def service_request_list(request, status: RequestStatus | Literal[""] = ""):
    qs = selectors.service_requests_visible_to(actor(request))
    return qs.filter(status=status) if status else qs


@router.post("/service-requests", response={201: ServiceRequestOut}, auth=WRITE_AUTH)
def service_request_create(request, payload: ServiceRequestIn):
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None:
        raise DomainError(_("Unknown organisation."), field="organisation")
    service = ServiceCatalogueItem.objects.filter(slug=payload.service).first()
    if service is None:
        raise DomainError(_("Unknown service."), field="service")
    created = services.service_request_create(
        organisation=organisation,
        service=service,
        description=payload.description,
        by=actor(request),
    )
    return Status(201, created)


@router.patch("/service-requests/{request_id}", response=ServiceRequestOut, auth=WRITE_AUTH)
def service_request_update(request, request_id: int, payload: ServiceRequestPatch):
    by = actor(request)
    service_request = selectors.service_requests_visible_to(by).filter(pk=request_id).first()
    if service_request is None:
        raise NotFoundError(_("Service request not found."))
    provider = None
    if payload.provider is not None:
        provider = Organisation.objects.filter(pk=payload.provider).first()
        if provider is None:
            raise DomainError(_("Unknown organisation."), field="provider")
    if services.is_operator(by):
        services.service_request_update(
            request=service_request,
            by=by,
            status=payload.status,
            provider=provider,
            due_on=payload.due_on,
            note=payload.note,
        )
    else:
        services.service_request_set_status(request=service_request, to=payload.status, by=by)
    return ServiceRequest.objects.select_related("service").get(pk=service_request.pk)
