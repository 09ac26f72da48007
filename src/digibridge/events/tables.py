"""The organiser's event tables for XLSX and CSV export (``reports.exports``).

Each table is ``(title, headers, rows)`` of plain values; times are in the event's time zone
(named in the header). A fixed number of queries per table, whatever the event's size.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from digibridge.reports import exports

from .models import Event, Meeting, MeetingOutcome, MeetingRequest, MeetingSeat, Registration
from .selectors import event_dashboard

TABLES = ("registrations", "requests", "meetings", "checkin", "dashboard")


def _local(value, event: Event):
    return timezone.localtime(value, event.tz).replace(tzinfo=None) if value else None


def _yes_no():
    """A function from a flag to its translated word, translated once per table."""
    words = {True: _("yes"), False: _("no")}
    return lambda value: words[bool(value)]


def _labels(choices) -> dict:
    """Value → translated label, once per table (``get_FOO_display`` normalises the choices
    on every call, which dominates a table of thousands of rows)."""
    return {value: str(label) for value, label in choices}


def registrations_table(event: Event):
    zone = event.time_zone
    headers = [
        _("Last name"),
        _("First name"),
        _("Organisation"),
        _("Country"),
        _("Participant type"),
        _("Status"),
        _("1:1 meetings"),
        _("Listed"),
        _("Registered at (%(zone)s)") % {"zone": zone},
        _("Checked in at (%(zone)s)") % {"zone": zone},
    ]
    yes, types = _yes_no(), _labels(Registration.ParticipantType.choices)
    statuses = _labels(Registration.Status.choices)
    rows = [
        [
            r.person.last_name,
            r.person.first_name,
            r.organisation.name,
            str(r.organisation.country.name if r.organisation.country else ""),
            types.get(r.participant_type, r.participant_type),
            statuses.get(r.status, r.status),
            yes(r.takes_meetings),
            yes(r.consent_listed),
            _local(r.created_at, event),
            _local(r.checked_in_at, event),
        ]
        for r in event.registrations.select_related("person", "organisation").order_by(
            "person__last_name", "person__first_name", "pk"
        )
    ]
    return _("Registrations"), headers, rows


def requests_table(event: Event):
    zone = event.time_zone
    now = timezone.now()
    headers = [
        _("Sent at (%(zone)s)") % {"zone": zone},
        _("From"),
        _("From organisation"),
        _("To"),
        _("To organisation"),
        _("Status"),
        _("About the opportunity"),
        _("Expires at (%(zone)s)") % {"zone": zone},
        _("Answered at (%(zone)s)") % {"zone": zone},
    ]
    qs = event.meeting_requests.select_related(
        "sender__person",
        "sender__organisation",
        "recipient__person",
        "recipient__organisation",
        "opportunity",
    ).order_by("created_at", "pk")
    statuses = _labels(MeetingRequest.Status.choices)
    rows = []
    for r in qs:
        overdue = r.status == MeetingRequest.Status.PENDING and r.expires_at and r.expires_at <= now
        status = statuses[MeetingRequest.Status.EXPIRED] if overdue else statuses.get(r.status)
        rows.append(
            [
                _local(r.created_at, event),
                r.sender.person.full_name,
                r.sender.organisation.name,
                r.recipient.person.full_name,
                r.recipient.organisation.name,
                str(status),
                r.opportunity.title if r.opportunity else "",
                _local(r.expires_at, event),
                _local(r.answered_at, event),
            ]
        )
    return _("Meeting requests"), headers, rows


def meetings_table(event: Event):
    """One row per participant of each meeting, with that participant's recorded outcome."""
    zone = event.time_zone
    headers = [
        _("Meeting"),
        _("Block"),
        _("Start (%(zone)s)") % {"zone": zone},
        _("Table"),
        _("Status"),
        _("Confirmed"),
        _("Brokered"),
        _("Participant"),
        _("Organisation"),
        _("Attendance"),
        _("Interest"),
        _("Next step"),
        _("Notes"),
    ]
    seats = MeetingSeat.objects.select_related("registration__person", "registration__organisation")
    meetings = (
        Meeting.objects.filter(block__event=event)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("block")
        .prefetch_related(Prefetch("seats", queryset=seats), "outcomes")
        .order_by("block__start", "slot", "table")
    )
    yes, statuses = _yes_no(), _labels(Meeting.Status.choices)
    attendance = _labels(MeetingOutcome.Attendance.choices)
    interest = _labels(MeetingOutcome.Interest.choices)
    steps = _labels(MeetingOutcome.NextStep.choices)
    rows = []
    for meeting in meetings:
        outcomes = {o.registration_id: o for o in meeting.outcomes.all()}
        for seat in meeting.seats.all():
            outcome: MeetingOutcome | None = outcomes.get(seat.registration_id)
            rows.append(
                [
                    meeting.pk,
                    meeting.block.name,
                    _local(meeting.start, event),
                    meeting.table,
                    statuses.get(meeting.status, meeting.status),
                    yes(meeting.locked),
                    yes(meeting.brokered),
                    seat.registration.person.full_name,
                    seat.registration.organisation.name,
                    attendance.get(outcome.attendance, "") if outcome else "",
                    interest.get(outcome.interest, "") if outcome else "",
                    steps.get(outcome.next_step, "") if outcome and outcome.next_step else "",
                    outcome.notes if outcome else "",
                ]
            )
    return _("Meetings and outcomes"), headers, rows


