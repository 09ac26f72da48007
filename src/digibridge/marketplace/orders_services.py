"""Global orders: writes on requests opened for responses, the responses, clarifications, awards
and the exchange-rate table.

Rules, enforced here and nowhere else:
- only the requester's members (or operators) open, compare, shortlist, decline, question and
  award; only the supplier's members submit, edit, withdraw and answer clarifications;
- a response is accepted only before the deadline, only from an organisation the request lets
  respond, and never beyond the cap: the request row is locked (``select_for_update``) while
  the cap is checked, so concurrent submissions near the cap cannot overshoot it;
- with sealed responses nobody on the requester's side acts on a response before the deadline
  (they cannot see it yet, see ``orders_selectors``);
- an award records a contract/order ``Agreement`` between the two organisations (proposed, or
  signed when the buyer says so) and a ``FollowUp`` about it for the centre's operators; the
  response keeps the links;
- the rules of an open request change only in the suppliers' favour: the deadline moves later,
  the cap rises, and only before the deadline;
- everyone concerned is told through ``orders_notices`` (outreach's ``notify``: preferences,
  languages, e-mail after commit), never with a direct e-mail.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibridge.accounts.services import audit
from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.common.parsing import full_clean_or_error, parse_decimal
from digibridge.directory.models import NetworkMembership, Organisation
from digibridge.directory.selectors import can_act_for, is_operator, operator_for

from . import orders_notices as notices
from .models import (
    Clarification,
    ExchangeRate,
    Opportunity,
    Rfq,
    RfqAnswer,
    RfqDocument,
    RfqQuestion,
    RfqResponse,
)
from .orders_notices import format_deadline
from .services import detect_language

logger = logging.getLogger(__name__)

RS = RfqResponse.Status
MAX_QUESTIONS = 30
MAX_DOCUMENTS = 10
_YES = {"yes", "true", "1", "on", "y", "sí", "si", "是"}
_NO = {"no", "false", "0", "off", "n", "否"}


# --- helpers -----------------------------------------------------------------------------


def _aware(moment: dt.datetime) -> dt.datetime:
    if timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def can_manage_rfq(user, rfq: Rfq) -> bool:
    """The requester's members and operators run the request."""
    return can_act_for(user, rfq.opportunity.owner)


def _require_manage(user, rfq: Rfq) -> None:
    if not can_manage_rfq(user, rfq):
        raise PermissionDeniedError(_("Only the requester and operators can do this."))


def _require_supplier(user, response: RfqResponse) -> None:
    if not can_act_for(user, response.supplier):
        raise PermissionDeniedError(_("Only the responding organisation can do this."))


def _require_visible_to_requester(response: RfqResponse) -> None:
    rfq = response.rfq
    if rfq.sealed and not rfq.deadline_passed and rfq.status == Rfq.Status.OPEN:
        raise DomainError(_("Responses are sealed until the deadline."))
    if response.status == RS.WITHDRAWN:
        raise DomainError(_("The supplier withdrew this response."))


# --- opening a request for responses -----------------------------------------------------


def _clean_questions(questions) -> list[RfqQuestion]:
    result = []
    kinds = set(RfqQuestion.Kind.values)
    for index, raw in enumerate(questions or []):
        text = (raw.get("text") or "").strip()
        if not text:
            continue
        kind = raw.get("kind") or RfqQuestion.Kind.TEXT
        if kind not in kinds:
            raise DomainError(
                _("Unknown answer type %(kind)s.") % {"kind": kind}, field="questions"
            )
        choices = raw.get("choices") or []
        if isinstance(choices, str):
            choices = [c.strip() for c in choices.replace("\n", ",").split(",")]
        choices = [str(c).strip()[:200] for c in choices if str(c).strip()]
        if kind == RfqQuestion.Kind.CHOICE and len(choices) < 2:
            raise DomainError(
                _("The question “%(question)s” needs at least two choices.") % {"question": text},
                field="questions",
            )
        question = RfqQuestion(
            position=index,
            text=text[:500],
            kind=kind,
            choices=choices if kind == RfqQuestion.Kind.CHOICE else [],
            required=bool(raw.get("required", True)),
        )
        result.append(question)
    if len(result) > MAX_QUESTIONS:
        raise DomainError(
            _("Ask at most %(count)s questions.") % {"count": MAX_QUESTIONS}, field="questions"
        )
    return result


