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
            # The default order of lists and the API: newest first without sorting every row.
            models.Index(fields=["-published_at", "-created_at"], name="opportunity_newest"),
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


# --- global orders: requests opened for responses ---------------------------------------


class Rfq(models.Model):
    """A request opened for responses (a request for quotation, a small tender).

    The request itself stays an ``Opportunity`` of kind request; this row holds the rules for
    answering it. Who may read which response is decided in ``orders_selectors``."""

    class Eligibility(models.TextChoices):
        EVERYONE = "everyone", _("Every organisation")
        VERIFIED = "verified", _("Verified organisations")
        INVITED = "invited", _("Invited organisations")
        NETWORK = "network", _("Members of a network")

    class Status(models.TextChoices):
        OPEN = "open", _("Open for responses")
        CLOSED = "closed", _("Closed")

    opportunity = models.OneToOneField(
        Opportunity, on_delete=models.CASCADE, related_name="rfq", verbose_name=_("request")
    )
    response_deadline = models.DateTimeField(_("response deadline"), db_index=True)
    sealed = models.BooleanField(
        _("sealed responses"),
        default=False,
        help_text=_("You see the responses only after the deadline."),
    )
    budget_visible = models.BooleanField(_("show the budget to suppliers"), default=False)
    eligibility = models.CharField(
        _("who may respond"), max_length=10, choices=Eligibility, default=Eligibility.EVERYONE
    )
    network = models.ForeignKey(
        "directory.Network",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("network"),
    )
    invited = models.ManyToManyField(
        Organisation, blank=True, related_name="rfq_invitations", verbose_name=_("invited")
    )
    max_responses = models.PositiveIntegerField(
        _("cap on responses"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.OPEN, db_index=True
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # When the "closes in 24 hours" notice went out; cleared when the deadline is extended.
    deadline_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["response_deadline", "pk"]
        verbose_name = _("request for responses")
        verbose_name_plural = _("requests for responses")

    def __str__(self) -> str:
        return self.opportunity.title

    @property
    def deadline_passed(self) -> bool:
        return timezone.now() >= self.response_deadline

    @property
    def accepts_responses(self) -> bool:
        return self.status == self.Status.OPEN and not self.deadline_passed


class RfqQuestion(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Free text")
        NUMBER = "number", _("Number")
        YES_NO = "yes_no", _("Yes or no")
        CHOICE = "choice", _("Choice")
        FILE = "file", _("File")

    rfq = models.ForeignKey(Rfq, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("answer type"), max_length=10, choices=Kind, default=Kind.TEXT)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text


class RfqResponse(models.Model):
    """A supplier organisation's answer to a request for responses (one per organisation)."""

    class Kind(models.TextChoices):
        INTEREST = "interest", _("Expression of interest")
        FULL = "full", _("Full response")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        DECLINED = "declined", _("Declined")
        AWARDED = "awarded", _("Awarded")

    rfq = models.ForeignKey(Rfq, on_delete=models.CASCADE, related_name="responses")
    supplier = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="rfq_responses"
    )
    offer = models.ForeignKey(
        Opportunity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rfq_responses",
        verbose_name=_("the offer it answers with"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.FULL)
    message = models.TextField(_("message"), max_length=10000, blank=True)
    price = models.DecimalField(
        _("price"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Opportunity.Currency, default="EUR"
    )
    terms = models.TextField(_("terms"), max_length=5000, blank=True)
    lead_time_days = models.PositiveIntegerField(_("lead time (days)"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=CONTENT_LANGUAGES, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.SUBMITTED, db_index=True
    )
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    awarded_at = models.DateTimeField(null=True, blank=True)
    # Where the award went in the cooperation pipeline.
    agreement = models.ForeignKey(
        "cooperation.Agreement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rfq_responses",
    )
    follow_up = models.ForeignKey(
        "cooperation.FollowUp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rfq_responses",
    )

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["rfq", "supplier"], name="unique_rfq_response"),
            models.CheckConstraint(
                condition=models.Q(price__isnull=True) | models.Q(price__gte=0),
                name="rfq_response_price_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.supplier} → {self.rfq}"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.WITHDRAWN


def rfq_file_path(instance, filename: str) -> str:
    # The stored name never comes from the user; the original name is kept in a column.
    import uuid

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"marketplace/responses/{instance.response_id}/{uuid.uuid4().hex}.{extension}"


class RfqAnswer(models.Model):
    response = models.ForeignKey(RfqResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(RfqQuestion, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(max_length=5000, blank=True)
    number = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    yes = models.BooleanField(null=True, blank=True)
    file = models.FileField(upload_to=rfq_file_path, max_length=255, blank=True)
    file_name = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["question__position", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="unique_rfq_answer")
        ]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        if self.question.kind == RfqQuestion.Kind.NUMBER and self.number is not None:
            return f"{self.number.normalize():f}"
        if self.question.kind == RfqQuestion.Kind.YES_NO and self.yes is not None:
            return str(_("Yes") if self.yes else _("No"))
        if self.question.kind == RfqQuestion.Kind.FILE:
            return self.file_name
        return self.text


class RfqDocument(models.Model):
    response = models.ForeignKey(RfqResponse, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=rfq_file_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Clarification(models.Model):
    """A question the requester asks one supplier about its response, and the answer.

    Only that supplier, the requester and operators read it."""

    response = models.ForeignKey(
        RfqResponse, on_delete=models.CASCADE, related_name="clarifications"
    )
    question = models.TextField(_("question"), max_length=3000)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("answer"), max_length=5000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]
        verbose_name = _("clarification")
        verbose_name_plural = _("clarifications")

    def __str__(self) -> str:
        return self.question[:60]


class ExchangeRate(models.Model):
    """How many euros one unit of ``currency`` is worth from ``valid_from`` on (operators keep
    it); prices are compared in one currency through it."""

    currency = models.CharField(_("currency"), max_length=3, choices=Opportunity.Currency)
    rate_to_eur = models.DecimalField(
        _("value of one unit in EUR"),
        max_digits=16,
        decimal_places=8,
        validators=[MinValueValidator(0)],
    )
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["currency", "-valid_from"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "valid_from"], name="unique_exchange_rate_day"
            ),
            models.CheckConstraint(condition=models.Q(rate_to_eur__gt=0), name="rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.rate_to_eur} EUR"
