import datetime as dt
import threading
import zoneinfo
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.utils import timezone

from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.cooperation.models import Agreement, FollowUp
from digibridge.marketplace import orders_selectors as sel
from digibridge.marketplace import orders_services as svc
from digibridge.marketplace.models import Rfq, RfqQuestion, RfqResponse
from tests.directory.factories import NetworkFactory
from tests.marketplace.order_factories import (
    ExchangeRateFactory,
    RequestFactory,
    RfqFactory,
    RfqQuestionFactory,
    RfqResponseFactory,
    pdf,
    rfq_for,
    supplier_user,
)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _future(days=3):
    return timezone.now() + dt.timedelta(days=days)


def _past(rfq):
    Rfq.objects.filter(pk=rfq.pk).update(response_deadline=timezone.now() - dt.timedelta(hours=1))
    rfq.refresh_from_db()
    return rfq


# --- opening -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_rfq_open_with_questions(stranger):
    request = RequestFactory(owner=stranger.org)
    rfq = svc.rfq_open(
        opportunity=request,
        by=stranger,
        response_deadline=_future(),
        sealed=True,
        max_responses=3,
        questions=[
            {"text": "Warranty in years?", "kind": "number"},
            {"text": "CE certified?", "kind": "yes_no"},
            {"text": "Battery", "kind": "choice", "choices": "LFP, NMC", "required": False},
            {"text": "", "kind": "text"},
        ],
    )
    assert rfq.status == Rfq.Status.OPEN and rfq.sealed
    assert [q.kind for q in rfq.questions.all()] == ["number", "yes_no", "choice"]
    assert rfq.questions.get(kind="choice").choices == ["LFP", "NMC"]


@pytest.mark.django_db
def test_rfq_open_refuses_bad_input(stranger, member):
    request = RequestFactory(owner=stranger.org)
    with pytest.raises(PermissionDeniedError):
        svc.rfq_open(opportunity=request, by=member, response_deadline=_future())
    with pytest.raises(DomainError, match="future"):
        svc.rfq_open(opportunity=request, by=stranger, response_deadline=_future(-1))
    with pytest.raises(DomainError, match="two choices"):
        svc.rfq_open(
            opportunity=request,
            by=stranger,
            response_deadline=_future(),
            questions=[{"text": "Colour", "kind": "choice", "choices": "red"}],
        )
    with pytest.raises(DomainError, match="network"):
        svc.rfq_open(
            opportunity=request, by=stranger, response_deadline=_future(), eligibility="network"
        )
    offer = RequestFactory(owner=stranger.org, kind="offer")
    with pytest.raises(DomainError, match="Only a request"):
        svc.rfq_open(opportunity=offer, by=stranger, response_deadline=_future())


@pytest.mark.django_db
def test_rfq_open_reads_naive_deadline_in_current_time_zone(stranger):
    request = RequestFactory(owner=stranger.org)
    with timezone.override(SHANGHAI):
        rfq = svc.rfq_open(
            opportunity=request,
            by=stranger,
            response_deadline=dt.datetime(2040, 3, 1, 18, 0),  # noqa: DTZ001 - naive on purpose
        )
    assert rfq.response_deadline == dt.datetime(2040, 3, 1, 10, 0, tzinfo=dt.UTC)
    with timezone.override(zoneinfo.ZoneInfo("Europe/Madrid")):
        assert "(Europe/Madrid)" in svc.format_deadline(rfq.response_deadline)
        assert "11:00" in svc.format_deadline(rfq.response_deadline) or "11 a" in (
            svc.format_deadline(rfq.response_deadline)
        )


# --- responding --------------------------------------------------------------------------


