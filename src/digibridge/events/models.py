"""Events: forums with an agenda, registrations, 1:1 meeting requests and scheduled meetings.

Double-booking is ruled out by the database, not only by the services:

* ``Meeting`` is unique on (block, slot, table) while it is not cancelled;
* every participant of a meeting holds a ``MeetingSeat`` that is unique on
  (registration, block, slot), so one person can never sit in two meetings at once.

Both constraints hold for every path that writes meetings (the optimiser, self-booking,
brokered meetings), also under concurrent requests.
"""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from digibridge.common.fields import UnicodeJSONEncoder
from digibridge.directory.models import Organisation, Person


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in settings.PLATFORM_TIME_ZONES]


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REGISTRATION_OPEN = "registration_open", _("Registration open")
        CLOSED = "closed", _("Registration closed")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")

    name = models.CharField(_("name"), max_length=200)
    names = models.JSONField(
        _("names in other languages"), default=dict, blank=True, encoder=UnicodeJSONEncoder
    )
    slug = models.SlugField(unique=True, max_length=120)
    description = models.TextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Madrid", choices=_time_zone_choices
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    host = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="hosted_events", verbose_name=_("host")
    )
    co_hosts = models.ManyToManyField(
        Organisation, blank=True, related_name="co_hosted_events", verbose_name=_("co-hosts")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    request_deadline = models.DateTimeField(_("meeting requests expire at"), null=True, blank=True)
    max_pending_requests = models.PositiveIntegerField(
        _("pending requests per participant"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="event_end")
        ]

    def __str__(self) -> str:
        return self.local_name

    @property
    def local_name(self) -> str:
        return (self.names or {}).get(get_language() or "", "") or self.name

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def registration_is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.REGISTRATION_OPEN:
            return False
        if self.registration_opens and now < self.registration_opens:
            return False
        return not (self.registration_closes and now > self.registration_closes)


class AgendaSession(models.Model):
    class Kind(models.TextChoices):
        FORUM_TALK = "forum_talk", _("Forum talk")
        PANEL = "panel", _("Panel")
        SIGNING_CEREMONY = "signing_ceremony", _("Signing ceremony")
        NETWORKING_NIGHT = "networking_night", _("Networking night")
        GOV_ENTERPRISE = "gov_enterprise", _("Government–enterprise connection activity")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    room = models.CharField(_("room"), max_length=120, blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    speakers = models.ManyToManyField(Person, blank=True, related_name="sessions_speaking")
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="sessions")

    class Meta:
        ordering = ["start", "room"]
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="session_end"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    class ParticipantType(models.TextChoices):
        ENTERPRISE_EXECUTIVE = "enterprise_executive", _("Enterprise executive")
        GOVERNMENT_OFFICIAL = "government_official", _("Government official")
        ASSOCIATION = "association", _("Association")
        SERVICE_PROVIDER = "service_provider", _("Service provider")
        MEDIA = "media", _("Media")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="registrations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="event_registrations"
    )
    participant_type = models.CharField(
        _("participant type"), max_length=30, choices=ParticipantType
    )
    # None: available in every meeting slot; otherwise a list of "<block id>:<slot index>".
    available_slots = models.JSONField(_("available slots"), null=True, blank=True)
    takes_meetings = models.BooleanField(_("takes part in 1:1 meetings"), default=True)
    consent_listed = models.BooleanField(_("listed in the participant list"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    checkin_token = models.CharField(max_length=64, unique=True, default=new_token)
    feed_token = models.CharField(max_length=64, unique=True, default=new_token)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="unique_registration")
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.event_id}"

    def available_in(self, block_id: int, slot: int) -> bool:
        return self.available_slots is None or f"{block_id}:{slot}" in self.available_slots


class SessionSignup(models.Model):
    session = models.ForeignKey(AgendaSession, on_delete=models.CASCADE, related_name="signups")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="signups")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "registration"], name="unique_signup")
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} in {self.session_id}"


