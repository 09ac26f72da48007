"""Organisers' forms: events, agenda sessions, meeting blocks, table hosts.

Times are entered as the event's local wall-clock time (``datetime-local`` inputs): the
fields return naive datetimes and the services read them in the event's time zone.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibridge.directory.models import Organisation, Person

from .models import AgendaSession, Event, MeetingBlock, Registration


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock time without a zone; the event's zone is applied by the service."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        with timezone.override(dt.UTC):
            result = super().to_python(value)
        if result is not None and result.utcoffset() == dt.timedelta(0):
            return result.replace(tzinfo=None)
        return result


def local_initial(obj, names, tz) -> dict:
    """Initial form values of ``obj``: its datetimes as naive wall-clock times in ``tz``."""
    values = {}
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value, tz).replace(tzinfo=None)
        values[name] = value
    return values


def _organisations():
    return Organisation.objects.filter(status=Organisation.Status.APPROVED).order_by("name")


class EventForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=[])
    start = LocalDateTimeField(label=_("Start"))
    end = LocalDateTimeField(label=_("End"))
    status = forms.ChoiceField(label=_("Status"), choices=Event.Status.choices)
    registration_opens = LocalDateTimeField(label=_("Registration opens"), required=False)
    registration_closes = LocalDateTimeField(label=_("Registration closes"), required=False)
    capacity = forms.IntegerField(
        label=_("Capacity"), min_value=1, required=False, help_text=_("Empty for no limit.")
    )
    request_deadline = LocalDateTimeField(
        label=_("Meeting requests expire at"),
        required=False,
        help_text=_("Unanswered 1:1 meeting requests expire at this time."),
    )
    max_pending_requests = forms.IntegerField(
        label=_("Pending requests per participant"),
        min_value=1,
        required=False,
        help_text=_("Empty for no limit."),
    )
    host = forms.ModelChoiceField(label=_("Host"), queryset=Organisation.objects.none())
    co_hosts = forms.ModelMultipleChoiceField(
        label=_("Co-hosts"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Partner organisations that co-host the event."),
    )

    def __init__(self, *args, can_change_host: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(z, z) for z in settings.PLATFORM_TIME_ZONES]
        self.fields["host"].queryset = _organisations()
        self.fields["co_hosts"].queryset = _organisations()
        if not can_change_host:
            del self.fields["host"]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The event must end after it starts."))
        return data


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AgendaSession.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=250)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    room = forms.CharField(label=_("Room"), max_length=120, required=False)
    start = LocalDateTimeField(label=_("Start"))
    end = LocalDateTimeField(label=_("End"))
    capacity = forms.IntegerField(
        label=_("Capacity"), min_value=1, required=False, help_text=_("Empty for no limit.")
    )
    speakers = forms.ModelMultipleChoiceField(
        label=_("Speakers"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("People registered for the event and of its host and co-hosts."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations taking part"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, event: Event, session: AgendaSession | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = [event.host_id, *event.co_hosts.values_list("pk", flat=True)]
        people = Q(registrations__event=event) | Q(organisation_id__in=orgs)
        if session is not None:
            people |= Q(sessions_speaking=session)
        self.fields["speakers"].queryset = (
            Person.objects.filter(people)
            .distinct()
            .select_related("organisation")
            .order_by("last_name", "first_name")
        )
        self.fields["speakers"].label_from_instance = lambda p: (
            f"{p.full_name} ({p.organisation.name})"
        )
        self.fields["organisations"].queryset = _organisations()


class BlockForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    start = LocalDateTimeField(label=_("Start"))
    end = LocalDateTimeField(label=_("End"))
    slot_minutes = forms.IntegerField(label=_("Slot length in minutes"), min_value=5, initial=15)
    tables = forms.IntegerField(label=_("Tables"), min_value=1, initial=10)
    self_booking = forms.BooleanField(
        label=_("Participants may book free slots themselves"), required=False
    )


class TableHostForm(forms.Form):
    registration = forms.ModelChoiceField(
        label=_("Participant"), queryset=Registration.objects.none()
    )
    table = forms.IntegerField(label=_("Table"), min_value=1)

    def __init__(self, *args, block: MeetingBlock, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = (
            block.event.registrations.filter(status=Registration.Status.APPROVED)
            .select_related("person", "organisation")
            .order_by("organisation__name", "person__last_name")
        )
        self.fields["registration"].label_from_instance = lambda r: (
            f"{r.organisation.name}: {r.person.full_name}"
        )
        self.fields["table"].widget.attrs["max"] = block.tables