@transaction.atomic
def rfq_open(
    *,
    opportunity: Opportunity,
    by,
    response_deadline: dt.datetime,
    sealed: bool = False,
    budget_visible: bool = False,
    eligibility: str = Rfq.Eligibility.EVERYONE,
    network=None,
    invited=(),
    max_responses: int | None = None,
    questions=(),
    notify: bool = True,
) -> Rfq:
    """Open a published request for responses until ``response_deadline`` (an aware datetime;
    a naive one is read in the current time zone). With ``notify``, invited and best-matching
    suppliers are told by a background task once the transaction commits (the engine's ranking
    is too slow for the request)."""
    if not can_act_for(by, opportunity.owner):
        raise PermissionDeniedError(_("Only the requester and operators can do this."))
    if opportunity.kind != Opportunity.Kind.REQUEST:
        raise DomainError(_("Only a request can be opened for responses."))
    if opportunity.status != Opportunity.Status.PUBLISHED:
        raise DomainError(_("Publish the request before opening it for responses."))
    if Rfq.objects.filter(opportunity=opportunity).exists():
        raise DomainError(_("This request is already open for responses."))
    if response_deadline is None:
        raise DomainError(_("Set a deadline for responses."), field="response_deadline")
    response_deadline = _aware(response_deadline)
    if response_deadline <= timezone.now():
        raise DomainError(
            _("The deadline for responses must be in the future."), field="response_deadline"
        )
    if eligibility not in Rfq.Eligibility.values:
        raise DomainError(_("Say who may respond."), field="eligibility")
    invited = [o for o in (invited or []) if o is not None]
    if eligibility == Rfq.Eligibility.NETWORK and network is None:
        raise DomainError(_("Choose the network whose members may respond."), field="network")
    if eligibility == Rfq.Eligibility.INVITED and not invited:
        raise DomainError(_("Invite at least one organisation."), field="invited")
    if max_responses is not None and int(max_responses) < 1:
        raise DomainError(_("The cap must be at least one response."), field="max_responses")
    cleaned = _clean_questions(questions)
    rfq = Rfq(
        opportunity=opportunity,
        response_deadline=response_deadline,
        sealed=bool(sealed),
        budget_visible=bool(budget_visible),
        eligibility=eligibility,
        network=network if eligibility == Rfq.Eligibility.NETWORK else None,
        max_responses=max_responses,
        opened_by=by,
    )
    full_clean_or_error(rfq, exclude=["opportunity", "opened_by", "network"])
    rfq.save()
    for question in cleaned:
        question.rfq = rfq
    RfqQuestion.objects.bulk_create(cleaned)
    if invited:
        rfq.invited.set(invited)
    audit(actor=by, action="rfq.open", obj=rfq)
    if notify:
        transaction.on_commit(lambda: _notify_suppliers_later(rfq.pk, by.pk))
    return rfq


def _notify_suppliers_later(rfq_id: int, user_id: int) -> None:
    from .tasks import notify_suppliers_of_request

    notify_suppliers_of_request.delay(rfq_id, user_id)


MATCHED_SUPPLIERS_NOTIFIED = 5


def rfq_suppliers_to_notify(*, rfq: Rfq, viewer) -> tuple[list[Organisation], list[Organisation]]:
    """(invited organisations, owners of the offers the engine ranks best for the request
    that were not invited — none when only invited ones may respond); only those allowed to
    respond."""
    invited = {o.pk: o for o in rfq.invited.all()}
    matched: dict[int, Organisation] = {}
    if rfq.eligibility != Rfq.Eligibility.INVITED:
        from digibridge.matching.selectors import matches_for

        found = matches_for(
            opportunity=rfq.opportunity, viewer=viewer, k=MATCHED_SUPPLIERS_NOTIFIED
        )
        for view in found.matches:
            owner_id = view.opportunity.owner_id
            if view.opportunity.kind == Opportunity.Kind.OFFER and owner_id not in invited:
                matched.setdefault(owner_id, view.opportunity.owner)
    return (
        [o for o in invited.values() if eligibility_problem(rfq, o) is None],
        [o for o in matched.values() if eligibility_problem(rfq, o) is None],
    )


def rfq_notify_suppliers(*, rfq: Rfq, viewer) -> int:
    """Tell the members of the suppliers from ``rfq_suppliers_to_notify``: invited ones as an
    invitation, matching ones as a match; returns how many users were told."""
    invited, matched = rfq_suppliers_to_notify(rfq=rfq, viewer=viewer)
    return notices.request_opened(rfq=rfq, invited=invited, matched=matched)


