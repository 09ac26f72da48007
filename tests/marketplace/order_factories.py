import datetime as dt
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from digibridge.marketplace.models import (
    ExchangeRate,
    Opportunity,
    Rfq,
    RfqQuestion,
    RfqResponse,
)
from tests.accounts.factories import UserFactory
from tests.directory.factories import OrganisationFactory, OrganisationMemberFactory
from tests.marketplace.factories import OpportunityFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "quote.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


class RequestFactory(OpportunityFactory):
    kind = Opportunity.Kind.REQUEST
    category = Opportunity.Category.PROCUREMENT
    title = factory.Sequence(lambda n: f"Order of warehouse robots {n}")
    description = "We want to buy 20 autonomous forklifts for a logistics park near Barcelona."
    budget_min = Decimal("100000")
    budget_max = Decimal("300000")


class RfqFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rfq
        skip_postgeneration_save = True

    opportunity = factory.SubFactory(RequestFactory)
    response_deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    sealed = False
    eligibility = Rfq.Eligibility.EVERYONE


class RfqQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RfqQuestion

    rfq = factory.SubFactory(RfqFactory)
    text = factory.Sequence(lambda n: f"Question {n}?")
    kind = RfqQuestion.Kind.TEXT
    required = True


class SupplierFactory(OrganisationFactory):
    country = "CN"
    city = "Shenzhen"


class RfqResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RfqResponse

    rfq = factory.SubFactory(RfqFactory)
    supplier = factory.SubFactory(SupplierFactory)
    kind = RfqResponse.Kind.FULL
    message = "We can deliver the forklifts in eight weeks."
    price = Decimal("150000")
    currency = "EUR"
    status = RfqResponse.Status.SUBMITTED


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRate

    currency = "CNY"
    rate_to_eur = Decimal("0.125")
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))


def supplier_user(name: str = "Shenzhen Example Machines", country: str = "CN", **org):
    """A user acting for a fresh supplier organisation (``user.org``)."""
    user = UserFactory()
    organisation = SupplierFactory(name=name, country=country, **org)
    OrganisationMemberFactory(user=user, organisation=organisation)
    user.org = organisation
    return user


def rfq_for(buyer, **kwargs) -> Rfq:
    """A request of ``buyer.org`` opened for responses."""
    return RfqFactory(opportunity=RequestFactory(owner=buyer.org), **kwargs)
