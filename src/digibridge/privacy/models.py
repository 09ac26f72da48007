"""Privacy: consent records (append-only) and the log of anonymisations (erasure, retention).

The audit log itself is ``accounts.AuditEntry``; this app keeps it append-only (see ``guards``)
and shows it to operators.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibridge.directory.models import Person


class Purpose(models.TextChoices):
    LISTED = "listed", _("Listed in directories and participant lists")
    SHARE_CONTACTS = "share_contacts", _("Contact details shared after an accepted meeting")
    EMAIL = "email", _("E-mail from the platform")


class AppendOnlyError(Exception):
    """A record that may only be added was about to be changed or deleted."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.label} rows are append-only.")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.label} rows are append-only.")


class ConsentRecord(models.Model):
    """One decision of a person about one purpose. The latest record per subject and purpose is
    the current consent; earlier ones are the history and are never changed.

    The subject is a user account (``user``; ``person`` is then the user's directory entry, if
    any) or a directory person without an account (``person`` only). Records go when their
    subject is deleted (a cascade), never one by one.
    """

    class Source(models.TextChoices):
        PRIVACY_PAGE = "privacy_page", _("Privacy page")
        API = "api", _("API")
        OPERATOR = "operator", _("Recorded by an operator")
        ERASURE = "erasure", _("Erasure")
        RETENTION = "retention", _("Retention period ended")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consent_records",
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="consent_records"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose)
    granted = models.BooleanField(_("granted"))
    source = models.CharField(_("how"), max_length=20, choices=Source)
    text_version = models.CharField(_("text version"), max_length=20)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | models.Q(person__isnull=False),
                name="consent_has_subject",
            )
        ]
        indexes = [
            models.Index(fields=["user", "purpose", "created_at"], name="consent_user_idx"),
            models.Index(fields=["person", "purpose", "created_at"], name="consent_person_idx"),
        ]

    def __str__(self) -> str:
        state = "granted" if self.granted else "withdrawn"
        return f"{self.purpose} {state} ({self.user_id or ''}/{self.person_id or ''})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Consent records are append-only: record a new decision.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Consent records are append-only.")


class Anonymisation(models.Model):
    """What was anonymised, why and by whom: an erasure (a user and their directory entries) or
    the end of the retention period of one event registration."""

    class Reason(models.TextChoices):
        ERASURE = "erasure", _("Erasure on request")
        RETENTION = "retention", _("Retention period ended")

    reason = models.CharField(_("reason"), max_length=10, choices=Reason)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registration = models.OneToOneField(
        "events.Registration",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="anonymisation",
    )
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")

    def __str__(self) -> str:
        return f"{self.reason} {self.created_at:%Y-%m-%d}"