@pytest.mark.django_db
def test_response_submit_full_with_answers_and_documents(stranger, member):
    rfq = rfq_for(stranger)
    number = RfqQuestionFactory(rfq=rfq, kind=RfqQuestion.Kind.NUMBER, text="Warranty?")
    yes_no = RfqQuestionFactory(rfq=rfq, kind=RfqQuestion.Kind.YES_NO, text="CE?")
    upload = RfqQuestionFactory(rfq=rfq, kind=RfqQuestion.Kind.FILE, text="Certificate")
    response = svc.response_submit(
        rfq=rfq,
        supplier=member.org,
        by=member,
        data={
            "price": "980000",
            "currency": "CNY",
            "lead_time_days": 56,
            "message": "我们可以在八周内交付二十台自动驾驶叉车，并提供三年保修。",
        },
        answers={number.pk: "3", yes_no.pk: "yes"},
        files={upload.pk: pdf("ce.pdf")},
        documents=[pdf("brochure.pdf")],
    )
    assert response.status == RfqResponse.Status.SUBMITTED
    answers = {a.question_id: a for a in response.answers.all()}
    assert answers[number.pk].number == Decimal("3") and answers[yes_no.pk].yes is True
    assert answers[upload.pk].file_name == "ce.pdf"
    assert response.documents.get().original_name == "brochure.pdf"
    assert response.language in ("zh-hans", "")


@pytest.mark.django_db
def test_response_bad_input_gives_clear_errors(stranger, member):
    rfq = rfq_for(stranger)
    required = RfqQuestionFactory(rfq=rfq, text="Delivery plan")
    number = RfqQuestionFactory(rfq=rfq, kind=RfqQuestion.Kind.NUMBER, required=False)
    base = {"rfq": rfq, "supplier": member.org, "by": member}
    with pytest.raises(DomainError, match="Delivery plan") as missing:
        svc.response_submit(**base, data={"price": "10"})
    assert missing.value.field == f"answer_{required.pk}"
    with pytest.raises(DomainError, match="negative") as negative:
        svc.response_submit(**base, data={"price": "-5"}, answers={required.pk: "x"})
    assert negative.value.field == "price"
    with pytest.raises(DomainError, match="number"):
        svc.response_submit(
            **base, data={"price": "5"}, answers={required.pk: "x", number.pk: "lots"}
        )
    with pytest.raises(DomainError, match="price"):
        svc.response_submit(**base, data={}, answers={required.pk: "x"})
    exe = SimpleUploadedFile("tool.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    with pytest.raises(DomainError, match="PDF") as wrong:
        svc.response_submit(
            **base, data={"price": "5"}, answers={required.pk: "x"}, documents=[exe]
        )
    assert wrong.value.field == "documents"
    fake = SimpleUploadedFile("quote.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(DomainError, match="content"):
        svc.response_submit(
            **base, data={"price": "5"}, answers={required.pk: "x"}, documents=[fake]
        )
    assert not RfqResponse.objects.exists()


@pytest.mark.django_db
def test_expression_of_interest_needs_no_price_nor_answers(stranger, member):
    rfq = rfq_for(stranger)
    RfqQuestionFactory(rfq=rfq)
    response = svc.response_submit(
        rfq=rfq, supplier=member.org, by=member, data={"kind": "interest", "message": "Interested"}
    )
    assert response.kind == RfqResponse.Kind.INTEREST and response.price is None


@pytest.mark.django_db
def test_response_editable_until_deadline_then_late_refused(stranger, member):
    rfq = rfq_for(stranger)
    first = svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "100"})
    again = svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "90"})
    assert again.pk == first.pk and again.price == Decimal("90")
    _past(rfq)
    with timezone.override(SHANGHAI):
        with pytest.raises(DomainError, match="late responses are not accepted") as late:
            svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "80"})
    assert "Asia/Shanghai" in late.value.message and late.value.code == "late"
    with pytest.raises(DomainError, match="late"):
        svc.response_withdraw(response=first, by=member)


