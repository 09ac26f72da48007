import factory

from digibridge.cooperation.models import (
    Agreement,
    AgreementParty,
    FollowUp,
    ServiceCatalogueItem,
    ServiceRequest,
)
from tests.accounts.factories import UserFactory
from tests.directory.factories import OrganisationFactory


class AgreementFactory(factory.django.DjangoModelFactory):
    """An agreement; pass ``parties=[org_a, org_b]`` to add them as signatories."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    kind = Agreement.Kind.MOU
    title = factory.Sequence(lambda n: f"Example agreement {n}")
    status = Agreement.Status.PROPOSED
    currency = "EUR"

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        if not create:
            return
        organisations = extracted or [OrganisationFactory(), OrganisationFactory()]
        for position, organisation in enumerate(organisations):
            AgreementParty.objects.create(
                agreement=self,
                organisation=organisation,
                role=AgreementParty.Role.SIGNATORY,
                position=position,
            )


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    agreement = factory.SubFactory(AgreementFactory)
    owner = factory.SubFactory(UserFactory, role="operator")
    stage = FollowUp.Stage.CONTACTED
    next_action = factory.Sequence(lambda n: f"Call back {n}")


class ServiceRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceRequest

    organisation = factory.SubFactory(OrganisationFactory)
    service = factory.LazyFunction(lambda: ServiceCatalogueItem.objects.get(slug="market-entry"))
    description = "We need help to set up a subsidiary in Barcelona."
