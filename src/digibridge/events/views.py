from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibridge.common.errors import DomainError
from digibridge.common.pagination import paginate
from digibridge.common.security import safe_next
from digibridge.directory.models import Organisation
from digibridge.directory.selectors import centre_q, is_operator, user_organisation_ids
from digibridge.marketplace.models import Opportunity

from . import calendar, invitations, selectors, services
from .forms import MeetingRequestForm, OutcomeForm, RegistrationForm
from .models import AgendaSession, Meeting, MeetingBlock, MeetingRequest, Registration


def _event_or_404(request, slug: str):
    event = selectors.events_visible_to(request.user).filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


def _manager_event_or_404(request, slug: str):
    event = _event_or_404(request, slug)
    if not selectors.can_manage_event(request.user, event):
        raise Http404
    return event


def _own_registration_or_404(request, event) -> Registration:
    registration = selectors.registration_of(user=request.user, event=event)
    if registration is None:
        raise Http404
    return registration


def _time_context(request, event) -> dict:
    viewer = timezone.get_current_timezone_name()
    return {"event": event, "viewer_tz": viewer, "show_viewer_tz": viewer != event.time_zone}


def _domain_message(request, exc: DomainError) -> None:
    messages.error(request, exc.message)


def event_list(request):
    page = paginate(request, selectors.event_list(user=request.user))
    return render(request, "events/event_list.html", {"page_obj": page})


def event_detail(request, slug: str):
    event = _event_or_404(request, slug)
    registration = selectors.registration_of(user=request.user, event=event)
    signed_up = set()
    if registration is not None:
        signed_up = set(registration.signups.values_list("session_id", flat=True))
    return render(
        request,
        "events/event_detail.html",
        {
            **_time_context(request, event),
            "sessions": selectors.event_agenda(event=event),
            "co_hosts": list(event.co_hosts.all()),
            "registration": registration,
            "signed_up": signed_up,
            "can_manage": selectors.can_manage_event(request.user, event),
        },
    )


@login_required
def register(request, slug: str):
    event = _event_or_404(request, slug)
    if selectors.registration_of(user=request.user, event=event) is not None:
        return redirect("events:registration", event.slug)
    if is_operator(request.user):
        organisations = list(
            Organisation.objects.filter(centre_q(request.user, "")).order_by("name")
        )
    else:
        organisations = list(
            Organisation.objects.filter(pk__in=user_organisation_ids(request.user)).order_by("name")
        )
    if not organisations:
        messages.info(request, _("Register your organisation first; then you can register."))
        return redirect("directory:create")
    invitation = invitations.invitation_for(
        event=event, token=request.POST.get("invitation") or request.GET.get("invitation")
    )
    initial = {}
    if invitation is not None and request.method == "GET":
        initial = invitations.invitation_prefill(
            invitation=invitation, query=request.GET, organisations=organisations
        )
    form = RegistrationForm(
        request.POST or None, organisations=organisations, event=event, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = next(o for o in organisations if str(o.pk) == data["organisation"])
        try:
            person = services.person_for_user(user=request.user, organisation=organisation)
            services.registration_create(
                event=event,
                person=person,
                organisation=organisation,
                participant_type=data["participant_type"],
                takes_meetings=data["takes_meetings"],
                consent_listed=data["consent_listed"],
                available_slots=data.get("available_slots") or None,
                invitation=invitation,
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("You are registered; the organisers will confirm."))
            return redirect("events:registration", event.slug)
    return render(
        request, "events/register.html", {"event": event, "form": form, "invitation": invitation}
    )


def _qr_svg(request, registration: Registration) -> str:
    url = request.build_absolute_uri(
        reverse("events:checkin", args=[registration.event.slug])
        + f"?q={registration.checkin_token}"
    )
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, title=_("Check-in code")))  # noqa: S308 - segno's own SVG markup


@login_required
def my_registration(request, slug: str):
    event = _event_or_404(request, slug)
    registration = _own_registration_or_404(request, event)
    feed_url = request.build_absolute_uri(reverse("events:feed", args=[registration.feed_token]))
    return render(
        request,
        "events/registration.html",
        {
            "event": event,
            "registration": registration,
            "qr": _qr_svg(request, registration),
            "feed_url": feed_url,
        },
    )


