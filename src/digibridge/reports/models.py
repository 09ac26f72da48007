from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedRecord(models.Model):
    """Which object an imported row became, so that importing the same file again updates it
    instead of creating a duplicate. Kept here rather than as an ``external_id`` column on the
    directory's and marketplace's tables, which this app does not own."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisations", _("Organisations")
        PERSON = "people", _("People")
        OPPORTUNITY = "opportunities", _("Opportunities")
        AGREEMENT = "agreements", _("Agreements")
        REGISTRATION = "registrations", _("Event registrations")

    kind = models.CharField(max_length=20, choices=Kind)
    external_id = models.CharField(max_length=100)
    object_id = models.BigIntegerField()
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        constraints = [
            models.UniqueConstraint(fields=["kind", "external_id"], name="unique_imported_record")
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.external_id} → {self.object_id}"


class ImportJob(models.Model):
    """A web import confirmed by an operator, run as a background task.

    The row says where the job is (queued, running, finished) and, once finished, what came of
    it; the running figures (rows checked, rows written) live in a small progress file next to
    the upload, because the import writes inside one transaction that nobody else can see into
    until it commits."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Imported")
        INVALID = "invalid", _("Not imported: the file has errors")
        FAILED = "failed", _("Failed")

    FINISHED = (Status.DONE, Status.INVALID, Status.FAILED)

    token = models.CharField(max_length=32, unique=True)
    kind = models.CharField(max_length=20, choices=ImportedRecord.Kind)
    file_name = models.CharField(max_length=100)
    original_name = models.CharField(max_length=200)
    language = models.CharField(max_length=10, blank=True)
    expected_rows = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    errors_left_off = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.kind} import {self.token} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED
