"""What the demo crawl (test_crawl.py) found broken, pinned down in small fast tests."""

import json

import pytest
from django.urls import reverse

from tests.events.factories import EventFactory, RegistrationFactory
from tests.marketplace.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def test_personal_data_export_holds_an_opportunity_with_several_target_countries(client, member):
    OpportunityFactory(owner=member.org, created_by=member, target_countries=["ES", "FR"])
    client.force_login(member)
    response = client.get(reverse("privacy:export"))
    assert response.status_code == 200
    data = json.loads(response.content)
    (row,) = data["data"]["marketplace.opportunity"]
    assert row["target_countries"] == "ES,FR"


def test_event_navigation_links_personal_pages_only_for_registered_viewers(client, member):
    event = EventFactory()
    client.force_login(member)
    personal = [
        reverse(name, args=[event.slug])
        for name in ("events:registration", "events:suggestions", "events:inbox", "events:agenda")
    ]
    page = client.get(reverse("events:participants", args=[event.slug])).content.decode()
    assert not [url for url in personal if url in page]
    for url in personal:  # they do not exist for this viewer
        assert client.get(url).status_code == 404

    RegistrationFactory(event=event, person__user=member, organisation=member.org)
    page = client.get(reverse("events:participants", args=[event.slug])).content.decode()
    assert all(url in page for url in personal)
    for url in personal:
        assert client.get(url).status_code == 200


def test_event_navigation_links_the_organiser_pages_only_for_operators_of_the_hosts_centre(client):
    from tests.accounts.factories import UserFactory
    from tests.centres.factories import ServiceCentreFactory
    from tests.directory.factories import OrganisationFactory

    beijing = ServiceCentreFactory(name="Beijing service base", slug="beijing", country="CN")
    barcelona = ServiceCentreFactory(name="Barcelona centre", slug="barcelona", country="ES")
    event = EventFactory(host=OrganisationFactory(type="government", centre=beijing))
    dashboard = reverse("events:dashboard", args=[event.slug])
    detail = reverse("events:detail", args=[event.slug])

    client.force_login(UserFactory(role="operator", is_staff=True, centre=barcelona))
    assert dashboard not in client.get(detail).content.decode()
    assert client.get(dashboard).status_code == 404

    client.force_login(UserFactory(role="operator", is_staff=True, centre=beijing))
    assert dashboard in client.get(detail).content.decode()
    assert client.get(dashboard).status_code == 200
