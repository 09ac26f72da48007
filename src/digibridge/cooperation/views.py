from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibridge.common.errors import DomainError
from digibridge.common.pagination import paginate
from digibridge.directory.models import Organisation
from digibridge.directory.selectors import centre_q, is_operator, user_organisation_ids
from digibridge.marketplace.selectors import opportunities_visible_to

from . import selectors, services
from .forms import (
    AgreementFilterForm,
    AgreementForm,
    DocumentForm,
    FollowUpForm,
    ServiceRequestForm,
    ServiceRequestHandleForm,
)
from .models import Agreement, AgreementDocument, ServiceRequest


def _agreement_or_404(request, pk: int) -> Agreement:
    agreement = selectors.agreement_detail(user=request.user, pk=pk)
    if agreement is None:
        raise Http404
    return agreement


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _operator_only(request) -> None:
    if not is_operator(request.user):
        raise Http404


# --- agreements --------------------------------------------------------------------------


@login_required
def agreement_list(request):
    form = AgreementFilterForm(request.GET or None)
    page = paginate(request, selectors.agreement_search(user=request.user, **form.filters()))
    return render(
        request,
        "cooperation/agreement_list.html",
        {"form": form, "page_obj": page},
    )


@login_required
def agreement_detail(request, pk: int):
    agreement = _agreement_or_404(request, pk)
    can_manage = services.can_manage_agreement(request.user, agreement)
    return render(
        request,
        "cooperation/agreement_detail.html",
        {
            "agreement": agreement,
            "can_manage": can_manage,
            "transitions": [
                (status, Agreement.Status(status).label, status in services.DESTRUCTIVE_STATUSES)
                for status in services.allowed_transitions(agreement)
            ]
            if can_manage
            else [],
            "attribution": selectors.agreement_attribution(agreement=agreement),
            "follow_ups": selectors.follow_ups_visible_to(request.user).filter(agreement=agreement),
            "document_form": DocumentForm(),
        },
    )


def _initial_links(request) -> dict:
    initial = {}
    visible = opportunities_visible_to(request.user)
    for key, field in (
        ("source", "source_opportunity"),
        ("counterpart", "counterpart_opportunity"),
    ):
        value = request.GET.get(key, "")
        if value.isdigit() and visible.filter(pk=int(value)).exists():
            initial[field] = int(value)
    meeting = request.GET.get("meeting", "")
    if meeting.isdigit():
        found = selectors.meetings_visible_to(request.user).filter(pk=int(meeting)).first()
        if found is not None:
            initial["source_meeting"] = found.pk
            organisations = [seat.registration.organisation_id for seat in found.seats.all()]
            for index, organisation in enumerate(organisations[:2], start=1):
                initial[f"party_{index}"] = organisation
            if found.request_id and found.request.opportunity_id:
                initial.setdefault("source_opportunity", found.request.opportunity_id)
    return initial


