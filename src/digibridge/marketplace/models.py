from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from digibridge.directory.models import CONTENT_LANGUAGES, Organisation, Sector


class Opportunity(models.Model):
    """An offer (a solution) or a request (a demand, an order) published by an organisation."""

    class Kind(models.TextChoices):
        OFFER = "offer", _("Offer")
        REQUEST = "request", _("Request")

    class Category(models.TextChoices):
        TECHNOLOGY = "technology", _("Technology")
        COMMERCIAL = "commercial", _("Commercial")
        INVESTMENT = "investment", _("Investment")
        PARTNERSHIP = "partnership", _("Partnership")
        PROCUREMENT = "procurement", _("Procurement / order")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        EXPIRED = "expired", _("Expired")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        NETWORK = "network", _("Members of my networks")
        PRIVATE = "private", _("Private (my organisation and operators)")

    class Currency(models.TextChoices):
        EUR = "EUR", "EUR"
        CNY = "CNY", "CNY"
        USD = "USD", "USD"
        GBP = "GBP", "GBP"

    owner = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="opportunities")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    category = models.CharField(_("category"), max_length=20, choices=Category)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10000)
    language = models.CharField(_("language"), max_length=10, choices=CONTENT_LANGUAGES, blank=True)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="opportunities")
    target_countries = CountryField(_("target countries or markets"), multiple=True, blank=True)
    budget_min = models.DecimalField(
        _("budget from"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    budget_max = models.DecimalField(
        _("budget up to"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency, default="EUR")
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility, default=Visibility.PUBLIC
    )
    typical = models.BooleanField(_("typical solution"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [
            models.Index(fields=["kind", "status"]),
            models.Index(fields=["status", "deadline"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_min__isnull=True)
                | models.Q(budget_max__isnull=True)
                | models.Q(budget_min__lte=models.F("budget_max")),
                name="opportunity_budget_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PUBLISHED and (
            self.deadline is None or self.deadline >= timezone.localdate()
        )
