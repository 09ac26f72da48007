import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digibridge.accounts.services import api_token_create
from digibridge.marketplace import orders_services as svc
from digibridge.marketplace.models import Rfq, RfqQuestion, RfqResponse
from tests.marketplace.order_factories import (
    RequestFactory,
    RfqQuestionFactory,
    RfqResponseFactory,
    pdf,
    rfq_for,
    supplier_user,
)

pytestmark = pytest.mark.urls("tests.marketplace.orders_api_urls")
API = "/api/v1"


def bearer(user) -> dict:
    _token, raw = api_token_create(user=user, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, url, payload=None, **headers):
    return client.post(url, json.dumps(payload or {}), content_type="application/json", **headers)


def _close(rfq):
    Rfq.objects.filter(pk=rfq.pk).update(response_deadline=timezone.now() - dt.timedelta(hours=1))


@pytest.mark.django_db
def test_api_open_respond_compare_award(client, stranger, member, operator):
    request = RequestFactory(owner=stranger.org)
    deadline = (timezone.now() + dt.timedelta(days=2)).astimezone(dt.UTC).isoformat()
    opened = post(
        client,
        f"{API}/opportunities/{request.pk}/orders",
        {
            "response_deadline": deadline,
            "budget_visible": False,
            "questions": [{"text": "Warranty (years)", "kind": "number"}],
        },
        **bearer(stranger),
    )
    assert opened.status_code == 201, opened.content
    rfq_id = opened.json()["id"]
    question = opened.json()["questions"][0]["id"]
    seen = client.get(f"{API}/orders/{rfq_id}", **bearer(member)).json()
    assert seen["budget_min"] is None and seen["accepts_responses"]
    assert client.get(f"{API}/orders/{rfq_id}", **bearer(stranger)).json()["budget_min"]
    sent = post(
        client,
        f"{API}/orders/{rfq_id}/responses",
        {
            "supplier": member.org.pk,
            "price": "12000.50",
            "currency": "CNY",
            "message": "Podemos entregar los carretillas en ocho semanas.",
            "answers": {str(question): 3},
        },
        **bearer(member),
    )
    assert sent.status_code == 201, sent.content
    response_id = sent.json()["id"]
    assert sent.json()["answers"][0]["value"] == "3"
    upload = client.post(
        f"{API}/orders/responses/{response_id}/documents",
        {"file": pdf()},
        **bearer(member),
    )
    assert upload.status_code == 201 and upload.json()["documents"][0]["name"] == "quote.pdf"
    early = post(client, f"{API}/orders/responses/{response_id}/award", {}, **bearer(stranger))
    assert early.status_code == 422
    _close(Rfq.objects.get(pk=rfq_id))
    listed = client.get(f"{API}/orders/{rfq_id}/responses", **bearer(stranger)).json()
    assert [r["id"] for r in listed["items"]] == [response_id]
    asked = post(
        client,
        f"{API}/orders/responses/{response_id}/clarifications",
        {"question": "Spare parts?"},
        **bearer(stranger),
    )
    assert asked.status_code == 201
    answered = post(
        client,
        f"{API}/orders/clarifications/{asked.json()['id']}/answer",
        {"answer": "In Zaragoza"},
        **bearer(member),
    )
    assert answered.json()["answer"] == "In Zaragoza"
    awarded = post(
        client, f"{API}/orders/responses/{response_id}/award", {"signed": True}, **bearer(stranger)
    )
    assert awarded.status_code == 200 and awarded.json()["status"] == "awarded"
    assert awarded.json()["agreement"] is not None
    book = client.get(f"{API}/order-book", **bearer(operator)).json()
    assert book[0]["awards"] == 1
    assert client.get(f"{API}/order-book", **bearer(member)).status_code == 403


