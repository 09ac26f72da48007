"""Changing the rules of a request after opening it: later deadline, higher cap, budget shown
or hidden; who may, when, who is told, and the time zones."""

import datetime as dt
import json
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from digibridge.accounts.models import AuditEntry
from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.marketplace import orders_services as svc
from digibridge.marketplace.models import Rfq
from digibridge.outreach.models import Notification
from tests.accounts.factories import UserFactory
from tests.directory.factories import OrganisationMemberFactory
from tests.marketplace.order_factories import (
    RfqResponseFactory,
    rfq_for,
    supplier_user,
)

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _later(rfq, **delta):
    return rfq.response_deadline + dt.timedelta(**delta)


def test_requester_extends_deadline_and_raises_cap(stranger):
    rfq = rfq_for(stranger, max_responses=2)
    new = _later(rfq, days=2)
    changed = svc.rfq_change_rules(rfq=rfq, by=stranger, response_deadline=new, max_responses=5)
    changed.refresh_from_db()
    assert changed.response_deadline == new and changed.max_responses == 5
    entry = AuditEntry.objects.get(action="rfq.change_rules")
    assert entry.object_id == str(rfq.pk) and entry.actor == stranger
    assert entry.detail["changes"]["max_responses"] == [2, 5]
    assert entry.detail["changes"]["response_deadline"][1] == new.isoformat()


def test_operator_may_change_rules_but_not_a_supplier(stranger, member, operator):
    rfq = rfq_for(stranger)
    with pytest.raises(PermissionDeniedError):
        svc.rfq_change_rules(rfq=rfq, by=member, budget_visible=True)
    svc.rfq_change_rules(rfq=rfq, by=operator, budget_visible=True)
    rfq.refresh_from_db()
    assert rfq.budget_visible
    svc.rfq_change_rules(rfq=rfq, by=stranger, budget_visible=False)
    rfq.refresh_from_db()
    assert not rfq.budget_visible


def test_rules_only_move_in_the_suppliers_favour(stranger):
    rfq = rfq_for(stranger, max_responses=3)
    with pytest.raises(DomainError, match="only be extended") as shorter:
        svc.rfq_change_rules(rfq=rfq, by=stranger, response_deadline=_later(rfq, hours=-1))
    assert shorter.value.field == "response_deadline"
    with pytest.raises(DomainError, match="future"):
        svc.rfq_change_rules(
            rfq=rfq, by=stranger, response_deadline=timezone.now() - dt.timedelta(minutes=1)
        )
    with pytest.raises(DomainError, match="only be raised"):
        svc.rfq_change_rules(rfq=rfq, by=stranger, max_responses=2)
    with pytest.raises(DomainError, match="whole number"):
        svc.rfq_change_rules(rfq=rfq, by=stranger, max_responses="many")
    with pytest.raises(DomainError, match="Nothing to change"):
        svc.rfq_change_rules(rfq=rfq, by=stranger, max_responses=3)
    svc.rfq_change_rules(rfq=rfq, by=stranger, max_responses=None)  # lifting the cap raises it
    rfq.refresh_from_db()
    assert rfq.max_responses is None
    with pytest.raises(DomainError, match="cannot be added"):
        svc.rfq_change_rules(rfq=rfq, by=stranger, max_responses=10)
    # only the one change that went through is in the audit log
    entries = AuditEntry.objects.filter(action="rfq.change_rules")
    assert [e.detail["changes"] for e in entries] == [{"max_responses": [3, None]}]


def test_no_change_after_deadline_closing_or_award(stranger, member):
    rfq = rfq_for(stranger)
    Rfq.objects.filter(pk=rfq.pk).update(response_deadline=timezone.now() - dt.timedelta(hours=1))
    rfq.refresh_from_db()
    with pytest.raises(DomainError, match="while the request takes responses"):
        svc.rfq_change_rules(
            rfq=rfq, by=stranger, response_deadline=timezone.now() + dt.timedelta(days=3)
        )
    closed = rfq_for(stranger, status=Rfq.Status.CLOSED)
    with pytest.raises(DomainError, match="while the request takes responses"):
        svc.rfq_change_rules(rfq=closed, by=stranger, budget_visible=True)
    awarded = rfq_for(stranger)
    RfqResponseFactory(rfq=awarded, supplier=member.org, status="awarded")
    with pytest.raises(DomainError, match="while the request takes responses"):
        svc.rfq_change_rules(rfq=awarded, by=stranger, budget_visible=True)