class MeetingBlock(models.Model):
    """A time range of an event with fixed-length slots and numbered tables for 1:1 meetings."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="blocks")
    name = models.CharField(_("name"), max_length=200)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    slot_minutes = models.PositiveIntegerField(_("slot length in minutes"), default=15)
    tables = models.PositiveIntegerField(_("tables"), default=10)
    self_booking = models.BooleanField(_("participants may book free slots"), default=False)
    published_at = models.DateTimeField(_("schedule published at"), null=True, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("meeting block")
        verbose_name_plural = _("meeting blocks")
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="block_end"),
            models.CheckConstraint(condition=models.Q(slot_minutes__gte=5), name="block_slot_len"),
            models.CheckConstraint(condition=models.Q(tables__gte=1), name="block_tables"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def slot_count(self) -> int:
        return int((self.end - self.start) / dt.timedelta(minutes=self.slot_minutes))

    def slot_start(self, index: int) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.slot_minutes * index)

    def slot_end(self, index: int) -> dt.datetime:
        return self.slot_start(index + 1)

    def slots(self) -> list[tuple[int, dt.datetime, dt.datetime]]:
        return [(i, self.slot_start(i), self.slot_end(i)) for i in range(self.slot_count)]


class TableHost(models.Model):
    """A participant who keeps one table for the whole block (an exhibitor, a host)."""

    block = models.ForeignKey(MeetingBlock, on_delete=models.CASCADE, related_name="table_hosts")
    table = models.PositiveIntegerField(_("table"))
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="hosted_tables"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["block", "table"], name="unique_table_host"),
            models.UniqueConstraint(fields=["block", "registration"], name="unique_host_per_block"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} at table {self.table}"


class MeetingRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN = (Status.PENDING, Status.ACCEPTED)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    sender = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="requests_sent")
    recipient = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="requests_received"
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    opportunity = models.ForeignKey(
        "marketplace.Opportunity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_requests",
        verbose_name=_("about the opportunity"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(sender=models.F("recipient")), name="request_not_to_self"
            ),
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=models.Q(status__in=["pending", "accepted"]),
                name="unique_open_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender_id} → {self.recipient_id}"

    @property
    def is_expired(self) -> bool:
        return (
            self.status == self.Status.EXPIRED
            or self.status == self.Status.PENDING
            and self.expires_at is not None
            and self.expires_at <= timezone.now()
        )


class Meeting(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        NO_SHOW = "no_show", _("No-show")
        CANCELLED = "cancelled", _("Cancelled")

    block = models.ForeignKey(MeetingBlock, on_delete=models.CASCADE, related_name="meetings")
    slot = models.PositiveIntegerField(_("slot"))
    table = models.PositiveIntegerField(_("table"))
    request = models.ForeignKey(
        MeetingRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    participants = models.ManyToManyField(
        Registration, through="MeetingSeat", related_name="meetings"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.SCHEDULED, db_index=True
    )
    locked = models.BooleanField(_("confirmed"), default=False)
    brokered = models.BooleanField(_("brokered by an operator"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["block", "slot", "table"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["block", "slot", "table"],
                condition=~models.Q(status="cancelled"),
                name="unique_table_in_slot",
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=~models.Q(status="cancelled"),
                name="one_meeting_per_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.block_id}/{self.slot}/{self.table}"

    @property
    def start(self) -> dt.datetime:
        return self.block.slot_start(self.slot)

    @property
    def end(self) -> dt.datetime:
        return self.block.slot_end(self.slot)


class MeetingSeat(models.Model):
    """One participant's place in one meeting; unique per (registration, block, slot)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="seats")
    block = models.ForeignKey(MeetingBlock, on_delete=models.CASCADE, related_name="+")
    slot = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "block", "slot"], name="unique_person_in_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} in {self.meeting_id}"


class MeetingOutcome(models.Model):
    class Attendance(models.TextChoices):
        HELD = "held", _("Held")
        NO_SHOW = "no_show", _("The other side did not come")

    class Interest(models.TextChoices):
        NONE = "none", _("None")
        SOME = "some", _("Some")
        STRONG = "strong", _("Strong")

    class NextStep(models.TextChoices):
        NONE = "", _("None yet")
        FOLLOW_UP_CALL = "follow_up_call", _("Follow-up call")
        NDA = "nda", _("NDA")
        PILOT = "pilot", _("Pilot")
        QUOTATION = "quotation", _("Quotation")
        AGREEMENT_EXPECTED = "agreement_expected", _("Agreement expected")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="outcomes"
    )
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance)
    interest = models.CharField(_("interest"), max_length=10, choices=Interest, default="none")
    next_step = models.CharField(_("next step"), max_length=20, choices=NextStep, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "registration"], name="one_outcome_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.attendance}"
