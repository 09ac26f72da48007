"""The registration page reads an accepted outreach invitation's link."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from digibridge.events.models import Registration
from digibridge.outreach.models import Invitation
from digibridge.outreach.services import invitation_registration_link
from tests.directory.factories import OrganisationFactory
from tests.events.factories import EventFactory
from tests.outreach.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def _link(invitation) -> str:
    parts = urlsplit(invitation_registration_link(invitation))
    return f"{parts.path}?{parts.query}"


def test_accepted_invitation_prefills_and_is_linked_to_the_registration(client, member, operator):
    member.org.type = "government"
    member.org.save()
    event = EventFactory()
    invitation = InvitationFactory(
        event=event,
        organisation=member.org,
        email=member.email,
        status=Invitation.Status.ACCEPTED,
        invited_by=operator,
    )
    client.force_login(member)
    page = client.get(_link(invitation))
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial == {
        "organisation": str(member.org.pk),
        "participant_type": "government_official",
    }
    html = page.content.decode()
    assert f'value="{invitation.token}"' in html
    assert "we filled in what your invitation says" in html
    response = client.post(
        reverse("events:register", args=[event.slug]),
        {
            "invitation": invitation.token,
            "organisation": member.org.pk,
            "participant_type": "government_official",
            "takes_meetings": "on",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    invitation.refresh_from_db()
    assert invitation.registration == registration
    assert registration.participant_type == "government_official"


def test_forged_or_unanswered_invitations_prefill_nothing(client, member):
    event = EventFactory()
    other_org = OrganisationFactory()
    pending = InvitationFactory(event=event, organisation=member.org)
    elsewhere = InvitationFactory(organisation=member.org, status=Invitation.Status.ACCEPTED)
    client.force_login(member)
    url = reverse("events:register", args=[event.slug])
    for token in (pending.token, elsewhere.token, "nonsense"):
        page = client.get(url, {"invitation": token, "participant_type": "media"})
        assert page.context["invitation"] is None
        assert page.context["form"].initial == {}
    accepted = InvitationFactory(
        event=event, organisation=other_org, status=Invitation.Status.ACCEPTED
    )
    page = client.get(
        url,
        {"invitation": accepted.token, "organisation": other_org.pk, "participant_type": "x"},
    )
    # an organisation the member does not act for, and an unknown type, are not pre-filled
    assert page.context["form"].initial == {}
    client.post(
        url,
        {"invitation": accepted.token, "organisation": member.org.pk, "participant_type": "media"},
    )
    accepted.refresh_from_db()
    assert accepted.registration == Registration.objects.get()
    assert elsewhere.registration_id is None