@pytest.mark.django_db
def test_api_bad_input_is_422_not_500(client, stranger, member):
    rfq = rfq_for(stranger)
    RfqQuestionFactory(rfq=rfq, text="Delivery plan")
    RfqQuestionFactory(rfq=rfq, text="Units", kind=RfqQuestion.Kind.NUMBER, required=False)
    url = f"{API}/orders/{rfq.pk}/responses"
    headers = bearer(member)
    negative = post(client, url, {"supplier": member.org.pk, "price": "-3"}, **headers)
    assert negative.status_code == 422
    missing = post(client, url, {"supplier": member.org.pk, "price": "3"}, **headers)
    assert missing.status_code == 422 and "Delivery plan" in missing.content.decode()
    number = RfqQuestion.objects.get(text="Units").pk
    question = RfqQuestion.objects.get(text="Delivery plan").pk
    wrong_number = post(
        client,
        url,
        {
            "supplier": member.org.pk,
            "price": "3",
            "answers": {str(question): "x", str(number): "many"},
        },
        **headers,
    )
    assert wrong_number.status_code == 422
    past = post(
        client,
        f"{API}/opportunities/{RequestFactory(owner=stranger.org).pk}/orders",
        {"response_deadline": "2001-01-01T10:00:00+08:00"},
        **bearer(stranger),
    )
    assert past.status_code == 422 and "future" in past.content.decode()
    ok = post(
        client,
        url,
        {"supplier": member.org.pk, "price": "3", "answers": {str(question): "x"}},
        **headers,
    )
    exe = SimpleUploadedFile("x.exe", b"MZ\x90", content_type="application/octet-stream")
    wrong_file = client.post(
        f"{API}/orders/responses/{ok.json()['id']}/documents", {"file": exe}, **headers
    )
    assert wrong_file.status_code == 422
    _close(rfq)
    late = post(client, url, {"supplier": member.org.pk, "price": "4"}, **headers)
    assert late.status_code == 422 and "late responses are not accepted" in late.content.decode()


@pytest.mark.django_db
def test_api_responder_cannot_read_another_response(client, stranger, member):
    rfq = rfq_for(stranger)
    other = supplier_user("Dalian Example Cables")
    mine = RfqResponseFactory(rfq=rfq, supplier=member.org, message="MINE")
    theirs = RfqResponseFactory(rfq=rfq, supplier=other.org, message="THEIRS")
    svc.clarification_ask(response=theirs, by=stranger, question="QUESTION-THEIRS")
    headers = bearer(member)
    listed = client.get(f"{API}/orders/{rfq.pk}/responses", **headers).json()
    assert [r["id"] for r in listed["items"]] == [mine.pk]
    assert client.get(f"{API}/orders/responses/{theirs.pk}", **headers).status_code == 404
    clar = client.get(f"{API}/orders/responses/{theirs.pk}/clarifications", **headers)
    assert clar.status_code == 404
    for action in ("withdraw", "shortlist", "award"):
        assert (
            post(client, f"{API}/orders/responses/{theirs.pk}/{action}", {}, **headers).status_code
            == 404
        )
    body = client.get(f"{API}/orders/{rfq.pk}", **headers).content.decode()
    assert "Dalian" not in body and "THEIRS" not in body
    # the requester cannot act as a supplier on a response either
    assert (
        post(
            client, f"{API}/orders/responses/{mine.pk}/withdraw", {}, **bearer(stranger)
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_api_sealed_responses_listed_only_after_deadline(client, stranger, member, operator):
    rfq = rfq_for(stranger, sealed=True)
    RfqResponseFactory(rfq=rfq, supplier=member.org)
    url = f"{API}/orders/{rfq.pk}/responses"
    assert client.get(url, **bearer(stranger)).json()["count"] == 0
    assert client.get(url, **bearer(operator)).json()["count"] == 1
    _close(rfq)
    assert client.get(url, **bearer(stranger)).json()["count"] == 1


@pytest.mark.django_db
def test_api_exchange_rates_for_operators(client, operator, member):
    payload = {"currency": "CNY", "rate_to_eur": "0.128"}
    assert post(client, f"{API}/exchange-rates", payload, **bearer(member)).status_code == 403
    assert post(client, f"{API}/exchange-rates", payload, **bearer(operator)).status_code == 201
    bad = post(
        client,
        f"{API}/exchange-rates",
        {"currency": "CNY", "rate_to_eur": "-1"},
        **bearer(operator),
    )
    assert bad.status_code == 422
    assert client.get(f"{API}/exchange-rates").json()[0]["rate_to_eur"] == "0.12800000"


@pytest.mark.django_db
def test_api_lists_query_count_constant(client, stranger, operator):
    rfq = rfq_for(stranger)
    headers = bearer(stranger)
    op_headers = bearer(operator)

    def add():
        response = RfqResponseFactory(rfq=rfq, price=Decimal("10"))
        RfqQuestionFactory(rfq=rfq)
        response.documents.create(original_name="a.pdf", content_type="application/pdf", size=1)

    def counts():
        result = []
        for url, h in (
            (f"{API}/orders/{rfq.pk}/responses", headers),
            (f"{API}/orders", headers),
            (f"{API}/order-book", op_headers),
        ):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url, **h).status_code == 200
            result.append(len(ctx.captured_queries))
        return result

    add()
    rfq_for(stranger)
    one = counts()
    for _ in range(4):
        add()
        rfq_for(stranger)
    assert counts() == one
    assert RfqResponse.objects.count() == 5
