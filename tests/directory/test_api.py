import json

import pytest

from tests.directory.factories import (
    NetworkMembershipFactory,
    OrganisationFactory,
    PersonFactory,
)
from tests.marketplace.test_api import bearer

API = "/api/v1"


@pytest.mark.django_db
def test_api_sectors_lists_tree_with_labels(client):
    data = client.get(f"{API}/sectors").json()
    forklift = next(s for s in data if s["slug"] == "warehouse-automation")
    assert forklift["parent"] == "smart-logistics"
    assert forklift["label_zh_hans"] == "仓储自动化"


@pytest.mark.django_db
def test_api_organisations_filter_and_hide_pending(client):
    OrganisationFactory(name="Visible", country="CN")
    OrganisationFactory(name="Pending", country="CN", status="pending")
    body = client.get(f"{API}/organisations?country=cn").json()
    assert [o["name"] for o in body["items"]] == ["Visible"]


@pytest.mark.django_db
def test_api_organisation_list_query_count_constant(client, django_assert_num_queries):
    OrganisationFactory()
    with django_assert_num_queries(3) as one:
        client.get(f"{API}/organisations")
    for _ in range(4):
        OrganisationFactory()
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(f"{API}/organisations")


@pytest.mark.django_db
def test_api_organisation_create_pending_and_update_permissions(client, member, stranger):
    response = client.post(
        f"{API}/organisations",
        json.dumps(
            {"name": "Tarragona Example Ports", "country": "es", "sectors": ["port-logistics"]}
        ),
        content_type="application/json",
        **bearer(member),
    )
    assert response.status_code == 201, response.content
    org = response.json()
    assert org["status"] == "pending" and org["country"] == "ES"
    denied = client.patch(
        f"{API}/organisations/{org['id']}",
        json.dumps({"city": "Reus"}),
        content_type="application/json",
        **bearer(stranger),
    )
    assert denied.status_code == 404  # pending organisations are invisible to others


@pytest.mark.django_db
def test_api_organisation_create_bad_country_is_422(client, member):
    response = client.post(
        f"{API}/organisations",
        json.dumps({"name": "Bad Country Co", "country": "Spain"}),
        content_type="application/json",
        **bearer(member),
    )
    assert response.status_code == 422


@pytest.mark.django_db
def test_api_people_hide_contact_details_from_strangers(client, member, stranger):
    person = PersonFactory(organisation=member.org, email="li.na@example.org")
    as_stranger = client.get(f"{API}/people/{person.pk}", **bearer(stranger)).json()
    as_colleague = client.get(f"{API}/people/{person.pk}", **bearer(member)).json()
    assert as_stranger["email"] is None and as_stranger["phone"] is None
    assert as_colleague["email"] == "li.na@example.org"


@pytest.mark.django_db
def test_api_network_detail_lists_members(client):
    membership = NetworkMembershipFactory(role="coordinator")
    data = client.get(f"{API}/networks/{membership.network.slug}").json()
    assert data["members"][0]["role"] == "coordinator"
    assert client.get(f"{API}/networks/nope").status_code == 404
