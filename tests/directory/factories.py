import factory

from digibridge.directory.models import (
    Network,
    NetworkMembership,
    Organisation,
    OrganisationMember,
    Person,
)
from tests.accounts.factories import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Example Organisation {n}")
    slug = factory.Sequence(lambda n: f"example-organisation-{n}")
    type = Organisation.Type.ENTERPRISE
    country = "ES"
    city = "Barcelona"
    description = "An example organisation for tests."
    status = Organisation.Status.APPROVED


class OrganisationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMember

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    title = "CEO"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "+34 600 000 000"


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Example Network {n}")
    slug = factory.Sequence(lambda n: f"example-network-{n}")


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
