import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digibridge.accounts.models import AuditEntry
from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.outreach import services
from digibridge.outreach.models import Conversation, Message, Notification
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.outreach.factories import member_of

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.outreach.urls")]


@pytest.fixture
def thread(member, stranger):
    """A conversation between member.org (side A) and stranger.org (side B) with a message
    carrying an attachment."""
    conversation = services.conversation_open(
        organisation=member.org,
        counterpart=stranger.org,
        by=member,
        subject="Autonomous forklifts for Lleida",
        body="Shall we talk before the Beijing Night?",
    )
    services.message_post(
        conversation=conversation,
        by=stranger,
        body="Yes, here is our brochure.",
        attachment=SimpleUploadedFile("brochure.pdf", b"%PDF-1.4 secret brochure"),
    )
    return conversation


@pytest.fixture
def third(db):
    return member_of(OrganisationFactory(name="Third Party SL"), email="third@example.org")


def test_message_notifies_the_other_side_after_commit(
    member, stranger, django_capture_on_commit_callbacks
):
    conversation = services.conversation_open(
        organisation=member.org, counterpart=stranger.org, by=member, subject="Robots"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.message_post(conversation=conversation, by=member, body="你好，我们见面吧")
    assert [m.to for m in mail.outbox] == [[stranger.email]]
    assert "你好" in mail.outbox[0].body
    note = Notification.objects.get(user=stranger)
    assert note.kind == "message" and member.org.name in note.title
    assert not Notification.objects.filter(user=member).exists()


def test_opening_twice_reuses_the_open_thread(member, stranger):
    first = services.conversation_open(
        organisation=member.org, counterpart=stranger.org, by=member, subject="A"
    )
    again = services.conversation_open(
        organisation=member.org, counterpart=stranger.org, by=member, subject="B"
    )
    assert first == again


def test_cannot_write_for_someone_elses_organisation(member, stranger):
    with pytest.raises(PermissionDeniedError):
        services.conversation_open(
            organisation=stranger.org, counterpart=member.org, by=member, subject="Fake"
        )


def test_third_party_cannot_read_thread_through_pages(client, thread, third):
    message = thread.messages.exclude(attachment="").get()
    client.force_login(third)
    urls = [
        reverse("outreach:conversation", args=[thread.pk]),
        reverse("outreach:attachment", args=[thread.pk, message.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("outreach:conversation", args=[thread.pk]), {"body": "hi"}).status_code
        == 404
    )
    for action in ("share", "report", "block", "close"):
        response = client.post(reverse("outreach:conversation_action", args=[thread.pk, action]))
        assert response.status_code == 404
    listing = client.get(reverse("outreach:conversations"))
    assert thread.subject not in listing.text
    notes = client.get(reverse("outreach:notifications"))
    assert "brochure" not in notes.text
    assert Message.objects.filter(conversation=thread).count() == 2


def test_third_party_cannot_read_thread_through_api(client, thread, third):
    client.force_login(third)
    assert client.get(f"/api/v1/conversations/{thread.pk}").status_code == 404
    assert client.get("/api/v1/conversations").json()["items"] == []
    posted = client.post(
        f"/api/v1/conversations/{thread.pk}/messages",
        {"body": "hi"},
        content_type="application/json",
    )
    assert posted.status_code == 404
    client.logout()
    assert client.get(f"/api/v1/conversations/{thread.pk}").status_code == 401


def test_anonymous_is_sent_to_login(client, thread):
    response = client.get(reverse("outreach:conversation", args=[thread.pk]))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_sides_read_thread_and_download_attachment(client, thread, member):
    message = thread.messages.exclude(attachment="").get()
    client.force_login(member)
    page = client.get(reverse("outreach:conversation", args=[thread.pk]))
    assert "Yes, here is our brochure." in page.text
    download = client.get(reverse("outreach:attachment", args=[thread.pk, message.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/octet-stream"
    assert b"".join(download.streaming_content) == b"%PDF-1.4 secret brochure"
    # The file is not under MEDIA_ROOT, so the public /media/ route cannot serve it.
    assert client.get(f"/media/{message.attachment.name}").status_code == 404


def test_operator_access_is_audited(client, thread, operator):
    client.force_login(operator)
    page = client.get(reverse("outreach:conversation", args=[thread.pk]))
    assert page.status_code == 200
    assert AuditEntry.objects.filter(
        actor=operator,
        action="outreach.conversation_read_by_operator",
        object_id=str(thread.pk),
    ).exists()


def test_unread_counts_per_user(client, thread, member, stranger):
    client.force_login(member)
    data = client.get("/api/v1/conversations").json()["items"]
    assert data[0]["unread"] == 1  # the stranger's reply
    client.get(f"/api/v1/conversations/{thread.pk}")
    assert client.get("/api/v1/conversations").json()["items"][0]["unread"] == 0


def test_bad_attachments_are_refused(member, stranger, thread):
    with pytest.raises(DomainError, match="Attach"):
        services.message_post(
            conversation=thread,
            by=member,
            body="x",
            attachment=SimpleUploadedFile("run.exe", b"MZ"),
        )
    big = SimpleUploadedFile("big.pdf", b"0" * (5 * 1024 * 1024 + 1))
    with pytest.raises(DomainError, match="at most"):
        services.message_post(conversation=thread, by=member, body="x", attachment=big)


def test_bad_input_gives_clear_errors(client, member, thread):
    client.force_login(member)
    empty = client.post(
        f"/api/v1/conversations/{thread.pk}/messages", {"body": ""}, content_type="application/json"
    )
    assert empty.status_code == 422
    unknown = client.post(
        "/api/v1/conversations",
        {"organisation": member.org.pk, "counterpart": 999999, "subject": "x"},
        content_type="application/json",
    )
    assert unknown.status_code == 422
    page = client.post(
        reverse("outreach:conversation", args=[thread.pk]),
        {"body": "", "attachment": SimpleUploadedFile("x.exe", b"MZ")},
    )
    assert page.status_code == 200 and "Attach a PDF" in page.text


def test_blocked_organisation_cannot_write(client, member, stranger, thread):
    services.organisation_block(blocker=stranger.org, blocked=member.org, by=stranger)
    with pytest.raises(DomainError, match="does not accept messages"):
        services.message_post(conversation=thread, by=member, body="Hello?")
    with pytest.raises(DomainError, match="does not accept messages"):
        services.conversation_open(
            organisation=member.org, counterpart=stranger.org, by=member, subject="Again"
        )
    with pytest.raises(DomainError, match="unblock"):
        services.message_post(conversation=thread, by=stranger, body="One more thing")
    client.force_login(member)
    response = client.post(
        f"/api/v1/conversations/{thread.pk}/messages",
        {"body": "hi"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "does not accept" in response.json()["detail"][0]["msg"]
    services.organisation_unblock(blocker=stranger.org, blocked=member.org, by=stranger)
    services.message_post(conversation=thread, by=member, body="Thanks for unblocking")


def test_contacts_revealed_only_when_both_sides_agree(client, member, stranger, thread):
    PersonFactory(organisation=stranger.org, email="ceo@lleida.example", phone="+34 1")
    client.force_login(member)
    url = reverse("outreach:conversation", args=[thread.pk])
    client.post(reverse("outreach:conversation_action", args=[thread.pk, "share"]))
    assert "ceo@lleida.example" not in client.get(url).text
    services.conversation_share_contacts(conversation=thread, by=stranger)
    assert "ceo@lleida.example" in client.get(url).text


def test_report_notifies_operators_who_can_close(client, member, operator, thread):
    client.force_login(member)
    client.post(
        reverse("outreach:conversation_action", args=[thread.pk, "report"]),
        {"reason": "Spam offers"},
    )
    assert Notification.objects.filter(user=operator, kind="moderation").exists()
    client.force_login(operator)
    client.post(reverse("outreach:conversation_action", args=[thread.pk, "close"]))
    thread.refresh_from_db()
    assert thread.status == Conversation.Status.CLOSED
    with pytest.raises(DomainError, match="closed"):
        services.message_post(conversation=thread, by=member, body="still there?")
    with pytest.raises(PermissionDeniedError):
        services.conversation_close(conversation=thread, by=member)


def test_conversation_list_query_count_is_constant(client, member, django_assert_num_queries):
    client.force_login(member)

    def add():
        other = OrganisationFactory()
        c = services.conversation_open(
            organisation=member.org, counterpart=other, by=member, subject=f"With {other.name}"
        )
        services.message_post(conversation=c, by=member, body="hello")

    add()
    url = reverse("outreach:conversations")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(4):
        add()
    with django_assert_num_queries(len(one)):
        page = client.get(url)
    assert page.text.count("With Example") == 5


def test_conversation_api_query_count_is_constant(client, member, django_assert_num_queries):
    client.force_login(member)

    def add():
        other = OrganisationFactory()
        c = services.conversation_open(
            organisation=member.org, counterpart=other, by=member, subject=f"With {other.name}"
        )
        services.message_post(conversation=c, by=member, body="hello")

    add()
    with CaptureQueriesContext(connection) as one:
        assert len(client.get("/api/v1/conversations").json()["items"]) == 1
    for _ in range(4):
        add()
    with django_assert_num_queries(len(one)):
        assert len(client.get("/api/v1/conversations").json()["items"]) == 5


def test_open_from_match_and_meeting_request(member, stranger):
    from tests.events.factories import EventFactory, participant
    from tests.marketplace.factories import OpportunityFactory

    offer = OpportunityFactory(owner=member.org, kind="offer", status="published")
    demand = OpportunityFactory(owner=stranger.org, kind="request", status="published")
    conversation = services.conversation_open_from_match(source=offer, target=demand, by=member)
    assert conversation.origin == "match"
    same = services.conversation_open_from_match(source=demand, target=offer, by=stranger)
    assert same == conversation

    from digibridge.events.models import MeetingRequest

    event = EventFactory()
    request = MeetingRequest.objects.create(
        event=event, sender=participant(event, member), recipient=participant(event, stranger)
    )
    thread = services.conversation_open_from_meeting_request(request=request, by=stranger)
    assert {thread.side_a, thread.side_b} == {member.org, stranger.org}
    assert thread.meeting_request == request


def test_api_actions_follow_the_same_rules(client, member, stranger, operator, thread, third):
    url = f"/api/v1/conversations/{thread.pk}/actions"
    client.force_login(third)
    assert client.post(url, {"action": "block"}, content_type="application/json").status_code == 404
    client.force_login(stranger)
    blocked = client.post(url, {"action": "block"}, content_type="application/json")
    assert blocked.status_code == 200
    client.force_login(member)
    refused = client.post(
        f"/api/v1/conversations/{thread.pk}/messages",
        {"body": "hi"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert client.post(url, {"action": "close"}, content_type="application/json").status_code == 403
    assert (
        client.post(url, {"action": "report"}, content_type="application/json").status_code == 422
    )
    assert (
        client.post(url, {"action": "nonsense"}, content_type="application/json").status_code == 422
    )
    client.force_login(operator)
    closed = client.post(url, {"action": "close"}, content_type="application/json")
    assert closed.json()["status"] == "closed"


def test_open_from_a_response_to_an_order(client, member, stranger):
    from tests.marketplace.order_factories import RfqResponseFactory, rfq_for

    response = RfqResponseFactory(rfq=rfq_for(member, sealed=True), supplier=stranger.org)
    with pytest.raises(DomainError, match="sealed"):
        services.conversation_open_from_response(response=response, by=member)
    thread = services.conversation_open_from_response(response=response, by=stranger, body="Hi")
    assert thread.origin == "response" and thread.rfq_response == response
    assert {thread.side_a, thread.side_b} == {member.org, stranger.org}
    client.force_login(stranger)
    again = client.post(reverse("outreach:from_response", args=[response.pk]))
    assert again["Location"] == reverse("outreach:conversation", args=[thread.pk])
    outsider = member_of(OrganisationFactory())
    with pytest.raises(PermissionDeniedError):
        services.conversation_open_from_response(response=response, by=outsider)