def test_raised_cap_lets_one_more_respond(stranger, member):
    rfq = rfq_for(stranger, max_responses=1)
    RfqResponseFactory(rfq=rfq)
    with pytest.raises(DomainError, match="accepts"):
        svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "5"})
    svc.rfq_change_rules(rfq=rfq, by=stranger, max_responses=2)
    assert svc.response_submit(rfq=rfq, supplier=member.org, by=member, data={"price": "5"}).pk


def test_changes_notify_invited_and_responding_suppliers_only(
    stranger, member, mailoutbox, django_capture_on_commit_callbacks
):
    rfq = rfq_for(stranger)
    invited = supplier_user("Ningbo Example Moulds")
    rfq.invited.add(invited.org)
    withdrawn = supplier_user("Wuxi Example Bearings")
    RfqResponseFactory(rfq=rfq, supplier=member.org)
    RfqResponseFactory(rfq=rfq, supplier=withdrawn.org, status="withdrawn")
    bystander = supplier_user("Foshan Example Ceramics")
    colleague = UserFactory()
    OrganisationMemberFactory(user=colleague, organisation=stranger.org)
    with django_capture_on_commit_callbacks(execute=True):
        svc.rfq_change_rules(
            rfq=rfq, by=stranger, response_deadline=_later(rfq, days=1), budget_visible=True
        )
    told = Notification.objects.filter(title__contains="changed the rules")
    assert sorted(told.values_list("user_id", flat=True)) == sorted(
        [invited.pk, withdrawn.pk, member.pk]
    )
    assert set(told.values_list("kind", flat=True)) == {Notification.Kind.DEADLINE}
    body = told.get(user=member).body
    assert "accepted until" in body and "budget is now shown" in body and "300000" in body
    assert not bystander.notifications.exists() and not colleague.notifications.exists()
    # deadline notices are in-app only by default: nobody was e-mailed
    assert mailoutbox == []


def test_budget_only_change_is_a_response_notice(stranger, member):
    rfq = rfq_for(stranger, budget_visible=True)
    RfqResponseFactory(rfq=rfq, supplier=member.org)
    svc.rfq_change_rules(rfq=rfq, by=stranger, budget_visible=False)
    notice = member.notifications.get()
    assert notice.kind == Notification.Kind.RESPONSE
    assert "no longer shown" in notice.body and "300000" not in notice.body


def test_notice_writes_deadline_in_each_recipients_time_zone(stranger):
    rfq = rfq_for(stranger)
    in_shanghai = supplier_user("Shanghai Example Valves")
    in_shanghai.time_zone = "Asia/Shanghai"
    in_shanghai.save()
    in_madrid = supplier_user("Valencia Example Valves", country="ES")
    for user in (in_shanghai, in_madrid):
        rfq.invited.add(user.org)
    new = dt.datetime(2099, 3, 1, 9, 30, tzinfo=dt.UTC)
    svc.rfq_change_rules(rfq=rfq, by=stranger, response_deadline=new)
    assert "5:30 p.m." in in_shanghai.notifications.get().body  # 09:30 UTC is 17:30 there
    assert "Asia/Shanghai" in in_shanghai.notifications.get().body
    assert "10:30 a.m." in in_madrid.notifications.get().body  # and 10:30 in Madrid (CET)
    assert "Europe/Madrid" in in_madrid.notifications.get().body


def test_extension_sends_the_24_hour_notice_again(stranger, member):
    rfq = rfq_for(stranger)
    RfqResponseFactory(rfq=rfq, supplier=member.org)
    Rfq.objects.filter(pk=rfq.pk).update(response_deadline=timezone.now() + dt.timedelta(hours=5))
    assert svc.rfq_remind_due() == 1
    assert svc.rfq_remind_due() == 0
    rfq.refresh_from_db()
    svc.rfq_change_rules(rfq=rfq, by=stranger, response_deadline=_later(rfq, hours=10))
    assert svc.rfq_remind_due() == 1
    assert member.notifications.filter(title__contains="close soon").count() == 2


