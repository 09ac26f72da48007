"""Global orders endpoints: requests opened for responses, responses, clarifications, awards,
the order book and exchange rates. Same rules as the pages: reads go through
``orders_selectors``, writes through ``orders_services``."""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

import pydantic
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import ValidationError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from digibridge.common.api import READ_AUTH, WRITE_AUTH, LimitOffsetPagination, actor
from digibridge.common.errors import DomainError, NotFoundError, PermissionDeniedError
from digibridge.directory.models import Network, Organisation
from digibridge.directory.selectors import is_operator

from . import orders_selectors as selectors
from . import orders_services as services
from .models import ExchangeRate, Opportunity, Rfq, RfqQuestion, RfqResponse
from .selectors import opportunities_visible_to

router = Router(tags=["orders"])

Currency = Literal["EUR", "CNY", "USD", "GBP"]
Eligibility = Literal["everyone", "verified", "invited", "network"]
QuestionKind = Literal["text", "number", "yes_no", "choice", "file"]


class QuestionOut(Schema):
    id: int
    text: str
    kind: str
    choices: list[str]
    required: bool


class RfqOut(Schema):
    id: int
    opportunity: int = Field(..., alias="opportunity_id")
    title: str = Field(..., alias="opportunity.title")
    requester: int = Field(..., alias="opportunity.owner_id")
    requester_name: str = Field(..., alias="opportunity.owner.name")
    response_deadline: dt.datetime
    sealed: bool
    eligibility: str
    max_responses: int | None
    status: str
    accepts_responses: bool


class RfqDetailOut(RfqOut):
    questions: list[QuestionOut]
    budget_min: Decimal | None = None
    budget_max: Decimal | None = None
    currency: str = Field(..., alias="opportunity.currency")

    @staticmethod
    def resolve_questions(obj: Rfq) -> list:
        return list(obj.questions.all())

    @staticmethod
    def resolve_budget_min(obj: Rfq):
        return obj.opportunity.budget_min if getattr(obj, "show_budget", False) else None

    @staticmethod
    def resolve_budget_max(obj: Rfq):
        return obj.opportunity.budget_max if getattr(obj, "show_budget", False) else None


class QuestionIn(Schema):
    text: str = Field(..., min_length=1, max_length=500)
    kind: QuestionKind = "text"
    choices: list[str] = []
    required: bool = True


class RfqIn(Schema):
    response_deadline: dt.datetime = Field(
        ..., description="ISO 8601; without an offset it is read in the platform's time zone"
    )
    sealed: bool = False
    budget_visible: bool = False
    eligibility: Eligibility = "everyone"
    network: int | None = None
    invited: list[int] = []
    max_responses: int | None = Field(None, ge=1)
    questions: list[QuestionIn] = Field([], max_length=30)


class RulesIn(Schema):
    """Only what is given changes, and only in the suppliers' favour."""

    response_deadline: dt.datetime | None = Field(
        None, description="a later deadline (ISO 8601; without an offset: platform time zone)"
    )
    max_responses: int | None = Field(
        None, ge=1, description="a higher cap; null lifts the cap; leave out to keep it"
    )
    budget_visible: bool | None = None


class InvitationIn(Schema):
    organisations: list[int] = Field(..., min_length=1, max_length=200)


class InvitedOut(Schema):
    id: int
    name: str


class AnswerOut(Schema):
    question: int = Field(..., alias="question_id")
    value: str = Field(..., alias="display")
    has_file: bool

    @staticmethod
    def resolve_has_file(obj) -> bool:
        return bool(obj.file)


class DocumentOut(Schema):
    id: int
    name: str = Field(..., alias="original_name")
    content_type: str
    size: int


class ResponseOut(Schema):
    id: int
    rfq: int = Field(..., alias="rfq_id")
    supplier: int = Field(..., alias="supplier_id")
    supplier_name: str = Field(..., alias="supplier.name")
    offer: int | None = Field(None, alias="offer_id")
    kind: str
    message: str
    price: Decimal | None
    currency: str
    terms: str
    lead_time_days: int | None
    language: str
    status: str
    decline_reason: str
    submitted_at: dt.datetime
    answers: list[AnswerOut]
    documents: list[DocumentOut]
    agreement: int | None = Field(None, alias="agreement_id")

    @staticmethod
    def resolve_answers(obj: RfqResponse) -> list:
        return list(obj.answers.all())

    @staticmethod
    def resolve_documents(obj: RfqResponse) -> list:
        return list(obj.documents.all())