@pytest.mark.django_db
def test_deadline_is_an_instant_whatever_the_time_zone(stranger, member):
    deadline = dt.datetime.now(SHANGHAI) + dt.timedelta(seconds=2)
    rfq = rfq_for(stranger, response_deadline=deadline)
    with timezone.override(zoneinfo.ZoneInfo("Europe/Madrid")):
        assert rfq.accepts_responses
    Rfq.objects.filter(pk=rfq.pk).update(response_deadline=dt.datetime.now(SHANGHAI))
    rfq.refresh_from_db()
    assert not rfq.accepts_responses


@pytest.mark.django_db
def test_withdraw_then_resubmit(stranger, member):
    rfq = rfq_for(stranger)
    response = svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "1"})
    with pytest.raises(PermissionDeniedError):
        svc.response_withdraw(response=response, by=stranger)
    assert svc.response_withdraw(response=response, by=member).status == "withdrawn"
    again = svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "2"})
    assert again.status == "submitted"


@pytest.mark.django_db
def test_who_may_respond(stranger, member):
    with pytest.raises(PermissionDeniedError, match="own request"):
        svc.response_submit(
            rfq=rfq_for(stranger), supplier=stranger.org, by=stranger, data={"price": "1"}
        )
    with pytest.raises(PermissionDeniedError):
        svc.response_submit(
            rfq=rfq_for(stranger), supplier=member.org, by=stranger, data={"price": "1"}
        )
    verified = rfq_for(stranger, eligibility=Rfq.Eligibility.VERIFIED)
    with pytest.raises(PermissionDeniedError, match="verified"):
        svc.response_submit(rfq=verified, supplier=member.org, by=member, data={"price": "1"})
    member.org.verified = True
    member.org.save()
    svc.response_submit(rfq=verified, supplier=member.org, by=member, data={"price": "1"})
    invited = rfq_for(stranger, eligibility=Rfq.Eligibility.INVITED)
    with pytest.raises(PermissionDeniedError, match="invited"):
        svc.response_submit(rfq=invited, supplier=member.org, by=member, data={"price": "1"})
    invited.invited.add(member.org)
    svc.response_submit(rfq=invited, supplier=member.org, by=member, data={"price": "1"})
    network = NetworkFactory()
    in_network = rfq_for(stranger, eligibility=Rfq.Eligibility.NETWORK, network=network)
    with pytest.raises(PermissionDeniedError, match="network"):
        svc.response_submit(rfq=in_network, supplier=member.org, by=member, data={"price": "1"})


@pytest.mark.django_db
def test_cap_refuses_one_more(stranger, member):
    rfq = rfq_for(stranger, max_responses=1)
    svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "1"})
    other = supplier_user("Ningbo Example Ports")
    with pytest.raises(DomainError, match="1 responses") as full:
        svc.response_submit(rfq=rfq, supplier=other.org, by=other, data={"price": "1"})
    assert full.value.code == "full"
    # editing one's own response is not a new response
    svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "2"})


@pytest.mark.django_db(transaction=True)
def test_cap_holds_under_concurrent_submissions():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    from tests.accounts.factories import UserFactory
    from tests.directory.factories import OrganisationFactory, OrganisationMemberFactory

    buyer = UserFactory()
    buyer.org = OrganisationFactory()
    OrganisationMemberFactory(user=buyer, organisation=buyer.org)
    rfq = rfq_for(buyer, max_responses=3)
    suppliers = [supplier_user(f"Concurrent Supplier {i}") for i in range(8)]
    barrier = threading.Barrier(len(suppliers))
    outcomes: list[str] = []

    def submit(user):
        try:
            barrier.wait()
            svc.response_submit(rfq=rfq, supplier=user.org, by=user, data={"price": "10"})
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(user,)) for user in suppliers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 3 and outcomes.count("full") == 5
    assert RfqResponse.objects.filter(rfq=rfq).count() == 3


