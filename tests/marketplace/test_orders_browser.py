"""From opening a request for responses to awarding one, through the pages in Chromium."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from digibridge.marketplace.models import Rfq, RfqResponse
from tests.accounts.factories import PASSWORD
from tests.marketplace.order_factories import RequestFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server


def _login(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_open_respond_compare_ask_and_award(page, live_server, stranger, member, operator):
    base = live_server.url
    request = RequestFactory(owner=stranger.org, title="Compra de carretillas autónomas")

    _login(page, base, stranger)
    page.goto(f"{base}/opportunities/{request.pk}/")
    page.click("#open-for-responses")
    deadline = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    page.fill("#id_response_deadline", deadline)
    page.fill("#id_q-0-text", "Garantía (años)")
    page.select_option("#id_q-0-kind", "number")
    page.click("#rfq-form button[type=submit]")
    page.wait_for_selector("text=The request is open for responses.")
    rfq = Rfq.objects.get()
    question = rfq.questions.get()

    _login(page, base, member)
    page.goto(f"{base}/opportunities/orders/{rfq.pk}/")
    page.click(f"a[href*='/respond/?as={member.org.pk}']")
    page.fill("#id_message", "我们可以在十周内交付十二台自动驾驶叉车。")
    page.fill(f"#id_answer_{question.pk}", "3")
    page.fill("#id_price", "3950000")
    page.select_option("#id_currency", "CNY")
    page.click("#response-form button[type=submit]")
    page.wait_for_selector("text=Your response is sent")
    response = RfqResponse.objects.get()

    Rfq.objects.filter(pk=rfq.pk).update(response_deadline=timezone.now() - dt.timedelta(hours=1))
    _login(page, base, stranger)
    page.goto(f"{base}/opportunities/orders/{rfq.pk}/compare/")
    assert page.locator("#compare").inner_text().count(member.org.name) == 1
    page.click(f"a[href='/opportunities/orders/responses/{response.pk}/']")
    page.fill("#id_question", "¿Tienen repuestos en España?")
    page.click("#ask-form button[type=submit]")
    page.wait_for_selector("text=Your question is sent to this supplier only.")
    page.click("#award")
    page.check("#id_signed")
    page.click("#confirm")
    page.wait_for_selector("text=Awarded; the order is now in the cooperation pipeline.")
    response.refresh_from_db()
    assert response.status == RfqResponse.Status.AWARDED
    assert response.agreement is not None and response.agreement.status == "signed"