# --- page --------------------------------------------------------------------------------


def test_rules_page_shows_deadline_in_viewer_zone_and_extends_it(client, stranger, member):
    rfq = rfq_for(stranger, max_responses=2)
    Rfq.objects.filter(pk=rfq.pk).update(
        response_deadline=dt.datetime(2099, 6, 1, 8, 0, tzinfo=dt.UTC)
    )
    stranger.time_zone = "Asia/Shanghai"
    stranger.save()
    RfqResponseFactory(rfq=rfq, supplier=member.org)
    client.force_login(stranger)
    url = reverse("marketplace:rfq_rules", args=[rfq.pk])
    page = client.get(url).content.decode()
    assert 'value="2099-06-01T16:00"' in page and "Asia/Shanghai" in page
    detail = client.get(reverse("marketplace:rfq", args=[rfq.pk])).content.decode()
    assert url in detail and "4 p.m." in detail and "Asia/Shanghai" in detail
    posted = client.post(
        url, {"response_deadline": "2099-06-03T16:00", "max_responses": "4", "budget_visible": ""}
    )
    assert posted.status_code == 302
    rfq.refresh_from_db()
    assert rfq.response_deadline == dt.datetime(2099, 6, 3, 8, 0, tzinfo=dt.UTC)
    assert rfq.max_responses == 4
    assert member.notifications.filter(title__contains="changed the rules").exists()


def test_rules_page_errors_are_shown_not_500(client, stranger, member):
    rfq = rfq_for(stranger, max_responses=3)
    client.force_login(stranger)
    url = reverse("marketplace:rfq_rules", args=[rfq.pk])
    deadline = timezone.localtime(rfq.response_deadline).strftime("%Y-%m-%dT%H:%M")
    lower = client.post(url, {"response_deadline": deadline, "max_responses": "1"})
    assert lower.status_code == 200 and b"only be raised" in lower.content
    earlier = (timezone.localtime(rfq.response_deadline) - dt.timedelta(days=1)).strftime(
        "%Y-%m-%dT%H:%M"
    )
    shorter = client.post(url, {"response_deadline": earlier, "max_responses": "3"})
    assert shorter.status_code == 200 and b"only be extended" in shorter.content
    garbage = client.post(url, {"response_deadline": "soon", "max_responses": "-4"})
    assert garbage.status_code == 200
    rfq.refresh_from_db()
    assert rfq.max_responses == 3
    client.force_login(member)
    assert client.get(url).status_code == 404
    assert client.post(url, {"response_deadline": deadline}).status_code == 404


# --- API ---------------------------------------------------------------------------------


@pytest.mark.urls("tests.marketplace.orders_api_urls")
def test_api_patch_rules(client, stranger, member):
    from tests.marketplace.test_orders_api import bearer

    rfq = rfq_for(stranger, max_responses=2)
    RfqResponseFactory(rfq=rfq, supplier=member.org)
    url = f"/api/v1/orders/{rfq.pk}"

    def patch(payload, user):
        return client.patch(
            url, json.dumps(payload), content_type="application/json", **bearer(user)
        )

    new = _later(rfq, days=1).replace(microsecond=0).astimezone(SHANGHAI).isoformat()
    ok = patch({"response_deadline": new, "budget_visible": True}, stranger)
    assert ok.status_code == 200, ok.content
    assert ok.json()["max_responses"] == 2  # left out: kept
    assert dt.datetime.fromisoformat(ok.json()["response_deadline"]) == dt.datetime.fromisoformat(
        new
    )
    assert patch({"max_responses": None}, stranger).json()["max_responses"] is None
    assert patch({"budget_visible": False}, member).status_code == 403
    bad = patch({"response_deadline": "2001-01-01T00:00:00Z"}, stranger)
    assert bad.status_code == 422 and "future" in bad.content.decode()
    assert patch({"max_responses": 0}, stranger).status_code == 422
    assert patch({"response_deadline": "tomorrow"}, stranger).status_code == 422
    assert patch({}, stranger).status_code == 422  # nothing to change
    assert member.notifications.filter(title__contains="changed the rules").count() == 2
