"""A responder cannot read another's response through any route: the ones the other test files
do not already walk (file answers, the new endpoints, conversations, notifications, the agreement
an award creates, the rules page)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from digibridge.marketplace import orders_services as svc
from digibridge.marketplace.models import Rfq, RfqQuestion
from tests.marketplace.order_factories import (
    PDF_BYTES,
    RfqQuestionFactory,
    pdf,
    rfq_for,
    supplier_user,
)
from tests.marketplace.test_orders_api import API, bearer, post

pytestmark = pytest.mark.django_db


# What the rival wrote; "777" is its price.
SECRETS = ("Nanjing", "RIVAL-TEXT", "rival-certificate", "777")


def shows(body: str, secret: str) -> bool:
    """Whether ``body`` shows ``secret`` as a word of its own: a random CSRF token or CSP nonce
    on the page may contain "777" (it did, once in CI), which is no leak."""
    return re.search(rf"(?<!\w){re.escape(secret)}(?!\w)", body) is not None


@pytest.fixture
def round_(stranger, member, operator):
    """Two suppliers answered a request with a file question; the rival's was awarded."""
    rfq = rfq_for(stranger)
    question = RfqQuestionFactory(rfq=rfq, text="Certificate", kind=RfqQuestion.Kind.FILE)
    rival = supplier_user("Nanjing Rival Automation")
    mine = svc.response_submit(
        rfq=rfq,
        supplier=member.org,
        by=member,
        data={"price": "500", "message": "MY-TEXT"},
        files={question.pk: pdf("mine.pdf")},
    )
    theirs = svc.response_submit(
        rfq=rfq,
        supplier=rival.org,
        by=rival,
        data={"price": "777", "message": "RIVAL-TEXT"},
        files={question.pk: pdf("rival-certificate.pdf")},
    )
    Rfq.objects.filter(pk=rfq.pk).update(response_deadline=timezone.now() - dt.timedelta(hours=1))
    rfq.refresh_from_db()
    theirs = svc.response_award(response=theirs, by=stranger, signed=True)
    assert theirs.agreement_id is not None
    return rfq, question, mine, theirs, rival


def test_pages_never_show_the_rivals_file_answer_or_agreement(client, member, round_):
    rfq, _question, mine, theirs, _rival = round_
    client.force_login(member)
    rival_answer = theirs.answers.get()
    url = reverse("marketplace:response_file", args=[theirs.pk, "answer", rival_answer.pk])
    assert client.get(url).status_code == 404
    # the rival's answer id under my own response does not open it either
    mixed = reverse("marketplace:response_file", args=[mine.pk, "answer", rival_answer.pk])
    assert client.get(mixed).status_code == 404
    own = client.get(
        reverse("marketplace:response_file", args=[mine.pk, "answer", mine.answers.get().pk])
    )
    # read it through the client's wrapper, which closes the file without ending the test's
    # database connection (a bare close() does, on PostgreSQL)
    assert own.status_code == 200 and b"".join(own.streaming_content) == PDF_BYTES
    assert client.get(reverse("marketplace:rfq_rules", args=[rfq.pk])).status_code == 404
    for url in (
        reverse("marketplace:rfq", args=[rfq.pk]),
        reverse("marketplace:response", args=[mine.pk]),
        reverse("marketplace:my_orders"),
        reverse("outreach:notifications"),
        reverse("cooperation:list"),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        body = page.content.decode()
        for secret in SECRETS:
            assert not shows(body, secret), (url, secret)
    seen = client.get(reverse("cooperation:detail", args=[theirs.agreement_id]))
    assert seen.status_code == 404


def test_competitor_cannot_open_a_conversation_about_the_rivals_response(client, member, round_):
    _rfq, _question, _mine, theirs, _rival = round_
    client.force_login(member)
    opened = client.post(reverse("outreach:from_response", args=[theirs.pk]))
    assert opened.status_code == 404


@pytest.mark.urls("tests.marketplace.orders_api_urls")
def test_new_api_routes_hide_the_rivals_response(client, member, round_):
    rfq, question, mine, theirs, _rival = round_
    headers = bearer(member)
    upload = client.post(
        f"{API}/orders/responses/{theirs.pk}/answers/{question.pk}", {"file": pdf()}, **headers
    )
    assert upload.status_code == 404
    invite = post(
        client, f"{API}/orders/{rfq.pk}/invitations", {"organisations": [member.org.pk]}, **headers
    )
    assert invite.status_code == 403
    patched = client.patch(
        f"{API}/orders/{rfq.pk}", "{}", content_type="application/json", **headers
    )
    assert patched.status_code == 403
    detail = client.get(f"{API}/orders/{rfq.pk}", **headers).content.decode()
    listed = client.get(f"{API}/orders/{rfq.pk}/responses", **headers).json()
    assert [r["id"] for r in listed["items"]] == [mine.pk]
    own = client.get(f"{API}/orders/responses/{mine.pk}", **headers).content.decode()
    for body in (detail, own):
        for secret in SECRETS:
            assert not shows(body, secret), secret
    assert client.get(f"{API}/order-book", **headers).status_code == 403


def test_the_secret_check_sees_words_not_parts_of_random_tokens():
    assert shows("<td>777</td>", "777") and shows("Price: 777.00 EUR", "777")
    assert shows("Nanjing Rival Automation", "Nanjing")
    assert not shows('<meta name="csrf" content="4U6kmmd6YQ777xTXOwl2">', "777")
    assert not shows("nonce-a777b", "777")
