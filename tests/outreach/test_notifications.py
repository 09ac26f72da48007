import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext_lazy

from digibridge.outreach.context_processors import unread
from digibridge.outreach.models import Notification, NotificationPreference
from digibridge.outreach.notifications import (
    notification_preferences_set,
    notifications_mark_read,
    notify,
)
from tests.accounts.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.outreach.urls")]


def _notify(users, kind=Notification.Kind.MESSAGE):
    return notify(
        users=users,
        kind=kind,
        title=gettext_lazy("New message from %(organisation)s"),
        body=gettext_lazy("%(subject)s: %(excerpt)s"),
        params={"organisation": "Hangyun", "subject": "Robots", "excerpt": "Hello"},
        link="/outreach/conversations/1/",
    )


def test_notify_records_in_app_and_sends_mail_only_after_commit(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify([member])
        assert mail.outbox == []  # nothing leaves inside the transaction
    assert Notification.objects.get(user=member).title == "New message from Hangyun"
    assert callbacks  # the mail waits for the commit (with the listing-count bump, see counting)
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "Hello" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert "/outreach/conversations/1/" in message.alternatives[0][0]


def test_notify_uses_the_recipients_language(django_capture_on_commit_callbacks):
    spanish = UserFactory(language="es", first_name="Marc")
    chinese = UserFactory(language="zh-hans", first_name="Hui")
    with django_capture_on_commit_callbacks(execute=True):
        _notify([spanish, chinese])
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert bodies[spanish.email].startswith("Hola, Marc")
    assert "Hui" in bodies[chinese.email]
    assert bodies[chinese.email] != bodies[spanish.email]


def test_email_preference_off_sends_no_mail(member, django_capture_on_commit_callbacks):
    notification_preferences_set(user=member, choices={"message": (True, False)})
    with django_capture_on_commit_callbacks(execute=True):
        _notify([member])
    assert mail.outbox == []
    assert Notification.objects.filter(user=member).count() == 1


def test_in_app_preference_off_records_nothing(member, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=member, kind="message", in_app=False, email=True)
    with django_capture_on_commit_callbacks(execute=True):
        _notify([member])
    assert not Notification.objects.exists()
    assert len(mail.outbox) == 1


def test_mark_read_and_unread_counter(member, rf):
    _notify([member])
    _notify([member])
    request = rf.get("/")
    request.user = member
    assert unread(request) == {"OUTREACH_UNREAD": 2}
    first = Notification.objects.filter(user=member).first()
    assert notifications_mark_read(user=member, ids=[first.pk]) == 1
    assert unread(request) == {"OUTREACH_UNREAD": 1}
    assert notifications_mark_read(user=member) == 1
    assert unread(request) == {"OUTREACH_UNREAD": 0}


def test_notifications_page_lists_only_own_and_saves_preferences(client, member, stranger):
    _notify([member])
    notify(users=[stranger], kind="message", title="Secret for the stranger")
    client.force_login(member)
    page = client.get(reverse("outreach:notifications"))
    assert page.status_code == 200
    assert "New message from Hangyun" in page.text
    assert "Secret for the stranger" not in page.text
    response = client.post(reverse("outreach:preferences"), {"message__in_app": "on"})
    assert response.status_code == 302
    pref = NotificationPreference.objects.get(user=member, kind="message")
    assert (pref.in_app, pref.email) == (True, False)
    client.post(reverse("outreach:notifications_read"))
    assert not Notification.objects.filter(user=member, read_at__isnull=True).exists()


def test_notification_list_query_count_is_constant(client, member, django_assert_num_queries):
    client.force_login(member)
    _notify([member])
    url = reverse("outreach:notifications")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(4):
        _notify([member])
    with django_assert_num_queries(len(one)):
        page = client.get(url)
    assert page.text.count("New message from Hangyun") == 5


def test_notifications_api_lists_and_marks_read(client, member, stranger):
    _notify([member])
    notify(users=[stranger], kind="message", title="Not yours")
    client.force_login(member)
    data = client.get("/api/v1/notifications").json()
    assert [n["title"] for n in data["items"]] == ["New message from Hangyun"]
    response = client.post(
        "/api/v1/notifications/read",
        {"ids": [data["items"][0]["id"]]},
        content_type="application/json",
    )
    assert response.json() == {"marked": 1}
    bad = client.post("/api/v1/notifications/read", {"ids": "x"}, content_type="application/json")
    assert bad.status_code == 422


def test_notification_api_query_count_is_constant(client, member, django_assert_num_queries):
    client.force_login(member)
    _notify([member])
    with CaptureQueriesContext(connection) as one:
        assert len(client.get("/api/v1/notifications").json()["items"]) == 1
    for _ in range(4):
        _notify([member])
    with django_assert_num_queries(len(one)):
        assert len(client.get("/api/v1/notifications").json()["items"]) == 5