@transaction.atomic
def rfq_invite(*, rfq: Rfq, organisations, by) -> list[Organisation]:
    """Invite more suppliers while the request takes responses (the requester or an
    operator). Newly invited organisations are told (kind invitation); returns them."""
    _require_manage(by, rfq)
    rfq = Rfq.objects.select_for_update().get(pk=rfq.pk)
    if not rfq.accepts_responses:
        raise DomainError(_("This request no longer takes responses."))
    already = set(rfq.invited.values_list("pk", flat=True))
    new = [
        o
        for o in organisations
        if o is not None and o.pk not in already and o.pk != rfq.opportunity.owner_id
    ]
    if not new:
        raise DomainError(_("Choose organisations that are not invited yet."), field="invited")
    rfq.invited.add(*new)
    audit(actor=by, action="rfq.invite", obj=rfq, organisations=[o.pk for o in new])
    notices.request_opened(rfq=rfq, invited=new)
    return new


UNCHANGED: Any = object()


@transaction.atomic
def rfq_change_rules(
    *,
    rfq: Rfq,
    by,
    response_deadline: dt.datetime | None = None,
    max_responses: Any = UNCHANGED,
    budget_visible: bool | None = None,
) -> Rfq:
    """Change the rules of a request while it takes responses (the requester or an operator).

    Only in the suppliers' favour, so that nobody who planned around the announced rules loses
    by the change: ``response_deadline`` moves later (never earlier, never into the past; the
    24-hour notice goes out again for the new deadline), ``max_responses`` rises (``None``
    lifts the cap). ``budget_visible`` may go either way. Arguments left out stay as they are.
    Once the deadline has passed, the request is closed or a response awarded, nothing
    changes. Suppliers who were invited or responded are told what changed; audit-logged."""
    _require_manage(by, rfq)
    rfq = Rfq.objects.select_for_update(of=("self",)).select_related("opportunity").get(pk=rfq.pk)
    if not rfq.accepts_responses or rfq.responses.filter(status=RS.AWARDED).exists():
        raise DomainError(_("The rules can only be changed while the request takes responses."))
    changes: dict[str, tuple[Any, Any]] = {}
    if response_deadline is not None:
        response_deadline = _aware(response_deadline)
        if response_deadline <= timezone.now():
            raise DomainError(
                _("The deadline for responses must be in the future."), field="response_deadline"
            )
        if response_deadline < rfq.response_deadline:
            raise DomainError(
                _("The deadline can only be extended: it is %(deadline)s now.")
                % {"deadline": format_deadline(rfq.response_deadline)},
                field="response_deadline",
            )
        if response_deadline != rfq.response_deadline:
            changes["response_deadline"] = (rfq.response_deadline, response_deadline)
    if max_responses is not UNCHANGED:
        if max_responses is not None:
            try:
                max_responses = int(max_responses)
            except (TypeError, ValueError) as exc:
                raise DomainError(
                    _("Enter a whole number of responses."), field="max_responses"
                ) from exc
            current = rfq.max_responses
            if current is None or max_responses < current:
                raise DomainError(
                    _("The cap on responses can only be raised.")
                    if current is not None
                    else _("This request takes any number of responses; a cap cannot be added."),
                    field="max_responses",
                )
        if max_responses != rfq.max_responses:
            changes["max_responses"] = (rfq.max_responses, max_responses)
    if budget_visible is not None and bool(budget_visible) != rfq.budget_visible:
        changes["budget_visible"] = (rfq.budget_visible, bool(budget_visible))
    if not changes:
        raise DomainError(_("Nothing to change: these are the current rules."))
    fields = []
    if "response_deadline" in changes:
        rfq.response_deadline = changes["response_deadline"][1]
        rfq.deadline_reminded_at = None
        fields += ["response_deadline", "deadline_reminded_at"]
    if "max_responses" in changes:
        rfq.max_responses = changes["max_responses"][1]
        fields.append("max_responses")
    if "budget_visible" in changes:
        rfq.budget_visible = changes["budget_visible"][1]
        fields.append("budget_visible")
    rfq.save(update_fields=fields)
    audit(
        actor=by,
        action="rfq.change_rules",
        obj=rfq,
        changes={
            key: [v.isoformat() if isinstance(v, dt.datetime) else v for v in pair]
            for key, pair in changes.items()
        },
    )
    notices.rules_changed(rfq=rfq, changes=changes, by=by)
    return rfq


# --- responses ---------------------------------------------------------------------------


