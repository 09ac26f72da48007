"""Outreach: notifications and their preferences, private conversations between organisations,
invitations with RSVP, and delegations.

A conversation has two sides: ``side_a`` (an organisation) and ``side_b`` (an organisation, or
empty for the platform's service centre, whose side is played by the operators). Only members
of a side read it; operators may open any thread, and each such access is audited.
"""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from digibridge.directory.models import Network, Organisation, Person


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Notification(models.Model):
    class Kind(models.TextChoices):
        MATCH = "match", _("New matches")
        MEETING_REQUEST = "meeting_request", _("Meeting requests")
        MEETING_ANSWER = "meeting_answer", _("Answers to my meeting requests")
        SCHEDULE = "schedule", _("Schedule changes")
        RESPONSE = "response", _("Responses to my requests")
        MESSAGE = "message", _("Messages")
        INVITATION = "invitation", _("Invitations")
        DEADLINE = "deadline", _("Deadlines")
        DIGEST = "digest", _("Weekly digest of new matches")
        MODERATION = "moderation", _("Reported conversations (operators)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title = models.CharField(_("title"), max_length=250)
    body = models.TextField(_("text"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


# (in-app, e-mail) when the user has not chosen.
PREFERENCE_DEFAULTS: dict[str, tuple[bool, bool]] = {
    Notification.Kind.MATCH: (True, False),
    Notification.Kind.MEETING_REQUEST: (True, True),
    Notification.Kind.MEETING_ANSWER: (True, True),
    Notification.Kind.SCHEDULE: (True, True),
    Notification.Kind.RESPONSE: (True, True),
    Notification.Kind.MESSAGE: (True, True),
    Notification.Kind.INVITATION: (True, True),
    Notification.Kind.DEADLINE: (True, False),
    Notification.Kind.DIGEST: (False, True),
    Notification.Kind.MODERATION: (True, True),
}


# The engine's fused score (a weighted sum of features in [0, 1]; about 3.5 at most with the
# default weights). Good counterparts score about 2, unrelated ones below 1.
MATCH_THRESHOLD_DEFAULT = 1.5


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Notification.Kind)
    in_app = models.BooleanField(_("in the platform"), default=True)
    email = models.BooleanField(_("by e-mail"), default=True)
    # Only for the ``match`` kind: notify of new matches scoring at least this much (the
    # engine's score, as in the API and the digest); empty: ``MATCH_THRESHOLD_DEFAULT``.
    min_score = models.FloatField(_("lowest match score"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="unique_notification_preference")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.kind}"


class Conversation(models.Model):
    class Origin(models.TextChoices):
        DIRECT = "direct", _("Direct")
        MATCH = "match", _("A match")
        MEETING_REQUEST = "meeting_request", _("A meeting request")
        FOLLOW_UP = "follow_up", _("A meeting follow-up")
        RESPONSE = "response", _("A response to an order")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed by an operator")

    side_a = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # Empty: the other side is the service centre (the operators).
    side_b = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    origin = models.CharField(_("started from"), max_length=20, choices=Origin, default="direct")
    source_opportunity = models.ForeignKey(
        "marketplace.Opportunity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_opportunity = models.ForeignKey(
        "marketplace.Opportunity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    meeting_request = models.ForeignKey(
        "events.MeetingRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting = models.ForeignKey(
        "events.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rfq_response = models.ForeignKey(
        "marketplace.RfqResponse",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_a = models.BooleanField(_("side A shares contact details"), default=False)
    consent_b = models.BooleanField(_("side B shares contact details"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    closed_reason = models.CharField(_("reason for closing"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-last_message_at", "-created_at"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(side_a=models.F("side_b")), name="conversation_two_sides"
            )
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def contacts_revealed(self) -> bool:
        return self.consent_a and self.consent_b


class PrivateStorage(FileSystemStorage):
    """``DIGIBRIDGE_PRIVATE_ROOT`` (default ``var/private``), read at each use rather than once
    at import, so a changed setting (tests, a deployment's environment) is honoured."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:
        root = getattr(settings, "DIGIBRIDGE_PRIVATE_ROOT", None) or settings.VAR_DIR / "private"
        return str(root)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def private_storage() -> FileSystemStorage:
    """Attachments live outside MEDIA_ROOT (which is served publicly): only the conversation's
    download view, after its permission check, reads them."""
    return PrivateStorage()


def attachment_path(instance: Message, filename: str) -> str:
    return f"outreach/{instance.conversation_id}/{secrets.token_hex(8)}/{filename}"


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The side the sender wrote for; empty for the service centre.
    sender_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"), max_length=5000)
    attachment = models.FileField(
        _("attachment"), upload_to=attachment_path, storage=private_storage, blank=True
    )
    attachment_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.conversation_id}: {self.body[:40]}"


class ConversationRead(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="unique_conversation_read"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.conversation_id}"


class Block(models.Model):
    """``blocker`` accepts no messages from ``blocked``."""

    blocker = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="unique_block"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class AbuseReport(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"report on {self.conversation_id}"


class Invitation(models.Model):
    """A personal invitation to an event or a network; ``token`` is the invitee's link."""

    class Status(models.TextChoices):
        PENDING = "pending", _("No answer yet")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        MAYBE = "maybe", _("Maybe")

    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    network = models.ForeignKey(
        Network, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    # As the inviting list gave it (an uploaded file), whether or not it is in the directory.
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    message = models.TextField(_("personal message"), max_length=3000, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    status = models.CharField(
        _("answer"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminder_count = models.PositiveIntegerField(default=0)
    registration = models.ForeignKey(
        "events.Registration", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "email"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(event__isnull=False, network__isnull=True)
                | models.Q(event__isnull=True, network__isnull=False),
                name="invitation_one_target",
            ),
            models.UniqueConstraint(fields=["event", "email"], name="unique_event_invitation"),
            models.UniqueConstraint(fields=["network", "email"], name="unique_network_invitation"),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.event_id or self.network_id}"

    @property
    def target(self):
        return self.event if self.event_id else self.network


class Delegation(models.Model):
    """A group travelling together, e.g. a Beijing enterprise delegation to Barcelona."""

    name = models.CharField(_("name"), max_length=200)
    leader = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    travel_from = models.DateField(_("arrives on"), null=True, blank=True)
    travel_to = models.DateField(_("leaves on"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(travel_from__isnull=True)
                | models.Q(travel_to__isnull=True)
                | models.Q(travel_to__gte=models.F("travel_from")),
                name="delegation_travel_dates",
            )
        ]

    def __str__(self) -> str:
        return self.name


class DelegationMember(models.Model):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["delegation", "person"], name="unique_delegate")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.delegation_id}"


class MatchAlert(models.Model):
    """A pair (``source`` of the user's organisation, ``target``) the user was notified of as a
    new match; the periodic job never notifies the same pair to the same user twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(
        "marketplace.Opportunity", on_delete=models.CASCADE, related_name="+"
    )
    target = models.ForeignKey(
        "marketplace.Opportunity", on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "source", "target"], name="unique_match_alert")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.source_id} ↔ {self.target_id}"


class MatchAlertRun(models.Model):
    """One run of the new-match job; the next run looks at what changed since this one."""

    started_at = models.DateTimeField(db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    users_notified = models.PositiveIntegerField(default=0)
    pairs = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"match alerts at {self.started_at:%Y-%m-%d %H:%M}"