# --- deciding ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_shortlist_decline_and_sealed_rule(stranger, member):
    rfq = rfq_for(stranger, sealed=True)
    response = svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "1"})
    with pytest.raises(DomainError, match="sealed"):
        svc.response_shortlist(response=response, by=stranger)
    _past(rfq)
    response.refresh_from_db()
    with pytest.raises(PermissionDeniedError):
        svc.response_shortlist(response=response, by=member)
    assert svc.response_shortlist(response=response, by=stranger).status == "shortlisted"
    with pytest.raises(DomainError, match="reason"):
        svc.response_decline(response=response, by=stranger, reason=" ")
    declined = svc.response_decline(response=response, by=stranger, reason="Too expensive")
    assert declined.status == "declined" and declined.decline_reason == "Too expensive"


@pytest.mark.django_db
def test_clarification_thread(stranger, member):
    rfq = rfq_for(stranger)
    response = svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "1"})
    with pytest.raises(PermissionDeniedError):
        svc.clarification_ask(response=response, by=member, question="?")
    asked = svc.clarification_ask(response=response, by=stranger, question="Spare parts in EU?")
    with pytest.raises(PermissionDeniedError):
        svc.clarification_answer(clarification=asked, by=stranger, answer="yes")
    answered = svc.clarification_answer(clarification=asked, by=member, answer="Yes, in Zaragoza")
    assert answered.answered_at is not None


@pytest.mark.django_db
def test_award_opens_follow_up_and_agreement(stranger, member, operator):
    rfq = rfq_for(stranger)
    response = svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "7"})
    with pytest.raises(DomainError, match="after the deadline"):
        svc.response_award(response=response, by=stranger)
    _past(rfq)
    awarded = svc.response_award(response=response, by=stranger)
    assert awarded.status == "awarded"
    agreement = awarded.agreement
    assert agreement.kind == Agreement.Kind.CONTRACT_ORDER
    assert agreement.status == Agreement.Status.PROPOSED
    assert agreement.source_opportunity == rfq.opportunity
    assert {p.organisation for p in agreement.parties.all()} == {stranger.org, member.org}
    assert awarded.follow_up.agreement == agreement and awarded.follow_up.owner == operator
    assert awarded.follow_up.stage == FollowUp.Stage.NEGOTIATING
    signed = svc.response_award_sign(response=awarded, by=stranger)
    signed.agreement.refresh_from_db()
    assert signed.agreement.status == Agreement.Status.SIGNED
    assert FollowUp.objects.get(pk=awarded.follow_up_id).stage == FollowUp.Stage.AGREED


@pytest.mark.django_db
def test_award_signed_at_once_and_several_awards(stranger, member, operator):
    rfq = rfq_for(stranger)
    other = supplier_user("Wuhan Example Optics")
    one = svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "7"})
    two = svc.response_submit(rfq=rfq, supplier=other.org, by=other, data={"price": "8"})
    _past(rfq)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    one = svc.response_award(response=one, by=stranger, signed=True, signed_on=yesterday)
    assert one.agreement.status == Agreement.Status.SIGNED
    assert one.agreement.signed_on == yesterday
    two = svc.response_award(response=two, by=operator)
    assert two.status == "awarded"
    with pytest.raises(DomainError):
        svc.response_award(response=two, by=stranger)


@pytest.mark.django_db
def test_close_due_notifies_both_sides(
    stranger, member, mailoutbox, django_capture_on_commit_callbacks
):
    rfq = rfq_for(stranger)
    later = rfq_for(stranger)
    svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "1"})
    _past(rfq)
    with django_capture_on_commit_callbacks(execute=True):
        assert svc.rfq_close_due() == 1
    rfq.refresh_from_db()
    later.refresh_from_db()
    assert rfq.status == Rfq.Status.CLOSED and later.status == Rfq.Status.OPEN
    # the requester hears it as news about responses (in-app and e-mail by default), the
    # supplier as a deadline (in-app by default)
    assert [m.to[0] for m in mailoutbox] == [stranger.email]
    closing = stranger.notifications.get(title__contains="closed")
    assert closing.kind == "response" and "1 response arrived" in closing.body
    assert "closed" in member.notifications.get(kind="deadline").title
    assert svc.rfq_close_due() == 0