def eligibility_problem(rfq: Rfq, supplier: Organisation) -> str | None:
    """Why ``supplier`` may not respond to ``rfq`` (translated), or None when it may."""
    if supplier.pk == rfq.opportunity.owner_id:
        return _("You cannot respond to your own request.")
    if supplier.status != Organisation.Status.APPROVED:
        return _("Your organisation must be approved before it can respond.")
    if rfq.eligibility == Rfq.Eligibility.VERIFIED and not supplier.verified:
        return _("Only verified organisations may respond to this request.")
    if (
        rfq.eligibility == Rfq.Eligibility.INVITED
        and not rfq.invited.filter(pk=supplier.pk).exists()
    ):
        return _("Only invited organisations may respond to this request.")
    if rfq.eligibility == Rfq.Eligibility.NETWORK and not (
        NetworkMembership.objects.filter(network_id=rfq.network_id, organisation=supplier).exists()
    ):
        return _("Only members of the network %(network)s may respond to this request.") % {
            "network": rfq.network.name if rfq.network else "—"
        }
    return None


def _refuse_late(rfq: Rfq) -> None:
    if rfq.deadline_passed or rfq.status != Rfq.Status.OPEN:
        raise DomainError(
            _(
                "Responses closed on %(deadline)s; late responses are not accepted. "
                "Contact the requester if you still want to offer something."
            )
            % {"deadline": format_deadline(rfq.response_deadline)},
            code="late",
        )


def _answer_value(question: RfqQuestion, raw) -> dict[str, Any] | None:
    """The columns of an answer, or None when nothing was given."""
    field = f"answer_{question.pk}"
    if isinstance(raw, str):
        raw = raw.strip()
    if raw in (None, ""):
        return None
    kind = question.kind
    if kind == RfqQuestion.Kind.TEXT:
        return {"text": str(raw)[:5000]}
    if kind == RfqQuestion.Kind.NUMBER:
        return {"number": parse_decimal(raw, field, negative_ok=True)}
    if kind == RfqQuestion.Kind.YES_NO:
        if isinstance(raw, bool):
            return {"yes": raw}
        word = str(raw).lower()
        if word in _YES:
            return {"yes": True}
        if word in _NO:
            return {"yes": False}
        raise DomainError(
            _("Answer “%(question)s” with yes or no.") % {"question": question.text}, field=field
        )
    if kind == RfqQuestion.Kind.CHOICE:
        if str(raw) not in question.choices:
            raise DomainError(
                _("Pick one of the choices for “%(question)s”.") % {"question": question.text},
                field=field,
            )
        return {"text": str(raw)}
    return None  # files come separately


def _validate_upload(upload, field: str):
    from digibridge.cooperation.services import validate_document

    try:
        return validate_document(upload)
    except DomainError as exc:
        raise DomainError(exc.message, field=field) from exc


def _original_name(upload) -> str:
    return ((getattr(upload, "name", "") or "document").replace("\\", "/").split("/")[-1])[:255]


