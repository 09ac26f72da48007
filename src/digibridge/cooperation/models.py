"""Cooperation: agreements with their parties and documents, follow-ups, overseas services.

Workflows (status transitions, who may do what) live in ``services.py``; the tables here only
hold the state and the constraints the database can check.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from digibridge.common.models import LabelledInUILanguages
from digibridge.directory.models import Organisation
from digibridge.marketplace.models import Opportunity


class Currency(models.TextChoices):
    EUR = "EUR", "EUR"
    CNY = "CNY", "CNY"
    USD = "USD", "USD"
    GBP = "GBP", "GBP"


class Agreement(models.Model):
    """A cooperation agreement between two or more organisations."""

    class Kind(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding")
        STRATEGIC = "strategic", _("Strategic cooperation agreement")
        FRAMEWORK = "framework", _("Framework agreement")
        CONTRACT_ORDER = "contract_order", _("Contract or purchase order")
        INVESTMENT_JV = "investment_jv", _("Investment or joint venture")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        NEGOTIATING = "negotiating", _("Negotiating")
        SIGNED = "signed", _("Signed")
        IN_EXECUTION = "in_execution", _("In execution")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PROPOSED, db_index=True
    )
    value = models.DecimalField(
        _("value"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency, default="EUR")
    signed_on = models.DateField(_("signing date"), null=True, blank=True, db_index=True)
    signing_place = models.CharField(_("signing place"), max_length=200, blank=True)
    signing_event = models.CharField(
        _("signing event"),
        max_length=200,
        blank=True,
        help_text=_("For example the forum's signing ceremony."),
    )
    opportunities = models.ManyToManyField(
        Opportunity, blank=True, related_name="agreements", verbose_name=_("opportunities")
    )
    # The match that started it: the engine keeps no table of matches, so a match is the pair
    # of opportunities it put side by side.
    source_opportunity = models.ForeignKey(
        Opportunity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("matched opportunity"),
    )
    counterpart_opportunity = models.ForeignKey(
        Opportunity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("counterpart opportunity"),
    )
    source_meeting = models.ForeignKey(
        "events.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
        verbose_name=_("meeting it came from"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_signed(self) -> bool:
        return self.status in SIGNED_STATUSES


SIGNED_STATUSES = (
    Agreement.Status.SIGNED,
    Agreement.Status.IN_EXECUTION,
    Agreement.Status.COMPLETED,
)


class AgreementParty(models.Model):
    class Role(models.TextChoices):
        SIGNATORY = "signatory", _("Signatory")
        WITNESS = "witness", _("Witness")
        FACILITATOR = "facilitator", _("Facilitator")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="agreement_parties"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.SIGNATORY)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="unique_agreement_party"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})"


def agreement_document_path(instance: AgreementDocument, filename: str) -> str:
    # The stored name never comes from the user; the original name is kept in a column.
    import uuid

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"cooperation/agreements/{instance.agreement_id}/{uuid.uuid4().hex}.{extension}"


class AgreementDocument(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=agreement_document_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.original_name


class FollowUp(models.Model):
    """What happens after an introduction, a match or a meeting, until it ends or is signed."""

    class Stage(models.TextChoices):
        INTRODUCED = "introduced", _("Introduced")
        CONTACTED = "contacted", _("In contact")
        MET = "met", _("Met")
        PROPOSAL = "proposal", _("Proposal under discussion")
        NEGOTIATING = "negotiating", _("Negotiating")
        AGREED = "agreed", _("Agreement reached")
        DROPPED = "dropped", _("Dropped")

    agreement = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.CASCADE, related_name="follow_ups"
    )
    source_opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    counterpart_opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting = models.ForeignKey(
        "events.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        verbose_name=_("meeting"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.INTRODUCED)
    # Nullable so that erasing an operator's account leaves their follow-ups, unassigned.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        verbose_name=_("owner"),
    )
    next_action = models.CharField(_("next action"), max_length=300, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True, db_index=True)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    done = models.BooleanField(_("done"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return self.next_action or self.get_stage_display()


class ServiceCatalogueItem(LabelledInUILanguages):
    """A service the overseas service centre offers, labelled in the four UI languages."""

    slug = models.SlugField(unique=True, max_length=64)
    position = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("service")
        verbose_name_plural = _("services")


class ServiceRequest(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        TAKEN = "taken", _("Taken by an operator")
        REFERRED = "referred", _("Referred to a provider")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="service_requests"
    )
    service = models.ForeignKey(
        ServiceCatalogueItem, on_delete=models.PROTECT, related_name="requests"
    )
    description = models.TextField(_("what do you need?"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.SUBMITTED, db_index=True
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("operator"),
    )
    provider = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_referrals",
        verbose_name=_("service provider"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status_note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")

    def __str__(self) -> str:
        return f"{self.service} — {self.organisation}"
