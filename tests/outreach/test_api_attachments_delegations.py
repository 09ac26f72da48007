"""API: conversation attachments and delegations, with the pages' permissions."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from digibridge.accounts.models import AuditEntry
from digibridge.outreach import services
from digibridge.outreach.models import Message
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.events.factories import EventFactory, MeetingBlockFactory, RegistrationFactory
from tests.outreach.factories import member_of, read

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.outreach.urls")]


@pytest.fixture
def thread(member, stranger):
    return services.conversation_open(
        organisation=member.org,
        counterpart=stranger.org,
        by=member,
        subject="Autonomous forklifts for Lleida",
        body="Shall we talk before the Beijing Night?",
    )


@pytest.fixture
def third(db):
    return member_of(OrganisationFactory(name="Third Party SL"), email="third@example.org")


def pdf(name="offer.pdf", content=b"%PDF-1.4 confidential offer"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_sides_upload_and_download_attachments(client, thread, member, stranger):
    client.force_login(member)
    posted = client.post(
        f"/api/v1/conversations/{thread.pk}/attachments", {"file": pdf(), "body": "Our offer."}
    )
    assert posted.status_code == 201
    data = posted.json()
    assert data["attachment_name"] == "offer.pdf" and data["body"] == "Our offer."
    url = data["attachment_url"]
    assert url == f"/api/v1/conversations/{thread.pk}/messages/{data['id']}/attachment"
    client.force_login(stranger)
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/octet-stream"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")
    assert read(download) == b"%PDF-1.4 confidential offer"
    detail = client.get(f"/api/v1/conversations/{thread.pk}").json()
    assert [m["attachment_url"] for m in detail["messages"]] == [None, url]


def test_third_party_gets_404_for_attachments(client, thread, member, third):
    message = services.message_post(
        conversation=thread, by=member, body="Brochure", attachment=pdf("brochure.pdf")
    )
    url = f"/api/v1/conversations/{thread.pk}/messages/{message.pk}/attachment"
    client.force_login(third)
    assert client.get(url).status_code == 404
    upload = client.post(f"/api/v1/conversations/{thread.pk}/attachments", {"file": pdf()})
    assert upload.status_code == 404
    assert Message.objects.filter(conversation=thread).count() == 2
    # Nor through a thread of its own with the other thread's message id.
    own = services.conversation_open(
        organisation=third.org, counterpart=member.org, by=third, subject="Hello"
    )
    assert (
        client.get(f"/api/v1/conversations/{own.pk}/messages/{message.pk}/attachment").status_code
        == 404
    )
    client.logout()
    assert client.get(url).status_code == 401


def test_attachment_refusals_and_operator_audit(client, thread, member, operator):
    client.force_login(member)
    url = f"/api/v1/conversations/{thread.pk}/attachments"
    exe = client.post(url, {"file": SimpleUploadedFile("run.exe", b"MZ")})
    assert exe.status_code == 422 and exe.json()["detail"][0]["loc"] == ["body", "attachment"]
    empty = client.post(url, {"file": SimpleUploadedFile("empty.pdf", b"")})
    assert empty.status_code == 422
    missing = client.post(url, {"body": "no file"})
    assert missing.status_code == 422
    text_only = thread.messages.get()
    plain = f"/api/v1/conversations/{thread.pk}/messages/{text_only.pk}/attachment"
    assert client.get(plain).status_code == 404
    message = services.message_post(conversation=thread, by=member, body="", attachment=pdf())
    client.force_login(operator)
    download = client.get(f"/api/v1/conversations/{thread.pk}/messages/{message.pk}/attachment")
    assert download.status_code == 200
    read(download)
    assert AuditEntry.objects.filter(
        actor=operator, action="outreach.conversation_read_by_operator", object_id=str(thread.pk)
    ).exists()


def test_delegation_api_create_list_detail_members(client, operator, member, third, beijing_people):
    wei, li = beijing_people
    payload = {
        "name": "Beijing enterprise delegation to Barcelona",
        "leader": wei.pk,
        "members": [li.pk],
        "travel_from": "2025-03-02",
        "travel_to": "2025-03-06",
    }
    client.force_login(member)
    assert (
        client.post("/api/v1/delegations", payload, content_type="application/json").status_code
        == 403
    )
    client.force_login(operator)
    created = client.post("/api/v1/delegations", payload, content_type="application/json")
    assert created.status_code == 201
    data = created.json()
    assert data["leader_name"] == "Wei Zhang" and data["member_count"] == 2
    assert {m["name"] for m in data["members"]} == {"Wei Zhang", "Li Na"}
    pk = data["id"]
    backwards = client.post(
        "/api/v1/delegations",
        {**payload, "travel_from": "2025-03-06", "travel_to": "2025-03-01"},
        content_type="application/json",
    )
    assert backwards.status_code == 422
    unknown = client.post(
        "/api/v1/delegations", {**payload, "members": [999999]}, content_type="application/json"
    )
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "members"]
    # A delegate's colleague sees it (members of Wei's organisation), as on the page.
    colleague = member_of(wei.organisation)
    client.force_login(colleague)
    listing = client.get("/api/v1/delegations").json()
    assert [(d["id"], d["member_count"]) for d in listing["items"]] == [(pk, 2)]
    assert client.get(f"/api/v1/delegations/{pk}").status_code == 200
    assert len(client.get(f"/api/v1/delegations/{pk}/members").json()) == 2
    added = client.post(
        f"/api/v1/delegations/{pk}/members", {"people": [wei.pk]}, content_type="application/json"
    )
    assert added.status_code == 403  # seeing is not managing
    client.force_login(operator)
    newcomer = PersonFactory(first_name="Mei", last_name="Chen")
    added = client.post(
        f"/api/v1/delegations/{pk}/members",
        {"people": [newcomer.pk, wei.pk]},
        content_type="application/json",
    )
    assert added.status_code == 201 and len(added.json()) == 3
    # A third party gets 404 on every route, and an empty list.
    client.force_login(third)
    assert client.get("/api/v1/delegations").json()["items"] == []
    assert client.get(f"/api/v1/delegations/{pk}").status_code == 404
    assert client.get(f"/api/v1/delegations/{pk}/members").status_code == 404
    for path, body in (
        ("members", {"people": [wei.pk]}),
        ("register", {"event": EventFactory().pk}),
        ("meetings", {"block": 1, "slot": 0, "organisation": third.org.pk}),
    ):
        response = client.post(
            f"/api/v1/delegations/{pk}/{path}", body, content_type="application/json"
        )
        assert response.status_code == 404, path


def test_delegation_api_register_and_book_one_meeting(client, operator, beijing_people):
    wei, li = beijing_people
    delegation = services.delegation_create(
        name="Beijing delegation", by=operator, leader=wei, members=[li]
    )
    event = EventFactory(name="Barcelona Digital Forum")
    block = MeetingBlockFactory(event=event)
    company = OrganisationFactory(name="Almacenes Llobregat SA")
    laura = RegistrationFactory(
        event=event,
        person=PersonFactory(organisation=company, first_name="Laura"),
        organisation=company,
    )
    client.force_login(operator)
    base = f"/api/v1/delegations/{delegation.pk}"
    registered = client.post(
        f"{base}/register", {"event": event.pk, "approve": True}, content_type="application/json"
    )
    assert registered.status_code == 200
    assert sorted(registered.json()["approved"]) == sorted([wei.pk, li.pk])
    bad = client.post(
        f"{base}/meetings",
        {"block": block.pk, "slot": -1, "organisation": company.pk},
        content_type="application/json",
    )
    assert bad.status_code == 422
    unknown = client.post(
        f"{base}/meetings",
        {"block": 999999, "slot": 0, "organisation": company.pk},
        content_type="application/json",
    )
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "block"]
    booked = client.post(
        f"{base}/meetings",
        {"block": block.pk, "slot": 2, "organisation": company.pk},
        content_type="application/json",
    )
    assert booked.status_code == 201
    item = booked.json()
    assert {p["name"] for p in item["delegates"]} == {"Wei Zhang", "Li Na"}
    assert [p["registration"] for p in item["others"]] == [laura.pk]
    assert dt.datetime.fromisoformat(item["start"]) == block.slot_start(2)
    twice = client.post(
        f"{base}/meetings",
        {"block": block.pk, "slot": 2, "organisation": company.pk},
        content_type="application/json",
    )
    assert twice.status_code == 422
    agenda = client.get(base).json()["agenda"]
    assert [a["meeting"] for a in agenda] == [item["meeting"]]


def test_delegation_list_api_query_count_is_constant(client, operator, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def make(n):
        leader = PersonFactory(first_name=f"Leader{n}")
        services.delegation_create(
            name=f"Delegation {n}",
            by=operator,
            leader=leader,
            members=[PersonFactory(), PersonFactory()],
            event=EventFactory(),
        )

    make(0)
    client.force_login(operator)
    with CaptureQueriesContext(connection) as one:
        assert len(client.get("/api/v1/delegations").json()["items"]) == 1
    for n in range(1, 4):
        make(n)
    with django_assert_num_queries(len(one)):
        items = client.get("/api/v1/delegations").json()["items"]
    assert [d["member_count"] for d in items] == [3, 3, 3, 3]
