"""Participants change or withdraw their own registration."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from digibridge.common.errors import DomainError

from . import services
from .forms import RegistrationEditForm
from .models import Meeting, MeetingRequest
from .views import _event_or_404, _own_registration_or_404


@login_required
def registration_edit(request, slug: str):
    event = _event_or_404(request, slug)
    registration = _own_registration_or_404(request, event)
    initial = {
        "takes_meetings": registration.takes_meetings,
        "consent_listed": registration.consent_listed,
        "available_slots": registration.available_slots or [],
    }
    form = RegistrationEditForm(request.POST or None, initial=initial, event=event)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        slots = data.get("available_slots") or []
        try:
            services.registration_update(
                registration=registration,
                takes_meetings=data["takes_meetings"],
                consent_listed=data["consent_listed"],
                available_slots=slots or None,
                clear_available=not slots,
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your registration is updated."))
            return redirect("events:registration", event.slug)
    return render(
        request,
        "events/registration_edit.html",
        {"event": event, "registration": registration, "form": form},
    )


@login_required
def registration_withdraw(request, slug: str):
    event = _event_or_404(request, slug)
    registration = _own_registration_or_404(request, event)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            services.registration_withdraw(registration=registration, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("events:registration", event.slug)
        messages.success(request, _("You have withdrawn from %(event)s.") % {"event": event})
        return redirect("events:detail", event.slug)
    meetings = (
        Meeting.objects.filter(seats__registration=registration)
        .exclude(status=Meeting.Status.CANCELLED)
        .count()
    )
    requests = MeetingRequest.objects.filter(
        Q(sender=registration) | Q(recipient=registration), status__in=MeetingRequest.OPEN
    ).count()
    return render(
        request,
        "events/registration_withdraw.html",
        {
            "event": event,
            "registration": registration,
            "meetings": meetings,
            "open_requests": requests,
        },
    )