@transaction.atomic
def response_submit(
    *,
    rfq: Rfq,
    supplier: Organisation,
    by,
    data: dict[str, Any],
    answers: dict | None = None,
    files: dict | None = None,
    documents=(),
    offer: Opportunity | None = None,
) -> RfqResponse:
    """Submit, or edit until the deadline, ``supplier``'s response.

    ``data``: kind, message, price, currency, terms, lead_time_days. ``answers``: question id →
    value; ``files``: question id → upload for file questions; ``documents``: further uploads.
    A full response needs a price and every required answer; an expression of interest needs
    neither. Locks the request row so the cap holds under concurrent submissions."""
    if not can_act_for(by, supplier):
        raise PermissionDeniedError(_("You can only respond for your own organisation."))
    rfq = (
        Rfq.objects.select_for_update(of=("self",))
        .select_related("opportunity", "network")
        .get(pk=rfq.pk)
    )
    _refuse_late(rfq)
    problem = eligibility_problem(rfq, supplier)
    if problem:
        raise PermissionDeniedError(problem)
    response = RfqResponse.objects.filter(rfq=rfq, supplier=supplier).first()
    if response is not None and response.status in (RS.DECLINED, RS.AWARDED):
        raise DomainError(_("This response has been decided and can no longer be edited."))
    if response is None or response.status == RS.WITHDRAWN:
        if rfq.max_responses is not None:
            taken = (
                RfqResponse.objects.filter(rfq=rfq)
                .exclude(status=RS.WITHDRAWN)
                .exclude(supplier=supplier)
                .count()
            )
            if taken >= rfq.max_responses:
                raise DomainError(
                    _("This request has received the %(count)s responses it accepts.")
                    % {"count": rfq.max_responses},
                    code="full",
                )
    creating = response is None
    arriving = creating or response.status == RS.WITHDRAWN
    if creating:
        response = RfqResponse(rfq=rfq, supplier=supplier)
    kind = data.get("kind") or RfqResponse.Kind.FULL
    if kind not in RfqResponse.Kind.values:
        raise DomainError(_("Choose an expression of interest or a full response."), field="kind")
    response.kind = kind
    response.message = (data.get("message") or "").strip()
    response.terms = (data.get("terms") or "").strip()
    response.price = parse_decimal(data.get("price"), "price", negative_ok=False)
    currency = data.get("currency") or rfq.opportunity.currency
    if currency not in Opportunity.Currency.values:
        raise DomainError(_("Choose a currency."), field="currency")
    response.currency = currency
    lead = data.get("lead_time_days")
    if lead in (None, ""):
        response.lead_time_days = None
    else:
        try:
            response.lead_time_days = int(lead)
        except (TypeError, ValueError) as exc:
            raise DomainError(_("Enter a whole number of days."), field="lead_time_days") from exc
        if response.lead_time_days < 0:
            raise DomainError(_("The lead time cannot be negative."), field="lead_time_days")
    full = kind == RfqResponse.Kind.FULL
    if full and response.price is None:
        raise DomainError(_("A full response states a price."), field="price")
    if offer is not None and not can_act_for(by, offer.owner):
        raise DomainError(_("Answer with one of your own offers."), field="offer")
    response.offer = offer if offer is not None else response.offer
    response.status = RS.SUBMITTED if response.status == RS.WITHDRAWN else response.status
    response.submitted_by = by
    if creating or response.status == RS.SUBMITTED:
        response.submitted_at = timezone.now()

    answers = {str(k): v for k, v in (answers or {}).items()}
    files = {str(k): v for k, v in (files or {}).items() if v}
    existing = {a.question_id: a for a in response.answers.all()} if response.pk else {}
    questions = list(rfq.questions.all())
    planned: list[tuple[RfqQuestion, dict[str, Any] | None, Any]] = []
    for question in questions:
        key = str(question.pk)
        if question.kind == RfqQuestion.Kind.FILE:
            upload = files.get(key)
            if upload is not None:
                _validate_upload(upload, f"answer_{question.pk}")
            has = upload is not None or bool(
                existing.get(question.pk) and existing[question.pk].file
            )
            if full and question.required and not has:
                raise DomainError(
                    _("Attach a file for “%(question)s”.") % {"question": question.text},
                    field=f"answer_{question.pk}",
                )
            planned.append((question, None, upload))
            continue
        value = _answer_value(question, answers.get(key))
        if full and question.required and value is None:
            raise DomainError(
                _("Answer the required question “%(question)s”.") % {"question": question.text},
                field=f"answer_{question.pk}",
            )
        planned.append((question, value, None))
    documents = [d for d in (documents or []) if d]
    already = response.documents.count() if response.pk else 0
    if already + len(documents) > MAX_DOCUMENTS:
        raise DomainError(
            _("Attach at most %(count)s documents.") % {"count": MAX_DOCUMENTS}, field="documents"
        )
    for upload in documents:
        _validate_upload(upload, "documents")

    texts = [
        response.message,
        response.terms,
        *[(v or {}).get("text", "") for _q, v, _u in planned],
    ]
    response.language = detect_language("\n".join(t for t in texts if t))
    full_clean_or_error(
        response, exclude=["rfq", "supplier", "offer", "submitted_by", "agreement", "follow_up"]
    )
    response.save()

    for question, value, upload in planned:
        answer = existing.get(question.pk)
        if question.kind == RfqQuestion.Kind.FILE:
            if upload is None:
                continue
            answer = answer or RfqAnswer(response=response, question=question)
            _extension, _type = _validate_upload(upload, f"answer_{question.pk}")
            answer.file_name = _original_name(upload)
            answer.file.save(answer.file_name, upload, save=False)
            answer.save()
            continue
        if value is None:
            if answer is not None:
                answer.delete()
            continue
        answer = answer or RfqAnswer(response=response, question=question)
        answer.text = value.get("text", "")
        answer.number = value.get("number")
        answer.yes = value.get("yes")
        answer.save()
    for upload in documents:
        _save_document(response, upload)
    audit(actor=by, action="rfq_response.submit" if creating else "rfq_response.edit", obj=response)
    if arriving:
        notices.response_received(response=response, by=by)
    return response


