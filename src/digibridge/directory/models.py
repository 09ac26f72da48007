from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from digibridge.common.fields import UnicodeJSONEncoder
from digibridge.common.models import LabelledInUILanguages

CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Chinese")),
    ("es", _("Spanish")),
    ("ca", _("Catalan")),
    ("", _("Unknown")),
]


class Sector(LabelledInUILanguages):
    """A node of the digital-economy sector taxonomy, labelled in the four UI languages."""

    slug = models.SlugField(unique=True, max_length=64)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class ServiceCentre(models.Model):
    """A service centre or base of the platform ("Beijing service base", "Barcelona centre").

    Each organisation may be looked after by one centre; an operator attached to a centre sees
    and manages that centre's data only (``directory.selectors.operator_centre``).
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True, max_length=100)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("service centre")
        verbose_name_plural = _("service centres")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Type(models.TextChoices):
        ENTERPRISE = "enterprise", _("Enterprise")
        GOVERNMENT = "government", _("Government body")
        ASSOCIATION = "association", _("Association or chamber")
        CITY = "city", _("City")
        RESEARCH = "research", _("Research institute")
        SERVICE_PROVIDER = "service_provider", _("Service provider")

    class Size(models.TextChoices):
        MICRO = "micro", _("Micro (1–9)")
        SMALL = "small", _("Small (10–49)")
        MEDIUM = "medium", _("Medium (50–249)")
        LARGE = "large", _("Large (250+)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("name"), max_length=200)
    names = models.JSONField(
        _("names in other languages"),
        default=dict,
        blank=True,
        encoder=UnicodeJSONEncoder,
        help_text="{language: name}",
    )
    slug = models.SlugField(unique=True, max_length=220)
    type = models.CharField(_("type"), max_length=20, choices=Type, default=Type.ENTERPRISE)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    description_language = models.CharField(
        _("language of the description"), max_length=10, choices=CONTENT_LANGUAGES, blank=True
    )
    sectors = models.ManyToManyField(Sector, blank=True, related_name="organisations")
    size = models.CharField(_("size"), max_length=10, choices=Size, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    logo = models.FileField(_("logo"), upload_to="logos/", blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    centre = models.ForeignKey(
        ServiceCentre,
        verbose_name=_("service centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
        help_text=_("The service centre that looks after this organisation."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["type", "country"])]

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str | None) -> str:
        return (self.names or {}).get(language or "", "") or self.name

    @property
    def local_name(self) -> str:
        return self.name_in(get_language())

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED


class OrganisationMember(models.Model):
    """A user acting for an organisation. ``is_admin`` members manage the membership list."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    is_admin = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="unique_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class Person(models.Model):
    """A person in the directory (an executive, an official). May or may not have an account."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    title = models.CharField(_("title"), max_length=150, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_executive = models.BooleanField(_("executive"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        if self.organisation_id and self.languages[:1] == ["zh-hans"]:
            return f"{self.last_name}{self.first_name}"
        return f"{self.first_name} {self.last_name}".strip()


class Network(models.Model):
    """A partner network or initiative: partner cities, a business-association network."""

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("Initiative")
        ASSOCIATION_NETWORK = "association_network", _("Business-association network")
        PROGRAMME = "programme", _("Programme group")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True, max_length=220)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind, default=Kind.INITIATIVE)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name


class NetworkMembership(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        FOUNDER = "founder", _("Founding member")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="network_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        ordering = ["network", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"], name="unique_network_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.network}"
