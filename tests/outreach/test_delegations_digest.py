import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.events.models import Registration
from digibridge.marketplace import services as market
from digibridge.marketplace.models import Opportunity
from digibridge.outreach import services
from digibridge.outreach.notifications import notification_preferences_set
from tests.events.factories import EventFactory, MeetingBlockFactory, RegistrationFactory
from tests.matching.test_integration import FORKLIFT_OFFER, FORKLIFT_REQUEST

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.outreach.urls")]


def test_delegation_registers_as_a_whole_and_meets_as_one(client, operator, delegation):
    event = EventFactory()
    result = services.delegation_register(delegation=delegation, event=event, by=operator)
    assert len(result["registered"]) == 2
    again = services.delegation_register(delegation=delegation, event=event, by=operator)
    assert len(again["already"]) == 2 and not again["registered"]
    assert Registration.objects.filter(event=event).count() == 2
    block = MeetingBlockFactory(event=event)
    host = RegistrationFactory(event=event)
    meeting = services.delegation_meeting_create(
        delegation=delegation, block=block, slot=1, counterparts=[host], by=operator
    )
    assert meeting.participants.count() == 3
    client.force_login(operator)
    page = client.get(reverse("outreach:delegation", args=[delegation.pk]))
    assert page.status_code == 200
    assert host.organisation.name in page.text
    assert "Wei" in page.text and "Li" in page.text


def test_delegation_rules(operator, member, delegation):
    with pytest.raises(PermissionDeniedError):
        services.delegation_create(name="Mine", by=member)
    with pytest.raises(DomainError):
        services.delegation_create(
            name="Backwards",
            by=operator,
            travel_from=dt.date(2025, 3, 6),
            travel_to=dt.date(2025, 3, 1),
        )


def test_delegation_visible_to_members_not_strangers(client, stranger, delegation):
    client.force_login(stranger)
    assert client.get(reverse("outreach:delegation", args=[delegation.pk])).status_code == 404
    assert delegation.name not in client.get(reverse("outreach:delegations")).text
    leader_user = stranger
    delegation.leader.user = leader_user
    delegation.leader.save()
    assert client.get(reverse("outreach:delegation", args=[delegation.pk])).status_code == 200


@pytest.fixture
def matched(member, stranger, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = market.opportunity_create(
            owner=stranger.org,
            by=stranger,
            data=FORKLIFT_REQUEST,
            sectors=["warehouse-automation"],
            publish=True,
        )
        offer = market.opportunity_create(
            owner=member.org,
            by=member,
            data=FORKLIFT_OFFER,
            sectors=["warehouse-automation"],
            publish=True,
        )
    return request, offer


def test_digest_lists_new_matches_in_the_users_language(
    stranger, matched, django_capture_on_commit_callbacks
):
    stranger.language = "es"
    stranger.save()
    request, offer = matched
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(user=stranger) is True
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [stranger.email]
    assert offer.title in message.body
    assert message.body.startswith("Hola")
    assert message.alternatives[0][1] == "text/html"


def test_digest_leaves_out_old_matches_and_honours_preferences(
    stranger, matched, django_capture_on_commit_callbacks
):
    request, offer = matched
    Opportunity.objects.filter(pk=offer.pk).update(
        published_at=timezone.now() - dt.timedelta(days=10)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(user=stranger) is False
    Opportunity.objects.filter(pk=offer.pk).update(published_at=timezone.now())
    notification_preferences_set(user=stranger, choices={"digest": (False, False)})
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(user=stranger) is False
        call_command("send-digest")
    assert mail.outbox == [] or all(m.to != [stranger.email] for m in mail.outbox)