class ResponseIn(Schema):
    supplier: int = Field(..., description="id of the organisation you respond for")
    kind: Literal["interest", "full"] = "full"
    message: str = Field("", max_length=10000)
    price: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: Currency | None = None
    terms: str = Field("", max_length=5000)
    lead_time_days: int | None = Field(None, ge=0)
    offer: int | None = None
    answers: dict[str, Any] = Field({}, description="question id → answer (text, number, bool)")


class DeclineIn(Schema):
    reason: str = Field(..., min_length=1, max_length=500)


class AwardIn(Schema):
    signed: bool = False
    signed_on: dt.date | None = None


class ClarificationOut(Schema):
    id: int
    response: int = Field(..., alias="response_id")
    question: str
    asked_at: dt.datetime
    answer: str
    answered_at: dt.datetime | None


class ClarificationIn(Schema):
    question: str = Field(..., min_length=1, max_length=3000)


class ClarificationAnswerIn(Schema):
    answer: str = Field(..., min_length=1, max_length=5000)


class ExchangeRateOut(Schema):
    currency: str
    rate_to_eur: Decimal
    valid_from: dt.date


class ExchangeRateIn(Schema):
    currency: Literal["CNY", "USD", "GBP"]
    rate_to_eur: Decimal = Field(..., gt=0, max_digits=16, decimal_places=8)
    valid_from: dt.date | None = None


class OrderBookRow(Schema):
    rfq: int
    title: str
    requester: str
    requester_country: str
    sectors: list[str]
    response_deadline: dt.datetime
    status: str
    responses: int
    awards: int
    awarded_value_eur: Decimal


def _rfq(request, rfq_id: int) -> Rfq:
    rfq = selectors.rfqs_visible_to(actor(request)).filter(pk=rfq_id).first()
    if rfq is None:
        raise NotFoundError("Request not found.")
    return rfq


def _response(request, response_id: int) -> RfqResponse:
    response = (
        selectors.responses_visible_to(actor(request))
        .prefetch_related("answers__question", "documents")
        .filter(pk=response_id)
        .first()
    )
    if response is None:
        raise NotFoundError("Response not found.")
    return response


def _with_budget(request, rfq: Rfq) -> Rfq:
    rfq.show_budget = rfq.budget_visible or services.can_manage_rfq(actor(request), rfq)
    return rfq


@router.get("/orders", response=list[RfqOut], auth=READ_AUTH)
@paginate(LimitOffsetPagination)
def rfq_list(request, open_only: bool = True, q: str = ""):
    return selectors.rfq_search(user=actor(request), open_only=open_only, q=q)


@router.get("/orders/{rfq_id}", response=RfqDetailOut, auth=READ_AUTH)
def rfq_detail(request, rfq_id: int):
    return _with_budget(request, _rfq(request, rfq_id))


@router.post(
    "/opportunities/{opportunity_id}/orders", response={201: RfqDetailOut}, auth=WRITE_AUTH
)
def rfq_open(request, opportunity_id: int, payload: RfqIn):
    by = actor(request)
    opportunity = opportunities_visible_to(by).filter(pk=opportunity_id).first()
    if opportunity is None:
        raise NotFoundError("Opportunity not found.")
    data = payload.dict()
    network = None
    if data["network"] is not None:
        network = Network.objects.filter(pk=data["network"]).first()
        if network is None:
            raise DomainError("Unknown network.", field="network")
    invited = list(Organisation.objects.filter(pk__in=data["invited"]))
    if len(invited) != len(set(data["invited"])):
        raise DomainError("Unknown organisation.", field="invited")
    rfq = services.rfq_open(
        opportunity=opportunity,
        by=by,
        response_deadline=data["response_deadline"],
        sealed=data["sealed"],
        budget_visible=data["budget_visible"],
        eligibility=data["eligibility"],
        network=network,
        invited=invited,
        max_responses=data["max_responses"],
        questions=data["questions"],
    )
    return Status(201, _with_budget(request, rfq))


@router.patch("/orders/{rfq_id}", response=RfqDetailOut, auth=WRITE_AUTH)
def rfq_change_rules(request, rfq_id: int, payload: RulesIn):
    """Extend the deadline, raise (or lift) the cap, show or hide the budget, while the request
    takes responses (the requester or an operator); the suppliers concerned are notified."""
    given = payload.model_fields_set
    services.rfq_change_rules(
        rfq=_rfq(request, rfq_id),
        by=actor(request),
        response_deadline=payload.response_deadline,
        max_responses=payload.max_responses if "max_responses" in given else services.UNCHANGED,
        budget_visible=payload.budget_visible,
    )
    return _with_budget(request, _rfq(request, rfq_id))