@login_required
def badge(request, slug: str):
    event = _event_or_404(request, slug)
    registration = _own_registration_or_404(request, event)
    return render(
        request,
        "events/badge.html",
        {"event": event, "registration": registration, "qr": _qr_svg(request, registration)},
    )


@login_required
@require_POST
def session_signup(request, slug: str, session_pk: int):
    event = _event_or_404(request, slug)
    registration = _own_registration_or_404(request, event)
    session = get_object_or_404(AgendaSession, pk=session_pk, event=event)
    try:
        if request.POST.get("action") == "cancel":
            services.session_signup_cancel(
                session=session, registration=registration, by=request.user
            )
            messages.success(request, _("You are no longer signed up."))
        else:
            services.session_signup(session=session, registration=registration, by=request.user)
            messages.success(request, _("You are signed up."))
    except DomainError as exc:
        _domain_message(request, exc)
    return redirect("events:detail", event.slug)


@login_required
def participants(request, slug: str):
    event = _event_or_404(request, slug)
    registration = selectors.registration_of(user=request.user, event=event)
    visible = selectors.participants_visible(event=event, user=request.user)
    page = paginate(request, visible)
    return render(
        request,
        "events/participants.html",
        {
            "event": event,
            "registration": registration,
            "page_obj": page,
            "allowed": registration is not None
            and registration.status == Registration.Status.APPROVED
            or selectors.can_manage_event(request.user, event),
        },
    )


