import pytest

from digibridge.demo import content
from digibridge.demo.loader import load_demo
from digibridge.directory.models import Network, Organisation, Person
from digibridge.marketplace.models import Opportunity


@pytest.mark.django_db
def test_demo_loads_the_barcelona_programme_and_is_idempotent():
    counts = load_demo()
    assert counts["organisations"] == len(content.ORGANISATIONS)
    assert Organisation.objects.filter(name__icontains="Huawei").exists()
    cities = Network.objects.get(name__icontains="Partner Cities")
    assert cities.memberships.filter(organisation__type="city").count() >= 30
    assert Person.objects.filter(is_executive=True).count() >= 150
    assert Opportunity.objects.count() == len(content.OPPORTUNITIES)
    assert load_demo() == {}
    assert load_demo(reset=True)["organisations"] == len(content.ORGANISATIONS)
    assert Organisation.objects.count() == len(content.ORGANISATIONS)