@login_required
def agreement_create(request):
    form = AgreementForm(request.POST or None, user=request.user, initial=_initial_links(request))
    if request.method == "POST" and form.is_valid():
        data, parties, links = form.service_data()
        status = data.pop("status")
        try:
            agreement = services.agreement_create(
                by=request.user, data=data, parties=parties, status=status, **links
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Agreement recorded."))
            return redirect("cooperation:detail", agreement.pk)
    return render(request, "cooperation/agreement_form.html", {"form": form, "agreement": None})


@login_required
def agreement_edit(request, pk: int):
    agreement = _agreement_or_404(request, pk)
    if not services.can_manage_agreement(request.user, agreement):
        raise Http404
    form = AgreementForm(
        request.POST or None,
        user=request.user,
        editing=True,
        initial=AgreementForm.initial_for(agreement),
    )
    if request.method == "POST" and form.is_valid():
        data, parties, links = form.service_data()
        try:
            agreement = services.agreement_update(
                agreement=agreement, by=request.user, data=data, parties=parties, links=links
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("cooperation:detail", agreement.pk)
    return render(
        request, "cooperation/agreement_form.html", {"form": form, "agreement": agreement}
    )


@login_required
@require_POST
def agreement_transition(request, pk: int, status: str):
    agreement = _agreement_or_404(request, pk)
    if status not in Agreement.Status.values:
        raise Http404
    if status in services.DESTRUCTIVE_STATUSES and request.POST.get("confirm") != "yes":
        return render(
            request,
            "cooperation/agreement_confirm.html",
            {"agreement": agreement, "status": status, "label": Agreement.Status(status).label},
        )
    try:
        services.agreement_transition(agreement=agreement, to=status, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The agreement is now: %(status)s.") % {"status": Agreement.Status(status).label},
        )
    return redirect("cooperation:detail", agreement.pk)


@login_required
@require_POST
def document_upload(request, pk: int):
    agreement = _agreement_or_404(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect("cooperation:detail", agreement.pk)
    try:
        services.agreement_document_add(
            agreement=agreement, by=request.user, upload=form.cleaned_data["file"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Document added."))
    return redirect("cooperation:detail", agreement.pk)


@login_required
def document_download(request, pk: int, document_pk: int):
    agreement = _agreement_or_404(request, pk)
    document = AgreementDocument.objects.filter(agreement=agreement, pk=document_pk).first()
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # Always an attachment with the type checked at upload: never rendered inline.
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def document_delete(request, pk: int, document_pk: int):
    agreement = _agreement_or_404(request, pk)
    document = AgreementDocument.objects.filter(agreement=agreement, pk=document_pk).first()
    if document is None:
        raise Http404
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "cooperation/document_confirm.html",
            {"agreement": agreement, "document": document},
        )
    try:
        services.agreement_document_delete(document=document, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Document removed."))
    return redirect("cooperation:detail", agreement.pk)


# --- follow-ups --------------------------------------------------------------------------


@login_required
def follow_up_list(request):
    _operator_only(request)
    show_all = request.GET.get("show") == "open"
    if show_all:
        qs = selectors.follow_ups_visible_to(request.user).filter(done=False)
    else:
        qs = selectors.follow_ups_due(user=request.user)
    page = paginate(request, qs.order_by("due_on", "pk"))
    return render(
        request,
        "cooperation/follow_up_list.html",
        {
            "page_obj": page,
            "show_all": show_all,
        },
    )


@login_required
def follow_up_create(request):
    _operator_only(request)
    subject: dict = {}
    agreement_pk = request.GET.get("agreement", "")
    if agreement_pk.isdigit():
        subject["agreement"] = _agreement_or_404(request, int(agreement_pk))
    visible = opportunities_visible_to(request.user)
    for key, field in (
        ("source", "source_opportunity"),
        ("counterpart", "counterpart_opportunity"),
    ):
        value = request.GET.get(key, "")
        if value.isdigit():
            subject[field] = visible.filter(pk=int(value)).first()
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up = services.follow_up_create(
                by=request.user, data=form.cleaned_data, **subject
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Follow-up saved."))
            if follow_up.agreement_id:
                return redirect("cooperation:detail", follow_up.agreement_id)
            return redirect("cooperation:follow_ups")
    meeting = subject.get("meeting")
    return render(
        request,
        "cooperation/follow_up_form.html",
        {
            "form": form,
            "subject": subject,
            "follow_up": None,
            "meeting_label": selectors.meeting_label(meeting) if meeting else "",
        },
    )


@login_required
def follow_up_edit(request, pk: int):
    _operator_only(request)
    follow_up = selectors.follow_ups_visible_to(request.user).filter(pk=pk).first()
    if follow_up is None:
        raise Http404
    initial = {
        f: getattr(follow_up, f) for f in ("stage", "next_action", "due_on", "notes", "done")
    }
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_update(follow_up=follow_up, by=request.user, data=form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Follow-up saved."))
            return redirect("cooperation:follow_ups")
    return render(
        request,
        "cooperation/follow_up_form.html",
        {"form": form, "subject": {}, "follow_up": follow_up},
    )


# --- overseas services -------------------------------------------------------------------


def service_catalogue(request):
    return render(
        request,
        "cooperation/service_catalogue.html",
        {"services": selectors.service_catalogue()},
    )


@login_required
def service_request_list(request):
    status = request.GET.get("status", "")
    qs = selectors.service_requests_visible_to(request.user)
    if status in ServiceRequest.Status.values:
        qs = qs.filter(status=status)
    page = paginate(request, qs)
    return render(
        request,
        "cooperation/service_request_list.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": ServiceRequest.Status.choices,
        },
    )


@login_required
def service_request_create(request):
    if is_operator(request.user):
        organisations = Organisation.objects.filter(centre_q(request.user, "")).order_by("name")
    else:
        organisations = Organisation.objects.filter(
            pk__in=user_organisation_ids(request.user)
        ).order_by("name")
    if not organisations.exists():
        messages.info(
            request, _("Register your organisation first; then you can ask for services.")
        )
        return redirect("directory:create")
    initial = {}
    service_slug = request.GET.get("service", "")
    catalogue = selectors.service_catalogue()
    chosen = catalogue.filter(slug=service_slug).first() if service_slug else None
    if chosen is not None:
        initial["service"] = chosen.pk
    if organisations.count() == 1:
        initial["organisation"] = organisations.first().pk
    form = ServiceRequestForm(
        request.POST or None, organisations=organisations, services=catalogue, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            service_request = services.service_request_create(by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Request sent; the service centre will take it up."))
            return redirect("cooperation:service_request", service_request.pk)
    return render(request, "cooperation/service_request_form.html", {"form": form})


@login_required
def service_request_detail(request, pk: int):
    service_request = selectors.service_requests_visible_to(request.user).filter(pk=pk).first()
    if service_request is None:
        raise Http404
    operator = is_operator(request.user)
    form = None
    if operator:
        form = ServiceRequestHandleForm(
            request.POST or None,
            initial={
                "status": service_request.status,
                "provider": service_request.provider_id,
                "due_on": service_request.due_on,
                "note": service_request.status_note,
            },
        )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "cancel":
                if request.POST.get("confirm") != "yes":
                    return render(
                        request,
                        "cooperation/service_request_confirm.html",
                        {"service_request": service_request},
                    )
                services.service_request_set_status(
                    request=service_request, to=ServiceRequest.Status.CANCELLED, by=request.user
                )
                messages.success(request, _("Request cancelled."))
                return redirect("cooperation:service_request", service_request.pk)
            if form is None:
                raise Http404
            if form.is_valid():
                services.service_request_update(
                    request=service_request, by=request.user, **form.cleaned_data
                )
                messages.success(request, _("Saved."))
                return redirect("cooperation:service_request", service_request.pk)
        except DomainError as exc:
            if form is not None:
                _form_error(form, exc)
            else:
                messages.error(request, exc.message)
    return render(
        request,
        "cooperation/service_request_detail.html",
        {"service_request": service_request, "form": form, "is_operator": operator},
    )