@router.post("/orders/{rfq_id}/invitations", response={201: list[InvitedOut]}, auth=WRITE_AUTH)
def rfq_invite(request, rfq_id: int, payload: InvitationIn):
    """Invite more (approved) organisations while the request takes responses (the requester
    or an operator); they are notified. Returns the newly invited ones."""
    rfq = _rfq(request, rfq_id)
    ids = set(payload.organisations)
    organisations = list(
        Organisation.objects.filter(pk__in=ids, status=Organisation.Status.APPROVED)
    )
    if len(organisations) != len(ids):
        raise DomainError(_("Unknown organisation."), field="organisations")
    return Status(201, services.rfq_invite(rfq=rfq, organisations=organisations, by=actor(request)))


@router.get("/orders/{rfq_id}/responses", response=list[ResponseOut], auth=WRITE_AUTH)
@paginate(LimitOffsetPagination)
def response_list(request, rfq_id: int):
    """The requester's side sees the responses (after the deadline when sealed); a supplier
    sees only its own; operators see all."""
    return selectors.responses_for_rfq(rfq=_rfq(request, rfq_id), user=actor(request))


@router.post("/orders/{rfq_id}/responses", response={201: ResponseOut}, auth=WRITE_AUTH)
def response_submit(request, rfq_id: int, payload: ResponseIn):
    """Send or edit your organisation's response (JSON). Questions that ask for a file are
    answered with ``/responses/with-files`` or ``/orders/responses/{id}/answers/{question}``."""
    return Status(201, _submit(request, rfq_id, payload))


@router.post(
    "/orders/{rfq_id}/responses/with-files",
    response={201: ResponseOut},
    auth=WRITE_AUTH,
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["payload"],
                        "properties": {
                            "payload": {
                                "type": "string",
                                "description": "the JSON body of POST /orders/{rfq_id}/responses",
                            },
                            "answer_<question id>": {"type": "string", "format": "binary"},
                            "documents": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                            },
                        },
                    }
                }
            }
        }
    },
)
def response_submit_with_files(request, rfq_id: int, payload: Form[str]):
    """The same as ``POST /orders/{rfq_id}/responses`` as multipart/form-data: ``payload`` holds
    the JSON, a file ``answer_<question id>`` answers each question that asks for a file, and
    ``documents`` (repeatable) attaches documents. Files are checked like on the pages: PDF,
    Office/OpenDocument, PNG or JPEG, at most 10 MB."""
    try:
        data = ResponseIn.model_validate_json(payload)
    except pydantic.ValidationError as exc:
        raise ValidationError(
            [
                {**error, "loc": ["form", "payload", *error["loc"]]}
                for error in exc.errors(include_url=False, include_context=False)
            ]
        ) from exc
    rfq = _rfq(request, rfq_id)
    file_questions = {
        f"answer_{q.pk}": q.pk for q in rfq.questions.filter(kind=RfqQuestion.Kind.FILE)
    }
    files = {}
    for key in request.FILES:
        if key == "documents":
            continue
        if key not in file_questions:
            raise DomainError(
                _("%(field)s is not a question of this request that asks for a file.")
                % {"field": key},
                field=key,
            )
        files[file_questions[key]] = request.FILES[key]
    response = _submit(
        request, rfq_id, data, files=files, documents=request.FILES.getlist("documents")
    )
    return Status(201, response)


def _submit(request, rfq_id: int, payload: ResponseIn, *, files=None, documents=()):
    by = actor(request)
    rfq = _rfq(request, rfq_id)
    data = payload.dict()
    supplier = Organisation.objects.filter(pk=data.pop("supplier")).first()
    if supplier is None:
        raise DomainError("Unknown organisation.", field="supplier")
    offer = None
    if data.get("offer") is not None:
        offer = Opportunity.objects.filter(pk=data["offer"], kind=Opportunity.Kind.OFFER).first()
        if offer is None:
            raise DomainError("Unknown offer.", field="offer")
    response = services.response_submit(
        rfq=rfq,
        supplier=supplier,
        by=by,
        data=data,
        answers=data.pop("answers"),
        files=files,
        documents=documents,
        offer=offer,
    )
    return _response(request, response.pk)


@router.get("/orders/responses/{response_id}", response=ResponseOut, auth=WRITE_AUTH)
def response_detail(request, response_id: int):
    return _response(request, response_id)


@router.post(
    "/orders/responses/{response_id}/documents", response={201: ResponseOut}, auth=WRITE_AUTH
)
def response_document_add(request, response_id: int, file: File[UploadedFile]):
    """Attach a document (PDF, office file or image) to your response, until the deadline."""
    services.response_document_add(
        response=_response(request, response_id), by=actor(request), upload=file
    )
    return Status(201, _response(request, response_id))