@login_required
def request_create(request, slug: str, registration_pk: int):
    event = _event_or_404(request, slug)
    sender = _own_registration_or_404(request, event)
    recipient = (
        selectors.participants_visible(event=event, user=request.user)
        .filter(pk=registration_pk)
        .first()
    )
    if recipient is None:
        raise Http404
    opportunities = list(
        Opportunity.objects.filter(
            owner_id__in=[sender.organisation_id, recipient.organisation_id],
            status=Opportunity.Status.PUBLISHED,
            visibility=Opportunity.Visibility.PUBLIC,
        ).select_related("owner")[:50]
    )
    form = MeetingRequestForm(request.POST or None, opportunities=opportunities)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["opportunity"]
        opportunity = next((o for o in opportunities if str(o.pk) == chosen), None)
        try:
            services.meeting_request_create(
                sender=sender,
                recipient=recipient,
                message=form.cleaned_data["message"],
                opportunity=opportunity,
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your request was sent."))
            return redirect("events:inbox", event.slug)
    return render(
        request,
        "events/request_form.html",
        {"event": event, "recipient": recipient, "form": form},
    )


@login_required
def inbox(request, slug: str):
    event = _event_or_404(request, slug)
    registration = _own_registration_or_404(request, event)
    requests = selectors.requests_for(registration=registration)
    booking = []
    blocks = [b for b in event.blocks.all() if b.self_booking]
    if blocks:
        placed = set(
            Meeting.objects.filter(request__in=[*requests["received"], *requests["sent"]])
            .exclude(status=Meeting.Status.CANCELLED)
            .values_list("request_id", flat=True)
        )
        for r in [*requests["received"], *requests["sent"]]:
            if r.status == MeetingRequest.Status.ACCEPTED and r.pk not in placed:
                for block in blocks:
                    booking.append((r, block, selectors.free_common_slots(request=r, block=block)))
    return render(
        request,
        "events/inbox.html",
        {
            **_time_context(request, event),
            "registration": registration,
            "received": requests["received"],
            "sent": requests["sent"],
            "booking": booking,
        },
    )


@login_required
@require_POST
def request_action(request, slug: str, pk: int, action: str):
    event = _event_or_404(request, slug)
    meeting_request = get_object_or_404(
        selectors.requests_visible_to(user=request.user), pk=pk, event=event
    )
    actions = {
        "accept": (services.meeting_request_accept, _("Request accepted.")),
        "decline": (services.meeting_request_decline, _("Request declined.")),
        "cancel": (services.meeting_request_cancel, _("Request withdrawn.")),
    }
    if action not in actions:
        raise Http404
    service, done = actions[action]
    try:
        service(request=meeting_request, by=request.user)
        messages.success(request, done)
    except DomainError as exc:
        _domain_message(request, exc)
    return redirect("events:inbox", event.slug)


@login_required
@require_POST
def book_slot(request, slug: str, pk: int):
    event = _event_or_404(request, slug)
    meeting_request = get_object_or_404(
        selectors.requests_visible_to(user=request.user), pk=pk, event=event
    )
    block = get_object_or_404(MeetingBlock, pk=request.POST.get("block") or 0, event=event)
    try:
        slot = int(request.POST.get("slot", ""))
        services.meeting_book_slot(request=meeting_request, block=block, slot=slot, by=request.user)
        messages.success(request, _("Meeting booked."))
    except ValueError:
        messages.error(request, _("Choose a slot."))
    except DomainError as exc:
        _domain_message(request, exc)
    return redirect("events:inbox", event.slug)


@login_required
def agenda(request, slug: str):
    event = _event_or_404(request, slug)
    registration = _own_registration_or_404(request, event)
    template = "events/agenda_print.html" if request.GET.get("print") else "events/agenda.html"
    return render(
        request,
        template,
        {
            **_time_context(request, event),
            "registration": registration,
            "items": selectors.personal_agenda(registration=registration),
            "feed_url": request.build_absolute_uri(
                reverse("events:feed", args=[registration.feed_token])
            ),
        },
    )


@login_required
def outcome(request, slug: str, meeting_pk: int):
    event = _event_or_404(request, slug)
    registration = _own_registration_or_404(request, event)
    meeting = get_object_or_404(
        Meeting.objects.select_related("block"),
        pk=meeting_pk,
        block__event=event,
        seats__registration=registration,
    )
    existing = meeting.outcomes.filter(registration=registration).first()
    initial = {}
    if existing:
        initial = {
            "attendance": existing.attendance,
            "interest": existing.interest,
            "next_step": existing.next_step,
            "notes": existing.notes,
        }
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_outcome_record(
                meeting=meeting, registration=registration, by=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Thank you; the outcome is recorded."))
            return redirect("events:agenda", event.slug)
    return render(
        request,
        "events/outcome_form.html",
        {**_time_context(request, event), "meeting": meeting, "form": form},
    )


def feed(request, token: str):
    registration = get_object_or_404(
        Registration.objects.select_related("event", "person"), feed_token=token
    )
    return _ics(calendar.participant_calendar(registration=registration), "agenda.ics")


@login_required
def meeting_ics(request, slug: str, meeting_pk: int):
    event = _event_or_404(request, slug)
    registration = _own_registration_or_404(request, event)
    meeting = get_object_or_404(
        Meeting.objects.select_related("block__event"),
        pk=meeting_pk,
        block__event=event,
        seats__registration=registration,
    )
    return _ics(
        calendar.meeting_calendar(meeting=meeting, registration=registration),
        f"meeting-{meeting.pk}.ics",
    )


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- organisers ----------------------------------------------------------------------------


@login_required
def manage_registrations(request, slug: str):
    event = _manager_event_or_404(request, slug)
    status = request.GET.get("status", "")
    if status not in Registration.Status.values:
        status = ""
    qs = selectors.registrations_for_manager(event=event, q=request.GET.get("q", ""), status=status)
    return render(
        request,
        "events/manage_registrations.html",
        {
            "event": event,
            "page_obj": paginate(request, qs),
            "status": status,
            "q": request.GET.get("q", ""),
            "statuses": Registration.Status.choices,
        },
    )


@login_required
@require_POST
def registration_action(request, slug: str, pk: int, action: str):
    event = _manager_event_or_404(request, slug)
    registration = get_object_or_404(Registration, pk=pk, event=event)
    actions = {
        "approve": (services.registration_approve, _("Approved.")),
        "decline": (services.registration_decline, _("Declined.")),
        "check-in": (services.registration_check_in, _("Checked in.")),
    }
    if action not in actions:
        raise Http404
    service, done = actions[action]
    try:
        service(registration=registration, by=request.user)
        messages.success(
            request,
            _("%(name)s: %(done)s") % {"name": registration.person.full_name, "done": done},
        )
    except DomainError as exc:
        _domain_message(request, exc)
    fallback = reverse("events:manage_registrations", args=[event.slug])
    return redirect(safe_next(request, request.POST.get("next"), fallback))


@login_required
def checkin(request, slug: str):
    event = _manager_event_or_404(request, slug)
    q = request.GET.get("q", "").strip()
    found = []
    if q:
        found = list(selectors.registrations_for_manager(event=event, q=q)[:20])
    return render(request, "events/checkin.html", {"event": event, "q": q, "found": found})


@login_required
def blocks(request, slug: str):
    event = _manager_event_or_404(request, slug)
    rows = []
    for block in event.blocks.all():
        live = block.meetings.exclude(status=Meeting.Status.CANCELLED)
        rows.append(
            {
                "block": block,
                "scheduled": live.count(),
                "confirmed": live.filter(locked=True).count(),
            }
        )
    accepted = event.meeting_requests.filter(status=MeetingRequest.Status.ACCEPTED).count()
    return render(
        request,
        "events/blocks.html",
        {
            **_time_context(request, event),
            "rows": rows,
            "accepted": accepted,
            "result": request.session.pop("events_schedule_result", None),
        },
    )


@login_required
@require_POST
def block_action(request, slug: str, pk: int, action: str):
    event = _manager_event_or_404(request, slug)
    block = get_object_or_404(MeetingBlock, pk=pk, event=event)
    try:
        if action == "schedule":
            result = services.meeting_block_schedule(block=block, by=request.user, time_limit=5)
            stats = result["stats"]
            request.session["events_schedule_result"] = {
                "scheduled": stats.get("scheduled", 0),
                "unscheduled": len(result["unscheduled"]),
                "upper_bound": stats.get("upper_bound"),
            }
            messages.success(request, _("Schedule computed; check it, then publish it."))
        elif action == "publish":
            count = services.meeting_block_publish(block=block, by=request.user)
            messages.success(
                request,
                _("Published; %(count)s meetings confirmed and participants notified.")
                % {"count": count},
            )
        else:
            raise Http404
    except DomainError as exc:
        _domain_message(request, exc)
    return redirect("events:blocks", event.slug)


@login_required
def table_plan(request, slug: str, pk: int):
    event = _manager_event_or_404(request, slug)
    block = get_object_or_404(MeetingBlock, pk=pk, event=event)
    return render(
        request,
        "events/table_plan.html",
        {
            **_time_context(request, event),
            "meeting_block": block,
            "plan": selectors.table_plan(block=block),
            "approved": event.registrations.filter(status=Registration.Status.APPROVED)
            .select_related("person", "organisation")
            .order_by("organisation__name"),
        },
    )


@login_required
def dashboard(request, slug: str):
    event = _manager_event_or_404(request, slug)
    figures = selectors.event_dashboard(event=event)
    chart_data = {
        "types": [(str(label), n) for label, n in figures["registrations_by_type"]],
        "requests": [(str(label), n) for label, n in figures["requests_by_status"]],
    }
    return render(
        request,
        "events/dashboard.html",
        {"event": event, "figures": figures, "chart_data": chart_data},
    )


@login_required
def suggestions(request, slug: str):
    event = _event_or_404(request, slug)
    registration = _own_registration_or_404(request, event)
    return render(
        request,
        "events/suggestions.html",
        {
            "event": event,
            "registration": registration,
            "suggestions": selectors.meeting_suggestions(
                registration=registration, viewer=request.user
            ),
        },
    )


@login_required
@require_POST
def broker(request, slug: str, pk: int):
    event = _manager_event_or_404(request, slug)
    block = get_object_or_404(MeetingBlock, pk=pk, event=event)
    ids = [request.POST.get("first"), request.POST.get("second")]
    registrations = list(event.registrations.filter(pk__in=[i for i in ids if i]))
    try:
        slot = int(request.POST.get("slot", ""))
        services.meeting_create_brokered(
            block=block, registrations=registrations, slot=slot, by=request.user
        )
        messages.success(request, _("Meeting created and confirmed."))
    except ValueError:
        messages.error(request, _("Choose a slot."))
    except DomainError as exc:
        _domain_message(request, exc)
    return redirect("events:table_plan", event.slug, block.pk)


@login_required
@require_POST
def meeting_cancel(request, slug: str, meeting_pk: int):
    event = _event_or_404(request, slug)
    registration = _own_registration_or_404(request, event)
    meeting = get_object_or_404(
        Meeting, pk=meeting_pk, block__event=event, seats__registration=registration
    )
    try:
        services.meeting_cancel(meeting=meeting, by=request.user)
        messages.success(request, _("Meeting cancelled; the others have been told."))
    except DomainError as exc:
        _domain_message(request, exc)
    return redirect("events:agenda", event.slug)
