from __future__ import annotations

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
