import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.events.models import Registration
from digibridge.outreach import services
from digibridge.outreach.models import Invitation, Notification
from tests.directory.factories import NetworkFactory, OrganisationFactory, PersonFactory
from tests.events.factories import EventFactory
from tests.outreach.factories import InvitationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.outreach.urls")]


@pytest.fixture
def conference(db):
    future = timezone.now() + dt.timedelta(days=60)
    return EventFactory(
        name="Global Digital Economy Conference",
        names={"zh-hans": "全球数字经济大会", "ca": "Conferència de l'Economia Digital Global"},
        start=future,
        end=future + dt.timedelta(hours=8),
    )


@pytest.fixture
def association(db):
    org = OrganisationFactory(
        name="Associació Catalana d'Exemple", type="association", country="ES", languages=["ca"]
    )
    PersonFactory(organisation=org, email="presidenta@associacio.example", is_executive=True)
    return org


def test_invite_reports_each_row(
    operator, conference, association, django_capture_on_commit_callbacks
):
    pasted = "\n".join(
        [
            "Wei Zhang <wei.zhang@example.cn>",
            "laura@example.es; Laura Puig; es",
            "not-an-address",
            "wei.zhang@example.cn",
            "ana@example.pt; Ana; xx",
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = services.invitations_create(
            by=operator,
            event=conference,
            organisations=[association],
            pasted=pasted,
            message="Us esperem a Pequín.",
        )
    assert [r["status"] for r in report] == [
        "invited",
        "invited",
        "invited",
        "invalid",
        "duplicate",
        "invalid",
    ]
    assert "valid e-mail" in report[3]["message"]
    assert "Unknown language" in report[5]["message"]
    assert Invitation.objects.count() == 3
    catalan = Invitation.objects.get(organisation=association)
    assert catalan.language == "ca" and catalan.email == "presidenta@associacio.example"
    assert len(mail.outbox) == 3
    sent = {m.to[0]: m for m in mail.outbox}
    to_catalan = sent["presidenta@associacio.example"]
    assert "Conferència de l'Economia Digital Global" in to_catalan.subject
    assert "Us esperem a Pequín." in to_catalan.body
    assert f"/outreach/rsvp/{catalan.token}/" in to_catalan.body
    assert to_catalan.alternatives[0][1] == "text/html"
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 3


def test_only_operators_invite(member, conference):
    with pytest.raises(PermissionDeniedError):
        services.invitations_create(by=member, event=conference, pasted="a@example.org")
    with pytest.raises(DomainError):
        services.invitations_create(by=mutual_operator(), pasted="a@example.org")


def mutual_operator():
    from tests.accounts.factories import UserFactory

    return UserFactory(role="operator")


def test_rsvp_without_account_and_registration_prefilled(client, operator, conference, association):
    report = services.invitations_create(by=operator, event=conference, organisations=[association])
    invitation = report[0]["invitation"]
    url = reverse("outreach:rsvp", args=[invitation.token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Conferència de l&#x27;Economia Digital Global" in page.text  # the invitee's language
    response = client.post(url, {"answer": "accepted", "comment": "Vindrem dues persones."})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert invitation.comment == "Vindrem dues persones."
    registration = Registration.objects.get(event=conference, person=invitation.person)
    assert registration.status == Registration.Status.PENDING
    assert registration.participant_type == Registration.ParticipantType.ASSOCIATION
    assert invitation.registration == registration
    assert Notification.objects.filter(user=operator, kind="invitation").exists()
    page = client.get(url)
    assert "register-link" in page.text and "participant_type=association" in page.text


def test_rsvp_maybe_then_decline_and_bad_answers(client, conference):
    invitation = InvitationFactory(event=conference)
    url = reverse("outreach:rsvp", args=[invitation.token])
    client.post(url, {"answer": "maybe"})
    invitation.refresh_from_db()
    assert invitation.status == "maybe"
    bad = client.post(url, {"answer": "pending"})
    assert bad.status_code == 200  # the form shows the error
    invitation.refresh_from_db()
    assert invitation.status == "maybe"
    assert client.get(reverse("outreach:rsvp", args=["no-such-token"])).status_code == 404
    api = client.post(
        f"/api/v1/invitations/{invitation.token}/rsvp",
        {"answer": "declined", "comment": "Other commitments"},
        content_type="application/json",
    )
    assert api.status_code == 200 and api.json()["status"] == "declined"
    wrong = client.post(
        f"/api/v1/invitations/{invitation.token}/rsvp",
        {"answer": "yes please"},
        content_type="application/json",
    )
    assert wrong.status_code == 422
    assert (
        client.post(
            "/api/v1/invitations/nope/rsvp", {"answer": "maybe"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_reminders_go_to_those_without_answer(conference, django_capture_on_commit_callbacks):
    old = timezone.now() - dt.timedelta(days=5)
    waiting = InvitationFactory(event=conference, sent_at=old, language="es")
    answered = InvitationFactory(event=conference, sent_at=old, status="accepted")
    fresh = InvitationFactory(event=conference, sent_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitations_remind() == 1
    assert [m.to for m in mail.outbox] == [[waiting.email]]
    assert mail.outbox[0].subject.startswith("Recordatorio") or "Reminder" in mail.outbox[0].subject
    waiting.refresh_from_db()
    assert waiting.reminder_count == 1
    # Not again until a few more days have passed.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitations_remind() == 0
    later = timezone.now() + dt.timedelta(days=4)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitations_remind(now=later) == 2  # the first one again, and "fresh"
    answered.refresh_from_db()
    fresh.refresh_from_db()
    assert answered.reminder_count == 0 and fresh.reminder_count == 1
    call_command("send-invitation-reminders")


def test_network_invitation(operator):
    network = NetworkFactory()
    report = services.invitations_create(by=operator, network=network, pasted="x@example.org")
    assert report[0]["invitation"].network == network


def test_tracker_shows_states_with_constant_queries(
    client, operator, conference, django_assert_num_queries
):
    client.force_login(operator)
    InvitationFactory(event=conference, status="accepted", comment="See you")
    url = reverse("outreach:invitation_tracker", args=["event", conference.pk])
    with CaptureQueriesContext(connection) as one:
        page = client.get(url)
    assert "See you" in page.text
    for status in ("declined", "maybe", "pending", "pending"):
        InvitationFactory(event=conference, status=status)
    with django_assert_num_queries(len(one)):
        page = client.get(url)
    assert "5 invited: 1 accepted, 1 maybe, 1 declined, 2 without answer." in page.text


def test_tracker_and_invite_page_are_for_operators(client, member, conference):
    client.force_login(member)
    assert (
        client.get(
            reverse("outreach:invitation_tracker", args=["event", conference.pk])
        ).status_code
        == 404
    )
    assert client.get(reverse("outreach:invitation_new")).status_code == 404


def test_invite_page_shows_report(client, operator, conference):
    client.force_login(operator)
    page = client.post(
        reverse("outreach:invitation_new"),
        {"event": conference.pk, "pasted": "good@example.org\nbad address"},
    )
    assert page.status_code == 200
    assert "Not a valid e-mail address." in page.text
    assert Invitation.objects.filter(email="good@example.org").exists()
    empty = client.post(reverse("outreach:invitation_new"), {"pasted": "a@example.org"})
    assert "Choose one event or one network." in empty.text


def test_api_invitations_for_operators_only(client, operator, member, conference):
    payload = {"event": conference.pk, "emails": "new@example.org\nbroken"}
    client.force_login(member)
    assert (
        client.post("/api/v1/invitations", payload, content_type="application/json").status_code
        == 403
    )
    client.force_login(operator)
    response = client.post("/api/v1/invitations", payload, content_type="application/json")
    assert response.status_code == 201
    rows = response.json()
    assert [r["status"] for r in rows] == ["invited", "invalid"]
    token = rows[0]["token"]
    client.logout()
    assert client.get(f"/api/v1/invitations/{token}").json()["status"] == "pending"
    bad = client.post(
        "/api/v1/invitations",
        {"event": 999999, "emails": "x@example.org"},
        content_type="application/json",
    )
    assert bad.status_code == 401
    client.force_login(operator)
    unknown = client.post(
        "/api/v1/invitations",
        {"event": 999999, "emails": "x@example.org"},
        content_type="application/json",
    )
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "event"]
