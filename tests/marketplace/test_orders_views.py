import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from digibridge.cooperation.models import Agreement
from digibridge.marketplace import orders_services as svc
from digibridge.marketplace.models import Rfq, RfqQuestion, RfqResponse
from tests.marketplace.order_factories import (
    ExchangeRateFactory,
    RequestFactory,
    RfqQuestionFactory,
    RfqResponseFactory,
    pdf,
    rfq_for,
    supplier_user,
)


def _close(rfq):
    Rfq.objects.filter(pk=rfq.pk).update(response_deadline=timezone.now() - dt.timedelta(hours=1))
    rfq.refresh_from_db()


@pytest.mark.django_db
def test_open_request_for_responses_through_the_page(client, stranger):
    request = RequestFactory(owner=stranger.org)
    client.force_login(stranger)
    detail = client.get(reverse("marketplace:detail", args=[request.pk]))
    assert b"open-for-responses" in detail.content
    url = reverse("marketplace:rfq_open", args=[request.pk])
    assert client.get(url).status_code == 200
    deadline = (timezone.localtime() + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    form = {
        "response_deadline": deadline,
        "eligibility": "everyone",
        "sealed": "on",
        "q-TOTAL_FORMS": "2",
        "q-INITIAL_FORMS": "0",
        "q-0-text": "Warranty (years)",
        "q-0-kind": "number",
        "q-0-required": "on",
        "q-1-text": "",
        "q-1-kind": "text",
    }
    response = client.post(url, form)
    rfq = Rfq.objects.get()
    assert response.status_code == 302 and response.url == reverse("marketplace:rfq", args=[rfq.pk])
    assert rfq.sealed and rfq.questions.get().kind == RfqQuestion.Kind.NUMBER


@pytest.mark.django_db
def test_open_page_shows_errors_not_500(client, stranger, member):
    request = RequestFactory(owner=stranger.org)
    client.force_login(stranger)
    url = reverse("marketplace:rfq_open", args=[request.pk])
    past = (timezone.localtime() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    page = client.post(
        url,
        {
            "response_deadline": past,
            "eligibility": "everyone",
            "q-TOTAL_FORMS": "0",
            "q-INITIAL_FORMS": "0",
        },
    )
    assert page.status_code == 200 and b"must be in the future" in page.content
    client.force_login(member)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_respond_through_the_page_with_bad_then_good_input(client, stranger, member):
    rfq = rfq_for(stranger)
    question = RfqQuestionFactory(rfq=rfq, text="Delivery plan")
    client.force_login(member)
    url = reverse("marketplace:respond", args=[rfq.pk])
    assert client.get(url).status_code == 200
    base = {"kind": "full", "currency": "EUR", "message": "Oferim vint carretons autònoms."}
    missing = client.post(url, {**base, "price": "100"})
    assert missing.status_code == 200 and b"Delivery plan" in missing.content
    negative = client.post(url, {**base, "price": "-1", f"answer_{question.pk}": "x"})
    assert negative.status_code == 200 and not RfqResponse.objects.exists()
    exe = io.BytesIO(b"MZ\x90\x00")
    exe.name = "setup.exe"
    wrong = client.post(url, {**base, "price": "1", f"answer_{question.pk}": "x", "documents": exe})
    assert wrong.status_code == 200 and b"Upload a PDF" in wrong.content
    good = client.post(
        url, {**base, "price": "100", f"answer_{question.pk}": "In 8 weeks", "documents": pdf()}
    )
    created = RfqResponse.objects.get()
    assert good.status_code == 302 and created.documents.count() == 1
    page = client.get(reverse("marketplace:response", args=[created.pk]))
    assert b"In 8 weeks" in page.content


@pytest.mark.django_db
def test_late_response_page_says_so(client, stranger, member):
    rfq = rfq_for(stranger)
    _close(rfq)
    client.force_login(member)
    url = reverse("marketplace:respond", args=[rfq.pk])
    assert b"late responses are not accepted" in client.get(url).content
    posted = client.post(url, {"kind": "full", "currency": "EUR", "price": "1"})
    assert b"late responses are not accepted" in posted.content
    assert not RfqResponse.objects.exists()


@pytest.fixture
def two_responses(stranger, member):
    """A request of ``stranger.org`` with responses from ``member.org`` and another supplier."""
    rfq = rfq_for(stranger, sealed=True)
    RfqQuestionFactory(rfq=rfq, text="Warranty", required=False)
    other = supplier_user("Chengdu Example Drones")
    mine = svc.response_submit(
        rfq=rfq,
        supplier=member.org,
        by=member,
        data={"price": "100", "message": "SECRET-A"},
        documents=[pdf("a.pdf")],
    )
    theirs = svc.response_submit(
        rfq=rfq,
        supplier=other.org,
        by=other,
        data={"price": "200", "message": "SECRET-B"},
        documents=[pdf("b.pdf")],
    )
    return rfq, mine, theirs, other


@pytest.mark.django_db
def test_responder_never_sees_another_response_through_pages(client, member, two_responses):
    rfq, mine, theirs, _other = two_responses
    client.force_login(member)
    assert client.get(reverse("marketplace:response", args=[mine.pk])).status_code == 200
    assert client.get(reverse("marketplace:response", args=[theirs.pk])).status_code == 404
    doc = theirs.documents.get()
    assert (
        client.get(
            reverse("marketplace:response_file", args=[theirs.pk, "document", doc.pk])
        ).status_code
        == 404
    )
    assert client.get(reverse("marketplace:compare", args=[rfq.pk])).status_code == 404
    for url in (
        reverse("marketplace:rfq", args=[rfq.pk]),
        reverse("marketplace:my_orders"),
        reverse("marketplace:rfqs"),
    ):
        content = client.get(url).content
        assert b"SECRET-B" not in content and b"Chengdu" not in content
    assert client.get(reverse("marketplace:order_book")).status_code == 404
    assert client.get(reverse("marketplace:order_book_export")).status_code == 404
    posted = client.post(reverse("marketplace:response_action", args=[theirs.pk, "withdraw"]))
    assert posted.status_code == 404


@pytest.mark.django_db
def test_sealed_responses_hidden_from_requester_until_deadline(
    client, stranger, operator, two_responses
):
    rfq, mine, _theirs, _other = two_responses
    client.force_login(stranger)
    compare = client.get(reverse("marketplace:compare", args=[rfq.pk]))
    assert b"sealed until the deadline" in compare.content and b"SECRET-A" not in compare.content
    assert client.get(reverse("marketplace:response", args=[mine.pk])).status_code == 404
    client.force_login(operator)
    assert b"SECRET-A" in client.get(reverse("marketplace:compare", args=[rfq.pk])).content
    _close(rfq)
    client.force_login(stranger)
    compare = client.get(reverse("marketplace:compare", args=[rfq.pk]))
    assert b"SECRET-A" in compare.content and b"Chengdu Example Drones" in compare.content


@pytest.mark.django_db
def test_compare_normalises_prices(client, stranger, member):
    ExchangeRateFactory(currency="CNY", rate_to_eur=Decimal("0.125"))
    rfq = rfq_for(stranger)
    RfqResponseFactory(rfq=rfq, supplier=member.org, price=Decimal("8000"), currency="CNY")
    client.force_login(stranger)
    page = client.get(reverse("marketplace:compare", args=[rfq.pk]))
    assert b"1,000.00" in page.content or b"1.000,00" in page.content


@pytest.mark.django_db
def test_clarification_visible_to_that_supplier_only(client, stranger, member, two_responses):
    rfq, mine, theirs, other = two_responses
    _close(rfq)
    client.force_login(stranger)
    client.post(
        reverse("marketplace:response_action", args=[mine.pk, "ask"]),
        {"question": "QUESTION-FOR-A"},
    )
    clarification = mine.clarifications.get()
    client.force_login(other)
    assert (
        b"QUESTION-FOR-A"
        not in client.get(reverse("marketplace:response", args=[theirs.pk])).content
    )
    answered = client.post(
        reverse("marketplace:clarification_answer", args=[clarification.pk]), {"answer": "no"}
    )
    assert answered.status_code == 404
    client.force_login(member)
    assert b"QUESTION-FOR-A" in client.get(reverse("marketplace:response", args=[mine.pk])).content
    client.post(
        reverse("marketplace:clarification_answer", args=[clarification.pk]),
        {"answer": "ANSWER-FROM-A"},
    )
    client.force_login(stranger)
    assert b"ANSWER-FROM-A" in client.get(reverse("marketplace:response", args=[mine.pk])).content


@pytest.mark.django_db
def test_decline_and_award_ask_for_confirmation(client, stranger, operator, two_responses):
    rfq, mine, theirs, _other = two_responses
    _close(rfq)
    client.force_login(stranger)
    url = reverse("marketplace:response_action", args=[theirs.pk, "decline"])
    assert b"Decline the response" in client.post(url).content
    client.post(url, {"confirm": "yes", "reason": "Lead time too long"})
    theirs.refresh_from_db()
    assert theirs.status == "declined" and theirs.decline_reason == "Lead time too long"
    url = reverse("marketplace:response_action", args=[mine.pk, "award"])
    assert b"Award this response" in client.post(url).content
    mine.refresh_from_db()
    assert mine.status == "submitted"
    client.post(url, {"confirm": "yes", "signed": "on", "signed_on": timezone.localdate()})
    mine.refresh_from_db()
    assert mine.status == "awarded" and mine.agreement.status == Agreement.Status.SIGNED


@pytest.mark.django_db
def test_order_book_and_export(client, operator, stranger, member):
    ExchangeRateFactory(currency="CNY", rate_to_eur=Decimal("0.125"))
    rfq = rfq_for(stranger)
    RfqResponseFactory(
        rfq=rfq, supplier=member.org, price=Decimal("8000"), currency="CNY", status="awarded"
    )
    client.force_login(operator)
    page = client.get(reverse("marketplace:order_book"))
    assert rfq.opportunity.title.encode() in page.content
    export = client.get(reverse("marketplace:order_book_export"))
    assert export.status_code == 200
    book = load_workbook(io.BytesIO(export.content))
    rows = list(book.worksheets[0].values)
    assert rows[1][0] == rfq.opportunity.title and rows[1][-1] == 1000
    pairs = list(book.worksheets[2].values)
    assert pairs[1][:2] == ("ES", "CN")


@pytest.mark.django_db
def test_exchange_rates_page_for_operators_only(client, operator, member):
    client.force_login(member)
    assert client.get(reverse("marketplace:rates")).status_code == 404
    client.force_login(operator)
    client.post(reverse("marketplace:rates"), {"currency": "USD", "rate_to_eur": "0.92"})
    assert b"0.92" in client.get(reverse("marketplace:rates")).content


@pytest.mark.django_db
def test_lists_query_count_constant(client, operator, member, django_assert_num_queries):
    buyer = supplier_user("Girona Example Foods", country="ES")

    def add():
        rfq = rfq_for(buyer)
        RfqResponseFactory(rfq=rfq, supplier=member.org)

    add()
    urls = [reverse("marketplace:rfqs"), reverse("marketplace:order_book")]
    counts = {}
    client.force_login(operator)
    for url in urls:
        with CaptureQueriesContext(connection) as one:
            client.get(url)
        counts[url] = len(one.captured_queries)
    client.force_login(member)
    with CaptureQueriesContext(connection) as mine_one:
        client.get(reverse("marketplace:my_orders"))
    for _ in range(4):
        add()
    client.force_login(operator)
    for url in urls:
        with django_assert_num_queries(counts[url]):
            client.get(url)
    client.force_login(member)
    with django_assert_num_queries(len(mine_one.captured_queries)):
        client.get(reverse("marketplace:my_orders"))