def checkin_table(event: Event):
    """Approved participants for the door: tick them off on paper if the network fails."""
    headers = [
        _("Last name"),
        _("First name"),
        _("Organisation"),
        _("Participant type"),
        _("Checked in at (%(zone)s)") % {"zone": event.time_zone},
    ]
    types = _labels(Registration.ParticipantType.choices)
    rows = [
        [
            r.person.last_name,
            r.person.first_name,
            r.organisation.name,
            types.get(r.participant_type, r.participant_type),
            _local(r.checked_in_at, event),
        ]
        for r in event.registrations.filter(status=Registration.Status.APPROVED)
        .select_related("person", "organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    ]
    return _("Check-in list"), headers, rows


def dashboard_table(event: Event):
    figures = event_dashboard(event=event)
    rows: list[list] = []
    for label, n in figures["registrations_by_type"]:
        rows.append([_("Registrations by type"), str(label), n])
    for country, n in figures["registrations_by_country"]:
        rows.append([_("Registrations by country"), str(country or "—"), n])
    for label, n in figures["registrations_by_status"]:
        rows.append([_("Registrations by status"), str(label), n])
    rows.append([_("Registrations"), _("Checked in"), figures["checked_in"]])
    for label, n in figures["requests_by_status"]:
        rows.append([_("Meeting requests"), str(label), n])
    for label, n in figures["meetings_by_status"]:
        rows.append([_("Meetings"), str(label), n])
    rows.append([_("Meetings"), _("Scheduled"), figures["meetings_scheduled"]])
    rows.append([_("Meetings"), _("No-show rate (%)"), figures["no_show_rate"]])
    for session, signups, _capacity, fill in figures["sessions"]:
        rows.append([_("Session sign-ups"), session.title, signups])
        if fill is not None:
            rows.append([_("Session fill rate (%)"), session.title, fill])
    rows.append(
        [_("Sessions"), _("Government–enterprise activities held"), figures["gov_enterprise_held"]]
    )
    return _("Dashboard"), [_("Figure"), _("Item"), _("Value")], rows


BUILDERS = {
    "registrations": registrations_table,
    "requests": requests_table,
    "meetings": meetings_table,
    "checkin": checkin_table,
    "dashboard": dashboard_table,
}


def event_tables(event: Event, names=TABLES) -> list[tuple]:
    return [BUILDERS[name](event) for name in names]


def download(event: Event, fmt: str, table: str = "registrations") -> HttpResponse:
    """All tables as an XLSX workbook (``fmt`` "xlsx"), or ``table`` as CSV."""
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        content, content_type = exports.to_xlsx(event_tables(event)), exports.XLSX_CONTENT_TYPE
        name = f"{event.slug}-{stamp}.xlsx"
    else:
        _title, headers, rows = BUILDERS[table](event)
        content, content_type = exports.to_csv(headers, rows), exports.CSV_CONTENT_TYPE
        name = f"{event.slug}-{table}-{stamp}.csv"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