# --- money -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_exchange_rates_and_normalised_comparison(stranger, member, operator):
    ExchangeRateFactory(currency="CNY", rate_to_eur=Decimal("0.12"))
    with pytest.raises(PermissionDeniedError):
        svc.exchange_rate_set(currency="USD", rate_to_eur="0.9", by=member)
    with pytest.raises(DomainError):
        svc.exchange_rate_set(currency="USD", rate_to_eur="-1", by=operator)
    svc.exchange_rate_set(currency="USD", rate_to_eur="0.90", by=operator)
    svc.exchange_rate_set(
        currency="USD",
        rate_to_eur="5",
        by=operator,
        valid_from=timezone.localdate() + dt.timedelta(days=2),
    )
    rates = sel.exchange_rates()
    assert rates["USD"] == Decimal("0.9") and rates["EUR"] == 1
    assert sel.convert(Decimal("1000"), "CNY", "EUR", rates) == Decimal("120.00")
    assert sel.convert(Decimal("90"), "EUR", "USD", rates) == Decimal("100.00")
    assert sel.convert(Decimal("1"), "GBP", "EUR", rates) is None

    rfq = rfq_for(stranger)
    other = supplier_user("Xiamen Example Solar")
    RfqResponseFactory(rfq=rfq, supplier=member.org, price=Decimal("1000000"), currency="CNY")
    RfqResponseFactory(rfq=rfq, supplier=other.org, price=Decimal("130000"), currency="EUR")
    table = sel.comparison(rfq=rfq, user=stranger, with_reasons=False)
    assert [r.normalised_price for r in table["rows"]] == [Decimal("120000.00"), Decimal("130000")]


@pytest.mark.django_db
def test_global_orders_figures(stranger, member, operator):
    ExchangeRateFactory(currency="CNY", rate_to_eur=Decimal("0.125"))
    rfq = rfq_for(stranger)
    RfqFactory()
    RfqResponseFactory(
        rfq=rfq, supplier=member.org, price=Decimal("800"), currency="CNY", status="awarded"
    )
    RfqResponseFactory(rfq=rfq, status="withdrawn")
    figures = sel.global_orders_figures()
    assert figures == {
        "requests": 2,
        "open_requests": 2,
        "responses": 1,
        "awards": 1,
        "awarded_value_eur": Decimal("100.00"),
    }


@pytest.mark.django_db
def test_opening_notifies_invited_and_matching_suppliers(
    stranger, member, mailoutbox, django_capture_on_commit_callbacks
):
    from digibridge.marketplace import services as market

    invited = supplier_user("Suzhou Example Sensors")
    with django_capture_on_commit_callbacks(execute=True):
        market.opportunity_create(
            owner=member.org,
            by=member,
            data={
                "kind": "offer",
                "category": "technology",
                "title": "自动驾驶叉车及车队调度软件",
                "description": "我们提供激光导航自动驾驶叉车和车队管理调度软件，已在欧洲仓库部署。",
            },
            sectors=["warehouse-automation"],
            publish=True,
        )
        request = market.opportunity_create(
            owner=stranger.org,
            by=stranger,
            data={
                "kind": "request",
                "category": "procurement",
                "title": "Buscamos carretillas elevadoras autónomas para nuestro almacén",
                "description": "Buscamos 12 carretillas autónomas con software de gestión de "
                "flota para un almacén de 40.000 m².",
            },
            sectors=["warehouse-automation"],
            publish=True,
        )
    with django_capture_on_commit_callbacks(execute=True):
        svc.rfq_open(
            opportunity=request, by=stranger, response_deadline=_future(), invited=[invited.org]
        )
    # invited: an invitation (in-app and e-mail by default); matching: a match (in-app only)
    assert [m.to[0] for m in mailoutbox] == [invited.email]
    assert invited.notifications.get().kind == "invitation"
    match = member.notifications.get()
    assert match.kind == "match" and "Hangzhou Example Robotics" in match.title
    assert not stranger.notifications.exists()
