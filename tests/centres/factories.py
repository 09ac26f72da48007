import factory

from digibridge.directory.models import ServiceCentre


class ServiceCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCentre
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Service centre {n}")
    slug = factory.Sequence(lambda n: f"centre-{n}")
