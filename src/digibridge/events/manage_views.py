"""Organisers' pages: create and edit events, agenda sessions, meeting blocks, table hosts.

Thin: forms collect, services decide. Operators create and delete events; the event's
organisers (operators and members of the host) edit everything else. Deleting asks for
confirmation on its own page and is refused when it would lose registrations or meetings.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibridge.common.errors import DomainError
from digibridge.directory.selectors import centre_q, is_operator

from . import selectors, services, tables
from .manage_forms import (
    BlockForm,
    EventForm,
    SessionForm,
    TableHostForm,
    local_initial,
)
from .models import AgendaSession, Event, Meeting, MeetingBlock
from .views import _manager_event_or_404, _time_context


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _event_data(data: dict) -> dict:
    return {k: v for k, v in data.items() if k in services.EVENT_FIELDS}


def _hosts_of_centre(form, user) -> None:
    """An operator limited to a service centre picks a host among the centre's organisations."""
    if "host" in form.fields:
        form.fields["host"].queryset = form.fields["host"].queryset.filter(centre_q(user, ""))


@login_required
def event_new(request):
    if not is_operator(request.user):
        raise Http404
    form = EventForm(request.POST or None, initial={"status": Event.Status.DRAFT})
    _hosts_of_centre(form, request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = services.event_create(
                host=data["host"],
                co_hosts=data["co_hosts"],
                data=_event_data(data),
                by=request.user,
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Event created; now add its agenda and meeting blocks."))
            return redirect("events:manage_sessions", event.slug)
    return render(request, "events/manage_event_form.html", {"form": form, "event": None})


@login_required
def event_edit(request, slug: str):
    event = _manager_event_or_404(request, slug)
    operator = is_operator(request.user)
    initial = local_initial(event, services.EVENT_FIELDS, event.tz)
    initial.update(host=event.host_id, co_hosts=list(event.co_hosts.all()))
    form = EventForm(request.POST or None, initial=initial, can_change_host=operator)
    _hosts_of_centre(form, request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.event_update(
                event=event,
                data=_event_data(data),
                host=data.get("host"),
                co_hosts=data["co_hosts"],
                by=request.user,
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Event saved."))
            return redirect("events:event_edit", event.slug)
    return render(
        request,
        "events/manage_event_form.html",
        {"form": form, "event": event, "can_manage": True, "can_delete": operator},
    )


@login_required
def event_delete(request, slug: str):
    event = _manager_event_or_404(request, slug)
    if not is_operator(request.user):
        raise Http404
    blocked = event.registrations.count()
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            services.event_delete(event=event, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("events:event_edit", event.slug)
        messages.success(request, _("Event deleted."))
        return redirect("events:list")
    return render(
        request,
        "events/manage_confirm_delete.html",
        {
            "event": event,
            "can_manage": True,
            "what": event.local_name,
            "blocked": blocked,
            "blocked_text": _(
                "This event has %(count)s registrations; it cannot be deleted. Set its status "
                "to finished instead."
            )
            % {"count": blocked},
            "consequence": _("The event, its agenda and its meeting blocks will be deleted."),
            "back": "events:event_edit",
        },
    )


# --- agenda sessions -------------------------------------------------------------------------


@login_required
def sessions(request, slug: str):
    event = _manager_event_or_404(request, slug)
    return render(
        request,
        "events/manage_sessions.html",
        {
            **_time_context(request, event),
            "can_manage": True,
            "sessions": selectors.event_agenda(event=event),
        },
    )


def _session_form_page(request, event: Event, session: AgendaSession | None):
    initial = {}
    if session is not None:
        initial = local_initial(session, services.SESSION_FIELDS, event.tz)
        initial.update(
            speakers=list(session.speakers.all()), organisations=list(session.organisations.all())
        )
    form = SessionForm(request.POST or None, initial=initial, event=event, session=session)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {k: data[k] for k in services.SESSION_FIELDS}
        try:
            if session is None:
                services.session_create(
                    event=event,
                    data=values,
                    speakers=data["speakers"],
                    organisations=data["organisations"],
                    by=request.user,
                )
            else:
                services.session_update(
                    session=session,
                    data=values,
                    speakers=data["speakers"],
                    organisations=data["organisations"],
                    by=request.user,
                )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Session saved."))
            return redirect("events:manage_sessions", event.slug)
    return render(
        request,
        "events/manage_session_form.html",
        {"event": event, "session": session, "form": form, "can_manage": True},
    )


@login_required
def session_new(request, slug: str):
    return _session_form_page(request, _manager_event_or_404(request, slug), None)


@login_required
def session_edit(request, slug: str, pk: int):
    event = _manager_event_or_404(request, slug)
    return _session_form_page(request, event, get_object_or_404(event.sessions, pk=pk))


@login_required
def session_delete(request, slug: str, pk: int):
    event = _manager_event_or_404(request, slug)
    session = get_object_or_404(event.sessions, pk=pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            services.session_delete(session=session, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Session deleted."))
        return redirect("events:manage_sessions", event.slug)
    signups = session.signups.count()
    return render(
        request,
        "events/manage_confirm_delete.html",
        {
            "event": event,
            "can_manage": True,
            "what": session.title,
            "consequence": _("%(count)s sign-ups will be removed with it.") % {"count": signups}
            if signups
            else "",
            "back": "events:manage_sessions",
        },
    )


# --- meeting blocks and table hosts ------------------------------------------------------------


def _block_values(data: dict) -> dict:
    return {k: data[k] for k in services.BLOCK_FIELDS if k in data}


@login_required
def block_new(request, slug: str):
    event = _manager_event_or_404(request, slug)
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            block = services.meeting_block_create(
                event=event, data=_block_values(form.cleaned_data), by=request.user
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Meeting block created."))
            return redirect("events:block_edit", event.slug, block.pk)
    return render(
        request,
        "events/manage_block_form.html",
        {"event": event, "form": form, "meeting_block": None, "can_manage": True},
    )


@login_required
def block_edit(request, slug: str, pk: int):
    event = _manager_event_or_404(request, slug)
    block = get_object_or_404(MeetingBlock, pk=pk, event=event)
    initial = local_initial(block, services.BLOCK_FIELDS, event.tz)
    form = BlockForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_block_update(
                block=block, data=_block_values(form.cleaned_data), by=request.user
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Meeting block saved."))
            return redirect("events:block_edit", event.slug, block.pk)
    return render(
        request,
        "events/manage_block_form.html",
        {
            **_time_context(request, event),
            "form": form,
            "meeting_block": block,
            "can_manage": True,
            "hosts": block.table_hosts.select_related(
                "registration__person", "registration__organisation"
            ).order_by("table"),
            "host_form": TableHostForm(block=block),
            "live_meetings": block.meetings.exclude(status=Meeting.Status.CANCELLED).count(),
        },
    )


@login_required
def block_delete(request, slug: str, pk: int):
    event = _manager_event_or_404(request, slug)
    block = get_object_or_404(MeetingBlock, pk=pk, event=event)
    live = block.meetings.exclude(status=Meeting.Status.CANCELLED).count()
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            services.meeting_block_delete(block=block, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("events:block_edit", event.slug, block.pk)
        messages.success(request, _("Meeting block deleted."))
        return redirect("events:blocks", event.slug)
    return render(
        request,
        "events/manage_confirm_delete.html",
        {
            "event": event,
            "can_manage": True,
            "what": block.name,
            "blocked": live,
            "blocked_text": _(
                "This block has %(count)s meetings; cancel them before deleting the block."
            )
            % {"count": live},
            "consequence": _("Its table hosts are removed with it."),
            "back": "events:blocks",
        },
    )


@login_required
@require_POST
def table_host(request, slug: str, pk: int):
    event = _manager_event_or_404(request, slug)
    block = get_object_or_404(MeetingBlock, pk=pk, event=event)
    try:
        if request.POST.get("action") == "remove":
            table = int(request.POST.get("table", ""))
            services.table_host_remove(block=block, table=table, by=request.user)
            messages.success(request, _("Table %(table)s is free again.") % {"table": table})
        else:
            form = TableHostForm(request.POST, block=block)
            if not form.is_valid():
                messages.error(request, _("Choose a participant and a table."))
            else:
                services.table_host_set(
                    block=block,
                    registration=form.cleaned_data["registration"],
                    table=form.cleaned_data["table"],
                    by=request.user,
                )
                messages.success(request, _("Table host set."))
    except ValueError:
        messages.error(request, _("Choose a table."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("events:block_edit", event.slug, block.pk)


# --- exports ---------------------------------------------------------------------------------


@login_required
def export_xlsx(request, slug: str):
    """Every organiser's table of the event, one sheet each."""
    return tables.download(_manager_event_or_404(request, slug), "xlsx")


@login_required
def export_csv(request, slug: str, table: str):
    event = _manager_event_or_404(request, slug)
    if table not in tables.TABLES:
        raise Http404
    return tables.download(event, "csv", table)
