import pytest
from django.urls import reverse

from digibridge.directory.models import Organisation
from tests.directory.factories import OrganisationFactory, PersonFactory


@pytest.mark.django_db
def test_directory_list_query_count_does_not_grow(client, django_assert_num_queries):
    OrganisationFactory()
    client.get(reverse("directory:list"))
    # Inside the test's transaction the sector and network choices are read each time a select
    # uses them (twice); outside one they come from the process (tests/common/test_counting.py).
    with django_assert_num_queries(7) as one:
        client.get(reverse("directory:list"))
    for _ in range(4):
        OrganisationFactory()
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("directory:list"))


@pytest.mark.django_db
def test_directory_search_and_filters(client):
    OrganisationFactory(name="Example Lidar Wuhan", country="CN", type="enterprise")
    OrganisationFactory(name="Example Chamber", country="ES", type="association")
    body = client.get(reverse("directory:list"), {"type": "association"}).content.decode()
    assert "Example Chamber" in body and "Example Lidar Wuhan" not in body


@pytest.mark.django_db
def test_organisation_register_page_then_operator_approves(client, member, operator):
    client.force_login(member)
    response = client.post(
        reverse("directory:create"),
        {"name": "Example Drones Shenzhen", "type": "enterprise", "country": "CN"},
    )
    org = Organisation.objects.get(name="Example Drones Shenzhen")
    assert response.status_code == 302 and org.status == "pending"
    client.force_login(operator)
    assert "Example Drones Shenzhen" in client.get(reverse("directory:review")).content.decode()
    client.post(reverse("directory:review_decide", args=[org.slug]), {"decision": "approve"})
    org.refresh_from_db()
    assert org.status == "approved"


@pytest.mark.django_db
def test_review_queue_hidden_from_members(client, member):
    client.force_login(member)
    assert client.get(reverse("directory:review")).status_code == 404


@pytest.mark.django_db
def test_organisation_detail_hides_contacts_from_anonymous(client, member):
    PersonFactory(organisation=member.org, email="secret@example.org")
    body = client.get(reverse("directory:detail", args=[member.org.slug])).content.decode()
    assert "secret@example.org" not in body
    client.force_login(member)
    body = client.get(reverse("directory:detail", args=[member.org.slug])).content.decode()
    assert "secret@example.org" in body


@pytest.mark.django_db
def test_network_pages(client):
    from tests.directory.factories import NetworkMembershipFactory

    membership = NetworkMembershipFactory()
    assert membership.network.name in client.get(reverse("directory:networks")).content.decode()
    body = client.get(reverse("directory:network", args=[membership.network.slug])).content.decode()
    assert membership.organisation.name in body