@router.post(
    "/orders/responses/{response_id}/answers/{question_id}",
    response={201: ResponseOut},
    auth=WRITE_AUTH,
)
def response_answer_file(request, response_id: int, question_id: int, file: File[UploadedFile]):
    """Answer (or replace the answer to) a question that asks for a file, until the deadline:
    multipart ``file``; PDF, Office/OpenDocument, PNG or JPEG, at most 10 MB."""
    response = _response(request, response_id)
    question = RfqQuestion.objects.filter(pk=question_id, rfq_id=response.rfq_id).first()
    if question is None:
        raise NotFoundError(_("Question not found."))
    services.response_answer_file(
        response=response, question=question, by=actor(request), upload=file
    )
    return Status(201, _response(request, response_id))


@router.post("/orders/responses/{response_id}/withdraw", response=ResponseOut, auth=WRITE_AUTH)
def response_withdraw(request, response_id: int):
    services.response_withdraw(response=_response(request, response_id), by=actor(request))
    return _response(request, response_id)


@router.post("/orders/responses/{response_id}/shortlist", response=ResponseOut, auth=WRITE_AUTH)
def response_shortlist(request, response_id: int):
    services.response_shortlist(response=_response(request, response_id), by=actor(request))
    return _response(request, response_id)


@router.post("/orders/responses/{response_id}/decline", response=ResponseOut, auth=WRITE_AUTH)
def response_decline(request, response_id: int, payload: DeclineIn):
    services.response_decline(
        response=_response(request, response_id), by=actor(request), reason=payload.reason
    )
    return _response(request, response_id)


@router.post("/orders/responses/{response_id}/award", response=ResponseOut, auth=WRITE_AUTH)
def response_award(request, response_id: int, payload: AwardIn):
    services.response_award(
        response=_response(request, response_id),
        by=actor(request),
        signed=payload.signed,
        signed_on=payload.signed_on,
    )
    return _response(request, response_id)


@router.get(
    "/orders/responses/{response_id}/clarifications",
    response=list[ClarificationOut],
    auth=WRITE_AUTH,
)
def clarification_list(request, response_id: int):
    response = _response(request, response_id)
    return list(selectors.clarifications_visible_to(actor(request)).filter(response=response))


@router.post(
    "/orders/responses/{response_id}/clarifications",
    response={201: ClarificationOut},
    auth=WRITE_AUTH,
)
def clarification_ask(request, response_id: int, payload: ClarificationIn):
    clarification = services.clarification_ask(
        response=_response(request, response_id), by=actor(request), question=payload.question
    )
    return Status(201, clarification)


@router.post(
    "/orders/clarifications/{clarification_id}/answer",
    response=ClarificationOut,
    auth=WRITE_AUTH,
)
def clarification_answer(request, clarification_id: int, payload: ClarificationAnswerIn):
    by = actor(request)
    clarification = (
        selectors.clarifications_visible_to(by)
        .select_related("response__supplier")
        .filter(pk=clarification_id)
        .first()
    )
    if clarification is None:
        raise NotFoundError("Clarification not found.")
    return services.clarification_answer(clarification=clarification, by=by, answer=payload.answer)


@router.get("/order-book", response=list[OrderBookRow], auth=WRITE_AUTH)
def order_book(request):
    by = actor(request)
    if not is_operator(by):
        raise PermissionDeniedError("Only operators can do this.")
    return [
        {
            "rfq": row["rfq"].pk,
            "title": row["rfq"].opportunity.title,
            "requester": row["rfq"].opportunity.owner.name,
            "requester_country": str(row["rfq"].opportunity.owner.country or ""),
            "sectors": row["sectors"],
            "response_deadline": row["rfq"].response_deadline,
            "status": row["rfq"].status,
            "responses": row["rfq"].response_count,
            "awards": row["rfq"].award_count,
            "awarded_value_eur": row["awarded_value_eur"],
        }
        for row in selectors.order_book(user=by)["rows"]
    ]


@router.get("/exchange-rates", response=list[ExchangeRateOut], auth=READ_AUTH)
def exchange_rate_list(request):
    return list(ExchangeRate.objects.all()[:500])


@router.post("/exchange-rates", response={201: ExchangeRateOut}, auth=WRITE_AUTH)
def exchange_rate_set(request, payload: ExchangeRateIn):
    return Status(201, services.exchange_rate_set(by=actor(request), **payload.dict()))
