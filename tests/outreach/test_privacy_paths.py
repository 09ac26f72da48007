"""Conversation privacy on the paths other than the thread's own page: a member who leaves,
notifications and e-mails, the personal-data export, the admin and the reports' exports."""

import json

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from digibridge.directory.models import OrganisationMember
from digibridge.outreach import services
from digibridge.outreach.models import Notification
from digibridge.privacy.export import personal_data
from tests.accounts.factories import UserFactory
from tests.directory.factories import OrganisationFactory
from tests.outreach.factories import member_of, read

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.outreach.urls")]

SECRET = "Our price is 41.500 EUR per forklift"
REPLY = "We accept if delivery is before June"


@pytest.fixture
def exchange(member, stranger, django_capture_on_commit_callbacks):
    """member.org and stranger.org exchange two messages (one with a file); e-mails sent."""
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.conversation_open(
            organisation=member.org,
            counterpart=stranger.org,
            by=member,
            subject="Confidential forklift price",
            body=SECRET,
        )
        reply = services.message_post(
            conversation=thread,
            by=stranger,
            body=REPLY,
            attachment=SimpleUploadedFile("contract.pdf", b"%PDF-1.4 signed contract"),
        )
    return thread, reply


@pytest.fixture
def third(db):
    return member_of(OrganisationFactory(name="Third Party SL"), email="third@example.org")


def test_a_member_who_leaves_the_organisation_loses_the_thread(
    client, member, exchange, django_capture_on_commit_callbacks
):
    thread, reply = exchange
    colleague = member_of(member.org, email="colleague@example.org")
    client.force_login(colleague)
    api_file = f"/api/v1/conversations/{thread.pk}/messages/{reply.pk}/attachment"
    assert client.get(reverse("outreach:conversation", args=[thread.pk])).status_code == 200
    download = client.get(api_file)
    assert download.status_code == 200
    read(download)
    OrganisationMember.objects.filter(user=colleague).delete()
    for url in (
        reverse("outreach:conversation", args=[thread.pk]),
        reverse("outreach:attachment", args=[thread.pk, reply.pk]),
        f"/api/v1/conversations/{thread.pk}",
        api_file,
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/v1/conversations").json()["items"] == []
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.message_post(conversation=thread, by=exchange[1].sender, body="Still there?")
    assert "colleague@example.org" not in [m.to[0] for m in mail.outbox]
    assert not Notification.objects.filter(user=colleague, body__contains="Still there").exists()


def test_third_parties_get_no_notice_mail_or_export_of_the_thread(client, exchange, third):
    thread, _reply = exchange
    assert not Notification.objects.filter(user=third).exists()
    assert all("third@example.org" not in m.to for m in mail.outbox)
    bodies = [m.body for m in mail.outbox] + [m.alternatives[0][0] for m in mail.outbox]
    assert len(mail.outbox) == 2 and any(REPLY in b for b in bodies)
    client.force_login(third)
    assert client.get("/api/v1/notifications").json()["items"] == []
    text = json.dumps(personal_data(user=third), ensure_ascii=False)
    for private in (SECRET, REPLY, thread.subject, "contract.pdf"):
        assert private not in text


def test_each_sides_export_holds_its_own_messages_only(member, stranger, exchange):
    thread, reply = exchange
    mine = json.dumps(personal_data(user=member)["data"].get("outreach.message", []))
    assert SECRET in mine and REPLY not in mine
    theirs = personal_data(user=stranger)["data"]["outreach.message"]
    assert [m["body"] for m in theirs] == [REPLY]
    assert theirs[0]["attachment"].endswith("contract.pdf")  # the name, never the content
    assert "signed contract" not in json.dumps(theirs)


def test_marking_someone_elses_notices_read_does_nothing(client, stranger, exchange, third):
    notice = Notification.objects.get(user=stranger, kind="message")
    client.force_login(third)
    marked = client.post(
        "/api/v1/notifications/read", {"ids": [notice.pk]}, content_type="application/json"
    )
    assert marked.json() == {"marked": 0}
    notice.refresh_from_db()
    assert notice.read_at is None


def test_admin_and_report_exports_do_not_show_messages(client, operator, exchange):
    admin = UserFactory(is_superuser=True, is_staff=True, role="admin")
    client.force_login(admin)
    for model in ("conversation", "message", "notification"):
        assert client.get(f"/admin/outreach/{model}/").status_code == 404
    client.force_login(operator)
    response = client.get(reverse("reports:dashboard_export", args=["csv"]))
    assert response.status_code == 200
    content = response.content.decode("utf-8-sig")
    assert SECRET not in content and REPLY not in content and "Confidential" not in content
