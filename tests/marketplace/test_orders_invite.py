"""Inviting more suppliers to a request that takes responses."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.marketplace import orders_services as services
from digibridge.marketplace.models import Rfq
from tests.accounts.factories import UserFactory
from tests.directory.factories import OrganisationFactory, OrganisationMemberFactory
from tests.marketplace.order_factories import RfqFactory

pytestmark = pytest.mark.django_db


def test_requester_invites_suppliers_who_may_then_respond_and_are_mailed(
    member, stranger, django_capture_on_commit_callbacks
):
    rfq = RfqFactory(opportunity__owner=member.org, eligibility=Rfq.Eligibility.INVITED)
    supplier = stranger.org
    assert services.eligibility_problem(rfq, supplier) is not None
    with django_capture_on_commit_callbacks(execute=True):
        invited = services.rfq_invite(rfq=rfq, organisations=[supplier], by=member)
    assert invited == [supplier]
    assert services.eligibility_problem(rfq, supplier) is None
    assert [m.to for m in mail.outbox] == [[stranger.email]]
    with pytest.raises(DomainError):  # nobody new to invite
        services.rfq_invite(rfq=rfq, organisations=[supplier], by=member)


def test_only_requester_or_operator_invites_and_only_before_the_deadline(member, stranger):
    rfq = RfqFactory(opportunity__owner=member.org)
    other = OrganisationFactory()
    with pytest.raises(PermissionDeniedError):
        services.rfq_invite(rfq=rfq, organisations=[other], by=stranger)
    Rfq.objects.filter(pk=rfq.pk).update(response_deadline=timezone.now() - dt.timedelta(hours=1))
    rfq.refresh_from_db()
    with pytest.raises(DomainError):
        services.rfq_invite(rfq=rfq, organisations=[other], by=member)
    assert not rfq.invited.exists()


def test_invite_through_the_request_page(client, member):
    rfq = RfqFactory(opportunity__owner=member.org)
    supplier = OrganisationFactory(name="Shenzhen Example Robotics")
    OrganisationMemberFactory(organisation=supplier, user=UserFactory())
    client.force_login(member)
    page = client.get(reverse("marketplace:rfq", args=[rfq.pk])).content.decode()
    assert "Shenzhen Example Robotics" in page
    response = client.post(
        reverse("marketplace:rfq_invite", args=[rfq.pk]), {"organisations": [str(supplier.pk)]}
    )
    assert response.status_code == 302
    assert list(rfq.invited.all()) == [supplier]
