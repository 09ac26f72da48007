"""Pages of global orders: open a request for responses, respond, compare, decide, the order
book. Every read goes through ``orders_selectors`` (the privacy rules); every write through
``orders_services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibridge.common.errors import DomainError
from digibridge.common.pagination import paginate
from digibridge.directory.models import Organisation
from digibridge.directory.selectors import can_act_for, is_operator, user_organisation_ids

from . import orders_selectors as selectors
from . import orders_services as services
from .models import ExchangeRate, Opportunity, RfqAnswer, RfqDocument
from .orders_forms import (
    AwardForm,
    ClarificationAnswerForm,
    ClarificationForm,
    DeclineForm,
    ExchangeRateForm,
    QuestionFormSet,
    ResponseForm,
    RfqOpenForm,
    RfqRulesForm,
)
from .selectors import opportunities_visible_to


def _rfq_or_404(request, pk: int):
    rfq = selectors.rfqs_visible_to(request.user).filter(pk=pk).first()
    if rfq is None:
        raise Http404
    return rfq


def _response_or_404(request, pk: int):
    response = selectors.responses_visible_to(request.user).filter(pk=pk).first()
    if response is None:
        raise Http404
    return response


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _require_operator(request) -> None:
    if not is_operator(request.user):
        raise Http404


def rfq_list(request):
    page = paginate(
        request,
        selectors.rfq_search(user=request.user, open_only=True, q=request.GET.get("q", "")),
    )
    return render(request, "marketplace/orders/rfq_list.html", {"page_obj": page})


@login_required
def rfq_open(request, pk: int):
    opportunity = opportunities_visible_to(request.user).filter(pk=pk).first()
    if opportunity is None or not can_act_for(request.user, opportunity.owner):
        raise Http404
    if hasattr(opportunity, "rfq"):
        return redirect("marketplace:rfq", opportunity.rfq.pk)
    form = RfqOpenForm(request.POST or None)
    questions = QuestionFormSet(request.POST or None, prefix="q")
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        data = form.cleaned_data
        try:
            rfq = services.rfq_open(
                opportunity=opportunity,
                by=request.user,
                response_deadline=data["response_deadline"],
                sealed=data["sealed"],
                budget_visible=data["budget_visible"],
                eligibility=data["eligibility"],
                network=data["network"],
                invited=list(data["invited"]),
                max_responses=data["max_responses"],
                questions=[q for q in questions.cleaned_data if q],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The request is open for responses."))
            return redirect("marketplace:rfq", rfq.pk)
    return render(
        request,
        "marketplace/orders/rfq_form.html",
        {"form": form, "questions": questions, "opportunity": opportunity},
    )


def rfq_detail(request, pk: int):
    rfq = _rfq_or_404(request, pk)
    own = user_organisation_ids(request.user)
    manage = services.can_manage_rfq(request.user, rfq)
    mine = list(selectors.my_responses(user=request.user).filter(rfq=rfq))
    can_respond_for = [
        o
        for o in Organisation.objects.filter(pk__in=own).order_by("name")
        if services.eligibility_problem(rfq, o) is None
    ]
    return render(
        request,
        "marketplace/orders/rfq_detail.html",
        {
            "rfq": rfq,
            "opportunity": rfq.opportunity,
            "questions": list(rfq.questions.all()),
            "manage": manage,
            "show_budget": manage or rfq.budget_visible,
            "mine": mine,
            "can_respond_for": can_respond_for if rfq.accepts_responses else [],
            "sealed": selectors.sealed_for(rfq, request.user),
            "deadline": services.format_deadline(rfq.response_deadline),
            "response_count": (
                selectors.responses_for_rfq(rfq=rfq, user=request.user).count() if manage else None
            ),
            "invitable": (
                Organisation.objects.filter(
                    status=Organisation.Status.APPROVED, type=Organisation.Type.ENTERPRISE
                )
                .exclude(pk=rfq.opportunity.owner_id)
                .exclude(pk__in=rfq.invited.values("pk"))
                .order_by("name")
                if manage and rfq.accepts_responses
                else []
            ),
        },
    )


@login_required
def response_form(request, pk: int):
    rfq = _rfq_or_404(request, pk)
    own = Organisation.objects.filter(pk__in=user_organisation_ids(request.user)).order_by("name")
    supplier = own.filter(pk=request.GET.get("as") or request.POST.get("as") or 0).first() or (
        own.exclude(pk=rfq.opportunity.owner_id).first()
    )
    if supplier is None:
        messages.info(request, _("Register your organisation first; then you can respond."))
        return redirect("directory:create")
    existing = selectors.my_responses(user=request.user).filter(rfq=rfq, supplier=supplier).first()
    offers = Opportunity.objects.filter(
        owner=supplier, kind=Opportunity.Kind.OFFER, status=Opportunity.Status.PUBLISHED
    ).order_by("title")
    initial = (
        ResponseForm.initial_for(existing)
        if existing
        else {"currency": rfq.opportunity.currency, "kind": "full"}
    )
    form = ResponseForm(
        request.POST or None, request.FILES or None, rfq=rfq, offers=offers, initial=initial
    )
    problem = services.eligibility_problem(rfq, supplier)
    if request.method == "POST" and form.is_valid():
        fixed, answers, files, documents = form.service_input()
        offer = offers.filter(pk=form.cleaned_data.get("offer") or 0).first()
        try:
            response = services.response_submit(
                rfq=rfq,
                supplier=supplier,
                by=request.user,
                data=fixed,
                answers=answers,
                files=files,
                documents=documents,
                offer=offer,
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request, _("Your response is sent; you can edit it until the deadline.")
            )
            return redirect("marketplace:response", response.pk)
    return render(
        request,
        "marketplace/orders/response_form.html",
        {
            "rfq": rfq,
            "form": form,
            "supplier": supplier,
            "existing": existing,
            "problem": problem,
            "late": not rfq.accepts_responses,
            "deadline": services.format_deadline(rfq.response_deadline),
        },
    )


@login_required
def rfq_compare(request, pk: int):
    rfq = _rfq_or_404(request, pk)
    if not services.can_manage_rfq(request.user, rfq):
        raise Http404
    table = selectors.comparison(rfq=rfq, user=request.user)
    for row in table["rows"]:
        row.cells = [row.answers.get(q.pk) for q in table["questions"]]
    return render(request, "marketplace/orders/rfq_compare.html", {"rfq": rfq, **table})


@login_required
def response_detail(request, pk: int):
    response = _response_or_404(request, pk)
    manage = services.can_manage_rfq(request.user, response.rfq)
    supplier_side = can_act_for(request.user, response.supplier)
    return render(
        request,
        "marketplace/orders/response_detail.html",
        {
            "response": response,
            "rfq": response.rfq,
            "answers": list(response.answers.select_related("question")),
            "documents": list(response.documents.all()),
            "clarifications": list(
                selectors.clarifications_visible_to(request.user).filter(response=response)
            ),
            "manage": manage,
            "supplier_side": supplier_side,
            "ask_form": ClarificationForm(),
            "answer_form": ClarificationAnswerForm(),
            "decline_form": DeclineForm(),
            "award_form": AwardForm(initial={"signed_on": timezone.localdate()}),
        },
    )


@login_required
@require_POST
def response_action(request, pk: int, action: str):
    response = _response_or_404(request, pk)
    by = request.user
    try:
        if action == "withdraw":
            services.response_withdraw(response=response, by=by)
            messages.success(request, _("Your response is withdrawn."))
        elif action == "shortlist":
            services.response_shortlist(response=response, by=by)
            messages.success(request, _("Shortlisted."))
        elif action == "decline":
            form = DeclineForm(request.POST)
            if request.POST.get("confirm") != "yes" or not form.is_valid():
                return render(
                    request,
                    "marketplace/orders/response_confirm.html",
                    {"response": response, "action": action, "form": form},
                )
            services.response_decline(response=response, by=by, reason=form.cleaned_data["reason"])
            messages.success(request, _("Declined; the supplier sees your reason."))
        elif action == "award":
            form = AwardForm(request.POST)
            if request.POST.get("confirm") != "yes" or not form.is_valid():
                return render(
                    request,
                    "marketplace/orders/response_confirm.html",
                    {"response": response, "action": action, "form": form},
                )
            services.response_award(
                response=response,
                by=by,
                signed=form.cleaned_data["signed"],
                signed_on=form.cleaned_data["signed_on"],
            )
            messages.success(request, _("Awarded; the order is now in the cooperation pipeline."))
        elif action == "sign":
            services.response_award_sign(response=response, by=by)
            messages.success(request, _("The order is recorded as signed."))
        elif action == "ask":
            form = ClarificationForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Write your question."))
            services.clarification_ask(
                response=response, by=by, question=form.cleaned_data["question"]
            )
            messages.success(request, _("Your question is sent to this supplier only."))
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("marketplace:response", response.pk)


@login_required
@require_POST
def clarification_answer(request, pk: int):
    clarification = (
        selectors.clarifications_visible_to(request.user)
        .select_related("response__supplier")
        .filter(pk=pk)
        .first()
    )
    if clarification is None:
        raise Http404
    form = ClarificationAnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Write your answer."))
        services.clarification_answer(
            clarification=clarification, by=request.user, answer=form.cleaned_data["answer"]
        )
        messages.success(request, _("Answered."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("marketplace:response", clarification.response_id)


@login_required
def response_file(request, pk: int, kind: str, file_pk: int):
    response = _response_or_404(request, pk)
    if kind == "document":
        item = RfqDocument.objects.filter(response=response, pk=file_pk).first()
        name = item.original_name if item else ""
    elif kind == "answer":
        item = RfqAnswer.objects.filter(response=response, pk=file_pk).exclude(file="").first()
        name = item.file_name if item else ""
    else:
        item = None
    if item is None:
        raise Http404
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=name)


@login_required
def my_orders(request):
    own = user_organisation_ids(request.user)
    return render(
        request,
        "marketplace/orders/my_orders.html",
        {
            "responses": list(selectors.my_responses(user=request.user)[:200]),
            "requests": list(
                selectors.rfqs_visible_to(request.user).filter(opportunity__owner_id__in=own)[:200]
            ),
        },
    )


@login_required
def order_book(request):
    _require_operator(request)
    return render(
        request, "marketplace/orders/order_book.html", selectors.order_book(user=request.user)
    )


@login_required
def order_book_export(request):
    _require_operator(request)
    from digibridge.reports import exports

    content = exports.to_xlsx(selectors.order_book_tables(user=request.user))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="order-book-{stamp}.xlsx"'
    return response


@login_required
def exchange_rates(request):
    _require_operator(request)
    form = ExchangeRateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.exchange_rate_set(by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("marketplace:rates")
    return render(
        request,
        "marketplace/orders/rates.html",
        {"form": form, "rates": ExchangeRate.objects.select_related("set_by")[:200]},
    )


@login_required
@require_POST
def rfq_invite(request, pk: int):
    rfq = _rfq_or_404(request, pk)
    ids = [int(v) for v in request.POST.getlist("organisations") if v.isdigit()]
    organisations = list(Organisation.objects.filter(pk__in=ids, status="approved"))
    try:
        invited = services.rfq_invite(rfq=rfq, organisations=organisations, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Invited: %(names)s.") % {"names": ", ".join(o.name for o in invited)},
        )
    return redirect("marketplace:rfq", rfq.pk)


@login_required
def rfq_rules(request, pk: int):
    """Change the rules of a request that takes responses: later deadline, higher cap,
    budget shown or hidden."""
    rfq = _rfq_or_404(request, pk)
    if not services.can_manage_rfq(request.user, rfq):
        raise Http404
    initial = RfqRulesForm.initial_for(rfq)
    form = RfqRulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        deadline = data["response_deadline"]
        try:
            services.rfq_change_rules(
                rfq=rfq,
                by=request.user,
                # the form shows minutes: an untouched field keeps the stored deadline
                response_deadline=None if deadline == initial["response_deadline"] else deadline,
                max_responses=data["max_responses"],
                budget_visible=data["budget_visible"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request, _("The rules are changed; the suppliers concerned are notified.")
            )
            return redirect("marketplace:rfq", rfq.pk)
    return render(
        request,
        "marketplace/orders/rfq_rules.html",
        {
            "rfq": rfq,
            "opportunity": rfq.opportunity,
            "form": form,
            "deadline": services.format_deadline(rfq.response_deadline),
            "time_zone": timezone.get_current_timezone_name(),
        },
    )
