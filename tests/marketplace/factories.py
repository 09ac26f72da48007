import factory
from django.utils import timezone

from digibridge.marketplace.models import Opportunity
from tests.directory.factories import OrganisationFactory


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    owner = factory.SubFactory(OrganisationFactory)
    kind = Opportunity.Kind.OFFER
    category = Opportunity.Category.TECHNOLOGY
    title = factory.Sequence(lambda n: f"Example opportunity {n}")
    description = "Autonomous forklifts with fleet management software."
    status = Opportunity.Status.PUBLISHED
    visibility = Opportunity.Visibility.PUBLIC
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            from digibridge.directory.models import Sector

            self.sectors.set(Sector.objects.filter(slug__in=extracted))
