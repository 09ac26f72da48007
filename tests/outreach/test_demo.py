import pytest
from django.urls import reverse

from digibridge.demo.loader import load_demo
from digibridge.events.demo import load_event_demo
from digibridge.outreach.demo import load_outreach_demo
from digibridge.outreach.models import Conversation, Delegation, Invitation, Notification
from digibridge.outreach.selectors import delegation_agenda

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.outreach.urls"), pytest.mark.slow]


def test_outreach_demo_loads_once(client):
    assert load_outreach_demo() == {}  # nothing to attach to without the core demo
    load_demo()
    load_event_demo()
    counts = load_outreach_demo()
    assert counts == {"invitations": 4, "delegations": 1, "conversations": 1}
    accepted = Invitation.objects.get(organisation__slug="catalonia-beijing-association")
    assert accepted.status == "accepted" and accepted.language == "ca"
    delegation = Delegation.objects.get()
    assert delegation.members.count() >= 3
    agenda = delegation_agenda(delegation=delegation)
    # One meeting of the whole delegation with a Spanish company, several people at one table.
    whole = [item for item in agenda if len(item["delegates"]) >= 3 and item["others"]]
    assert len(whole) == 1
    assert {r.organisation.country for r in whole[0]["others"]} == {"ES"}
    conversation = Conversation.objects.get()
    assert conversation.messages.count() == 4
    assert Notification.objects.filter(kind="message").exists()
    assert load_outreach_demo() == {"invitations": 0, "delegations": 0, "conversations": 0}

    client.force_login(accepted.invited_by)
    tracker = client.get(reverse("outreach:invitation_tracker", args=["event", accepted.event_id]))
    assert "Hi serem dues persones." in tracker.text
    marc = conversation.created_by
    client.force_login(marc)
    page = client.get(reverse("outreach:conversation", args=[conversation.pk]))
    assert "Beijing Night" in page.text