def _save_document(response: RfqResponse, upload) -> RfqDocument:
    _extension, content_type = _validate_upload(upload, "documents")
    document = RfqDocument(
        response=response,
        original_name=_original_name(upload),
        content_type=content_type,
        size=upload.size,
    )
    document.file.save(document.original_name, upload, save=False)
    document.save()
    return document


@transaction.atomic
def response_document_add(*, response: RfqResponse, by, upload) -> RfqDocument:
    """Attach one more document to a response, until the deadline."""
    _require_supplier(by, response)
    _refuse_late(response.rfq)
    if response.status not in (RS.SUBMITTED, RS.SHORTLISTED):
        raise DomainError(_("This response can no longer be changed."))
    if response.documents.count() >= MAX_DOCUMENTS:
        raise DomainError(
            _("Attach at most %(count)s documents.") % {"count": MAX_DOCUMENTS}, field="documents"
        )
    document = _save_document(response, upload)
    audit(actor=by, action="rfq_response.document_add", obj=response, name=document.original_name)
    return document


@transaction.atomic
def response_answer_file(*, response: RfqResponse, question: RfqQuestion, by, upload) -> RfqAnswer:
    """Answer, or replace the answer to, a file question of ``response``'s request, until the
    deadline; the upload is checked like every other (type, declared type, leading bytes,
    size)."""
    _require_supplier(by, response)
    _refuse_late(response.rfq)
    if response.status not in (RS.SUBMITTED, RS.SHORTLISTED):
        raise DomainError(_("This response can no longer be changed."))
    if question.rfq_id != response.rfq_id or question.kind != RfqQuestion.Kind.FILE:
        raise DomainError(_("Choose a question of this request that asks for a file."))
    if upload is None:
        raise DomainError(_("Attach a file."), field=f"answer_{question.pk}")
    _validate_upload(upload, f"answer_{question.pk}")
    answer = RfqAnswer.objects.filter(response=response, question=question).first()
    answer = answer or RfqAnswer(response=response, question=question)
    answer.file_name = _original_name(upload)
    answer.file.save(answer.file_name, upload, save=False)
    answer.save()
    audit(actor=by, action="rfq_response.answer_file", obj=response, question=question.pk)
    return answer


@transaction.atomic
def response_withdraw(*, response: RfqResponse, by) -> RfqResponse:
    _require_supplier(by, response)
    response = RfqResponse.objects.select_related("rfq").get(pk=response.pk)
    _refuse_late(response.rfq)
    if response.status not in (RS.SUBMITTED, RS.SHORTLISTED):
        raise DomainError(_("Only a response still under consideration can be withdrawn."))
    response.status = RS.WITHDRAWN
    response.save(update_fields=["status", "updated_at"])
    audit(actor=by, action="rfq_response.withdraw", obj=response)
    return response


@transaction.atomic
def response_shortlist(*, response: RfqResponse, by) -> RfqResponse:
    _require_manage(by, response.rfq)
    _require_visible_to_requester(response)
    if response.status not in (RS.SUBMITTED, RS.DECLINED):
        raise DomainError(_("Only a submitted or declined response can be shortlisted."))
    response.status = RS.SHORTLISTED
    response.decline_reason = ""
    response.save(update_fields=["status", "decline_reason", "updated_at"])
    audit(actor=by, action="rfq_response.shortlist", obj=response)
    notices.response_decided(response=response, by=by)
    return response


@transaction.atomic
def response_decline(*, response: RfqResponse, by, reason: str) -> RfqResponse:
    _require_manage(by, response.rfq)
    _require_visible_to_requester(response)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the supplier a reason."), field="reason")
    if response.status not in (RS.SUBMITTED, RS.SHORTLISTED):
        raise DomainError(_("Only a submitted or shortlisted response can be declined."))
    response.status = RS.DECLINED
    response.decline_reason = reason[:500]
    response.save(update_fields=["status", "decline_reason", "updated_at"])
    audit(actor=by, action="rfq_response.decline", obj=response)
    notices.response_decided(response=response, by=by)
    return response


# --- clarifications ----------------------------------------------------------------------


