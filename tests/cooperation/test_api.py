import json

import pytest

from digibridge.accounts.services import api_token_create
from digibridge.cooperation.models import Agreement
from tests.cooperation.factories import AgreementFactory, FollowUpFactory, ServiceRequestFactory
from tests.directory.factories import OrganisationFactory
from tests.marketplace.factories import OpportunityFactory

pytestmark = pytest.mark.django_db
API = "/api/v1"


def bearer(user) -> dict:
    _token, raw = api_token_create(user=user, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, url, payload, **headers):
    return client.post(url, json.dumps(payload), content_type="application/json", **headers)


def test_api_agreement_create_and_sign(client, member):
    other = OrganisationFactory(country="ES")
    offer = OpportunityFactory(owner=member.org)
    response = post(
        client,
        f"{API}/agreements",
        {
            "kind": "contract_order",
            "title": "Purchase order for 20 AGVs",
            "value": "480000.00",
            "currency": "EUR",
            "parties": [{"organisation": member.org.pk}, {"organisation": other.pk}],
            "source_opportunity": offer.pk,
        },
        **bearer(member),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "proposed" and len(body["parties"]) == 2
    assert body["parties"][0]["country"] == "CN"
    response = post(
        client,
        f"{API}/agreements/{body['id']}/transition",
        {"status": "signed", "signed_on": "2025-03-04"},
        **bearer(member),
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "signed"


def test_api_agreement_bad_input_is_422(client, member):
    auth = bearer(member)
    response = post(
        client, f"{API}/agreements", {"kind": "gift", "title": "", "parties": []}, **auth
    )
    assert response.status_code == 422
    response = post(
        client,
        f"{API}/agreements",
        {
            "kind": "mou",
            "title": "Valid",
            "parties": [{"organisation": member.org.pk}, {"organisation": 99999}],
        },
        **auth,
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "parties"]
    response = client.post(f"{API}/agreements", "{nope", content_type="application/json", **auth)
    assert response.status_code in (400, 422)


def test_api_agreement_permissions(client, member, stranger, operator):
    agreement = AgreementFactory(parties=[member.org, OrganisationFactory()])
    assert client.get(f"{API}/agreements/{agreement.pk}", **bearer(stranger)).status_code == 404
    assert client.get(f"{API}/agreements/{agreement.pk}", **bearer(member)).status_code == 200
    assert client.get(f"{API}/agreements/999999", **bearer(operator)).status_code == 404
    assert client.get(f"{API}/agreements").status_code == 401
    assert client.get(f"{API}/agreements", **bearer(stranger)).json()["count"] == 0
    assert client.get(f"{API}/agreements", **bearer(operator)).json()["count"] == 1
    response = post(
        client,
        f"{API}/agreements",
        {
            "kind": "mou",
            "title": "Not ours",
            "parties": [
                {"organisation": OrganisationFactory().pk},
                {"organisation": member.org.pk},
            ],
        },
        **bearer(stranger),
    )
    assert response.status_code == 403


def test_api_bad_transition_is_422(client, operator):
    agreement = AgreementFactory(status=Agreement.Status.WITHDRAWN)
    auth = bearer(operator)
    url = f"{API}/agreements/{agreement.pk}/transition"
    assert post(client, url, {"status": "signed"}, **auth).status_code == 422
    assert post(client, url, {"status": "teleported"}, **auth).status_code == 422


def test_api_agreement_list_query_count(
    client, operator, django_assert_num_queries, django_assert_max_num_queries
):
    auth = bearer(operator)
    AgreementFactory()
    with django_assert_max_num_queries(1000) as one:
        client.get(f"{API}/agreements", **auth)
    for _ in range(4):
        AgreementFactory()
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(f"{API}/agreements", **auth).json()["count"] == 5


def test_api_follow_ups_operator_only(client, operator, member):
    agreement = AgreementFactory(parties=[member.org, OrganisationFactory()])
    payload = {
        "agreement": agreement.pk,
        "stage": "contacted",
        "next_action": "Call",
        "due_on": "2025-03-11",
    }
    assert post(client, f"{API}/follow-ups", payload, **bearer(member)).status_code == 403
    response = post(client, f"{API}/follow-ups", payload, **bearer(operator))
    assert response.status_code == 201, response.content
    assert post(client, f"{API}/follow-ups", {"stage": "x"}, **bearer(operator)).status_code == 422
    FollowUpFactory(owner=operator, due_on="2020-01-01")
    listed = client.get(f"{API}/follow-ups?due=true", **bearer(operator)).json()
    assert listed["count"] == 2
    assert client.get(f"{API}/follow-ups", **bearer(member)).json()["count"] == 0


def test_api_service_requests(client, member, stranger, operator):
    auth = bearer(member)
    response = post(
        client,
        f"{API}/service-requests",
        {"organisation": member.org.pk, "service": "visas-talent", "description": "Two visas"},
        **auth,
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert (
        post(
            client,
            f"{API}/service-requests",
            {"organisation": member.org.pk, "service": "teleport", "description": "x"},
            **auth,
        ).status_code
        == 422
    )
    assert (
        post(
            client,
            f"{API}/service-requests",
            {"organisation": member.org.pk, "service": "tax", "description": "x"},
            **bearer(stranger),
        ).status_code
        == 403
    )
    patch = client.patch(
        f"{API}/service-requests/{pk}",
        json.dumps({"status": "taken"}),
        content_type="application/json",
        **bearer(operator),
    )
    assert patch.status_code == 200 and patch.json()["status"] == "taken"
    patch = client.patch(
        f"{API}/service-requests/{pk}",
        json.dumps({"status": "done"}),
        content_type="application/json",
        **auth,
    )
    assert patch.status_code == 403
    ServiceRequestFactory(organisation=stranger.org)
    assert client.get(f"{API}/service-requests", **auth).json()["count"] == 1
    assert client.get(f"{API}/service-requests", **bearer(operator)).json()["count"] == 2
