"""The directory, the participant lists and the e-mail notices honour consent records."""

import pytest
from django.core import mail
from django.urls import reverse

from digibridge.directory.selectors import person_contact_visible
from digibridge.events.models import MeetingRequest
from digibridge.events.selectors import participants_visible
from digibridge.outreach.notifications import notify
from digibridge.privacy import services
from digibridge.privacy.models import Purpose
from tests.directory.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_directory_lists_only_people_who_consent(client, member, stranger, operator):
    shy = PersonFactory(organisation=stranger.org, last_name="Withdrawnsson")
    open_ = PersonFactory(organisation=stranger.org, last_name="Listedsson")
    services.consents_set(person=shy, by=operator, choices={Purpose.LISTED: False})
    url = reverse("directory:detail", args=[stranger.org.slug])
    client.force_login(member)
    page = client.get(url).content.decode()
    assert "Listedsson" in page and "Withdrawnsson" not in page
    api = client.get(f"/api/v1/organisations/{stranger.org.pk}/people").json()
    names = (
        {p["last_name"] for p in api["items"]} if "items" in api else {p["last_name"] for p in api}
    )
    assert names == {"Listedsson"}
    found = client.get("/api/v1/people", {"q": "sson"}).json()
    found = found["items"] if "items" in found else found
    assert {p["last_name"] for p in found} == {"Listedsson"}
    client.force_login(stranger)  # a colleague still sees them
    assert "Withdrawnsson" in client.get(url).content.decode()
    client.force_login(operator)
    assert "Withdrawnsson" in client.get(url).content.decode()
    assert open_.pk


def test_participant_list_leaves_out_who_withdrew(scenario):
    event = scenario.event
    stranger = scenario.stranger
    assert participants_visible(event=event, user=stranger).count() == 2
    services.consents_set(user=scenario.member, by=scenario.member, choices={"listed": False})
    assert list(participants_visible(event=event, user=stranger)) == [scenario.theirs]


def test_contacts_after_a_meeting_follow_the_consent(scenario):
    member_person = scenario.member.person
    assert scenario.request.status == MeetingRequest.Status.ACCEPTED
    assert person_contact_visible(person=member_person, viewer=scenario.stranger)
    services.consents_set(
        user=scenario.member, by=scenario.member, choices={Purpose.SHARE_CONTACTS: False}
    )
    assert not person_contact_visible(person=member_person, viewer=scenario.stranger)
    # Their own organisation and the operators still see them.
    assert person_contact_visible(person=member_person, viewer=scenario.member)


def test_no_email_without_consent(member, stranger, django_capture_on_commit_callbacks):
    services.consents_set(user=member, by=member, choices={Purpose.EMAIL: False})
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[member, stranger], kind="message", title="A new message")
    assert [m.to for m in mail.outbox] == [[stranger.email]]
    assert member.notifications.count() == 1  # still told in the platform
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[member], kind="message", title="Asked for", force_email=True)
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_who_withdrew_from_the_lists_gets_no_meeting_requests(scenario):
    from digibridge.common.errors import DomainError
    from digibridge.events.services import meeting_request_create

    MeetingRequest.objects.all().delete()
    services.consents_set(user=scenario.member, by=scenario.member, choices={"listed": False})
    with pytest.raises(DomainError):
        meeting_request_create(
            sender=scenario.theirs, recipient=scenario.mine, by=scenario.stranger
        )
    request = meeting_request_create(
        sender=scenario.mine, recipient=scenario.theirs, by=scenario.member
    )
    assert request.status == MeetingRequest.Status.PENDING


def test_invitations_are_not_mailed_without_consent_or_after_erasure(scenario, operator):
    from digibridge.outreach.services import invitation_send_email
    from tests.accounts.factories import PASSWORD
    from tests.outreach.factories import InvitationFactory

    mail.outbox.clear()
    assert invitation_send_email(invitation_id=scenario.invitation.pk)
    assert len(mail.outbox) == 1
    services.consents_set(user=scenario.member, by=scenario.member, choices={"email": False})
    assert not invitation_send_email(invitation_id=scenario.invitation.pk)
    by_address = InvitationFactory(event=scenario.event, email=scenario.member.email)
    services.user_erase(user=scenario.member, by=scenario.member, password=PASSWORD)
    assert not invitation_send_email(invitation_id=by_address.pk)
    assert len(mail.outbox) == 1