@transaction.atomic
def clarification_ask(*, response: RfqResponse, by, question: str) -> Clarification:
    """The requester asks the supplier of ``response``; only that supplier will see it."""
    _require_manage(by, response.rfq)
    _require_visible_to_requester(response)
    question = (question or "").strip()
    if not question:
        raise DomainError(_("Write your question."), field="question")
    clarification = Clarification(response=response, question=question, asked_by=by)
    full_clean_or_error(clarification, exclude=["response", "asked_by", "answered_by"])
    clarification.save()
    audit(actor=by, action="clarification.ask", obj=clarification)
    notices.clarification_asked(clarification=clarification, by=by)
    return clarification


@transaction.atomic
def clarification_answer(*, clarification: Clarification, by, answer: str) -> Clarification:
    _require_supplier(by, clarification.response)
    answer = (answer or "").strip()
    if not answer:
        raise DomainError(_("Write your answer."), field="answer")
    clarification.answer = answer
    clarification.answered_by = by
    clarification.answered_at = timezone.now()
    full_clean_or_error(clarification, exclude=["response", "asked_by", "answered_by"])
    clarification.save()
    audit(actor=by, action="clarification.answer", obj=clarification)
    notices.clarification_answered(clarification=clarification, by=by)
    return clarification


# --- awarding ----------------------------------------------------------------------------


def _follow_up_owner(by, organisations):
    """Follow-ups belong to operators: the acting operator, else the centre's first one."""
    if is_operator(by):
        return by
    return operator_for(organisations)


@transaction.atomic
def response_award(
    *, response: RfqResponse, by, signed: bool = False, signed_on: dt.date | None = None
) -> RfqResponse:
    """Award ``response`` (several responses of one request may be awarded).

    Needs the deadline passed (or the request closed). Records a contract/order agreement
    between requester and supplier — signed when ``signed``, proposed otherwise — linked to the
    request (and to the supplier's offer when the response names one), and a follow-up about it
    owned by an operator. Cooperation follow-ups must hang on an agreement, a match or a
    meeting; the agreement is that anchor, so it is recorded even before signing."""
    from digibridge.cooperation import services as cooperation
    from digibridge.cooperation.models import Agreement, AgreementParty, FollowUp

    from .selectors import opportunities_visible_to

    rfq = (
        Rfq.objects.select_for_update(of=("self",))
        .select_related("opportunity__owner")
        .get(pk=response.rfq_id)
    )
    _require_manage(by, rfq)
    response = RfqResponse.objects.select_for_update().get(pk=response.pk)
    response.rfq = rfq
    if rfq.status == Rfq.Status.OPEN and not rfq.deadline_passed:
        raise DomainError(
            _("Responses can be awarded after the deadline (%(deadline)s).")
            % {"deadline": format_deadline(rfq.response_deadline)}
        )
    if response.status not in (RS.SUBMITTED, RS.SHORTLISTED):
        raise DomainError(_("Only a submitted or shortlisted response can be awarded."))
    request = rfq.opportunity
    offer = response.offer
    if offer is not None and not opportunities_visible_to(by).filter(pk=offer.pk).exists():
        offer = None
    data = {
        "kind": Agreement.Kind.CONTRACT_ORDER,
        "title": (_("Order: %(title)s") % {"title": request.title})[:200],
        "description": response.terms,
        "value": response.price,
        "currency": response.currency,
    }
    if signed and signed_on is not None:
        data["signed_on"] = signed_on
    agreement = cooperation.agreement_create(
        by=by,
        data=data,
        parties=[
            (request.owner, AgreementParty.Role.SIGNATORY),
            (response.supplier, AgreementParty.Role.SIGNATORY),
        ],
        source_opportunity=request,
        counterpart_opportunity=offer,
        status=Agreement.Status.SIGNED if signed else Agreement.Status.PROPOSED,
    )
    owner = _follow_up_owner(by, [request.owner, response.supplier])
    follow_up = None
    if owner is not None:
        follow_up = cooperation.follow_up_create(
            by=owner,
            owner=owner,
            agreement=agreement,
            data={
                "stage": FollowUp.Stage.AGREED if signed else FollowUp.Stage.NEGOTIATING,
                "next_action": (
                    _("Follow the order with %(supplier)s") % {"supplier": response.supplier.name}
                )[:300],
            },
        )
    else:
        logger.warning("No operator to own the follow-up of award %s", response.pk)
    response.status = RS.AWARDED
    response.awarded_at = timezone.now()
    response.agreement = agreement
    response.follow_up = follow_up
    response.save(update_fields=["status", "awarded_at", "agreement", "follow_up", "updated_at"])
    audit(actor=by, action="rfq_response.award", obj=response, signed=bool(signed))
    notices.response_decided(response=response, by=by)
    return response


