import json

import pytest

from digibridge.accounts.services import api_token_create
from digibridge.marketplace.models import Opportunity
from tests.marketplace.factories import OpportunityFactory

API = "/api/v1"


def bearer(user) -> dict:
    _token, raw = api_token_create(user=user, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, url, payload, **headers):
    return client.post(url, json.dumps(payload), content_type="application/json", **headers)


def patch(client, url, payload, **headers):
    return client.patch(url, json.dumps(payload), content_type="application/json", **headers)


@pytest.mark.django_db
def test_api_list_paginated_and_filtered(client):
    for _ in range(3):
        OpportunityFactory(kind="offer")
    OpportunityFactory(kind="request")
    response = client.get(f"{API}/opportunities?kind=offer&limit=2")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3 and len(body["items"]) == 2
    assert {item["kind"] for item in body["items"]} == {"offer"}


@pytest.mark.django_db
def test_api_list_query_count_does_not_grow(client, django_assert_num_queries):
    OpportunityFactory(sectors=["smart-grid"])
    with django_assert_num_queries(3) as one:
        client.get(f"{API}/opportunities")
    for _ in range(4):
        OpportunityFactory(sectors=["smart-grid"])
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(f"{API}/opportunities").json()["count"] == 5


@pytest.mark.django_db
def test_api_create_with_token_and_publish(client, member):
    response = post(
        client,
        f"{API}/opportunities",
        {
            "owner": member.org.pk,
            "kind": "offer",
            "category": "technology",
            "title": "Emmagatzematge d'energia amb bateries LFP",
            "description": "Oferim bateries de 500 kWh per a polígons industrials.",
            "sectors": ["energy-storage"],
            "target_countries": ["ES", "CN"],
            "publish": True,
        },
        **bearer(member),
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "published"
    assert data["sectors"] == ["energy-storage"]
    assert sorted(data["target_countries"]) == ["CN", "ES"]


@pytest.mark.django_db
def test_api_create_invalid_input_is_422_with_field_messages(client, member):
    response = post(
        client,
        f"{API}/opportunities",
        {"owner": member.org.pk, "kind": "gift", "category": "technology", "title": ""},
        **bearer(member),
    )
    assert response.status_code == 422
    locations = {tuple(error["loc"][-1:]) for error in response.json()["detail"]}
    assert ("kind",) in locations and ("title",) in locations and ("description",) in locations


@pytest.mark.django_db
def test_api_create_unknown_sector_is_422_naming_the_field(client, member):
    response = post(
        client,
        f"{API}/opportunities",
        {
            "owner": member.org.pk,
            "kind": "offer",
            "category": "technology",
            "title": "Valid title",
            "description": "d",
            "sectors": ["warp-drives"],
        },
        **bearer(member),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "sectors"]


@pytest.mark.django_db
def test_api_malformed_json_is_400_or_422_not_500(client, member):
    response = client.post(
        f"{API}/opportunities", "{not json", content_type="application/json", **bearer(member)
    )
    assert response.status_code in (400, 422)


@pytest.mark.django_db
def test_api_write_without_auth_is_401(client, member):
    response = post(client, f"{API}/opportunities", {"owner": member.org.pk})
    assert response.status_code == 401


@pytest.mark.django_db
def test_api_update_other_organisation_is_403(client, member, stranger):
    opp = OpportunityFactory(owner=member.org)
    response = patch(
        client, f"{API}/opportunities/{opp.pk}", {"title": "Mine now"}, **bearer(stranger)
    )
    assert response.status_code == 403
    opp.refresh_from_db()
    assert opp.title != "Mine now"


@pytest.mark.django_db
def test_api_private_opportunity_is_404_for_others(client, member, stranger):
    opp = OpportunityFactory(owner=member.org, visibility="private")
    assert client.get(f"{API}/opportunities/{opp.pk}", **bearer(stranger)).status_code == 404
    assert client.get(f"{API}/opportunities/{opp.pk}", **bearer(member)).status_code == 200
    assert client.get(f"{API}/opportunities/999999").status_code == 404


@pytest.mark.django_db
def test_api_patch_closes_with_session_auth(client, member):
    opp = OpportunityFactory(owner=member.org)
    client.force_login(member)
    response = patch(client, f"{API}/opportunities/{opp.pk}", {"status": "closed"})
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert Opportunity.objects.get(pk=opp.pk).status == "closed"


@pytest.mark.django_db
def test_api_close_draft_is_422(client, member):
    opp = OpportunityFactory(owner=member.org, status="draft")
    response = patch(
        client, f"{API}/opportunities/{opp.pk}", {"status": "closed"}, **bearer(member)
    )
    assert response.status_code == 422


@pytest.mark.django_db
def test_api_docs_and_schema_available_offline(client):
    schema = client.get(f"{API}/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/opportunities" in schema.json()["paths"]
    docs = client.get("/api/docs", follow=True)
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()