@transaction.atomic
def response_award_sign(
    *, response: RfqResponse, by, signed_on: dt.date | None = None
) -> RfqResponse:
    """Mark the order of an awarded response as signed."""
    from digibridge.cooperation import services as cooperation
    from digibridge.cooperation.models import Agreement, FollowUp

    _require_manage(by, response.rfq)
    if response.status != RS.AWARDED or response.agreement is None:
        raise DomainError(_("Only an awarded response has an order to sign."))
    if response.agreement.status != Agreement.Status.SIGNED:
        cooperation.agreement_transition(
            agreement=response.agreement, to=Agreement.Status.SIGNED, by=by, signed_on=signed_on
        )
    if response.follow_up_id:
        FollowUp.objects.filter(pk=response.follow_up_id).update(
            stage=FollowUp.Stage.AGREED, updated_at=timezone.now()
        )
    audit(actor=by, action="rfq_response.sign", obj=response)
    return response


# --- closing -----------------------------------------------------------------------------


def rfq_close_due(*, now: dt.datetime | None = None) -> int:
    """Close every open request whose deadline has passed and notify both sides (e-mails leave
    once the closing is committed); returns how many were closed. Safe to run concurrently:
    each request is locked and re-checked in its own transaction."""
    now = now or timezone.now()
    closed = 0
    due = list(
        Rfq.objects.filter(status=Rfq.Status.OPEN, response_deadline__lte=now).values_list(
            "pk", flat=True
        )
    )
    for pk in due:
        with transaction.atomic():
            rfq = (
                Rfq.objects.select_for_update(of=("self",))
                .select_related("opportunity")
                .filter(pk=pk, status=Rfq.Status.OPEN)
                .first()
            )
            if rfq is None:
                continue
            rfq.status = Rfq.Status.CLOSED
            rfq.closed_at = now
            rfq.save(update_fields=["status", "closed_at"])
            audit(actor=None, action="rfq.close", obj=rfq)
            notices.request_closed(rfq=rfq)
            closed += 1
    return closed


REMINDER_BEFORE = dt.timedelta(hours=24)


def rfq_remind_due(*, now: dt.datetime | None = None) -> int:
    """Send the "closes in 24 hours" notice for every open request whose deadline is less
    than a day away and that has not had it for this deadline; returns how many requests.
    Each request is locked and re-checked in its own transaction, so concurrent runs send it
    once; extending the deadline clears the mark (see ``rfq_change_rules``)."""
    now = now or timezone.now()
    due = list(
        Rfq.objects.filter(
            status=Rfq.Status.OPEN,
            deadline_reminded_at__isnull=True,
            response_deadline__gt=now,
            response_deadline__lte=now + REMINDER_BEFORE,
        ).values_list("pk", flat=True)
    )
    reminded = 0
    for pk in due:
        with transaction.atomic():
            rfq = (
                Rfq.objects.select_for_update(of=("self",))
                .select_related("opportunity__owner")
                .filter(pk=pk, status=Rfq.Status.OPEN, deadline_reminded_at__isnull=True)
                .first()
            )
            if rfq is None or rfq.response_deadline <= now:
                continue
            rfq.deadline_reminded_at = now
            rfq.save(update_fields=["deadline_reminded_at"])
            notices.deadline_approaching(rfq=rfq)
            reminded += 1
    return reminded


# --- exchange rates ----------------------------------------------------------------------


@transaction.atomic
def exchange_rate_set(
    *, currency: str, rate_to_eur, by, valid_from: dt.date | None = None
) -> ExchangeRate:
    """Record what one unit of ``currency`` is worth in euros from ``valid_from`` on."""
    if not is_operator(by):
        raise PermissionDeniedError(_("Only operators can do this."))
    if currency not in Opportunity.Currency.values or currency == "EUR":
        raise DomainError(_("Choose a currency other than EUR."), field="currency")
    rate = parse_decimal(rate_to_eur, "rate_to_eur", negative_ok=False)
    if rate is None or rate <= 0:
        raise DomainError(_("The rate must be above zero."), field="rate_to_eur")
    valid_from = valid_from or timezone.localdate()
    row, _created = ExchangeRate.objects.update_or_create(
        currency=currency,
        valid_from=valid_from,
        defaults={"rate_to_eur": rate, "set_by": by},
    )
    audit(actor=by, action="exchange_rate.set", obj=row, currency=currency, rate=str(rate))
    return row
