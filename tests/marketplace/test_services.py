import datetime as dt

import pytest
from django.utils import timezone

from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.marketplace import selectors, services
from digibridge.marketplace.models import Opportunity
from tests.directory.factories import NetworkMembershipFactory, OrganisationFactory
from tests.marketplace.factories import OpportunityFactory

OFFER = {
    "kind": "offer",
    "category": "technology",
    "title": "自动驾驶叉车与车队管理软件",
    "description": "我们提供自动驾驶叉车和车队调度软件，已在三个仓库部署。",
    "target_countries": ["es", "PT"],
    "budget_min": "100000",
    "budget_max": "250000",
    "currency": "EUR",
}


@pytest.mark.django_db
def test_opportunity_create_publish_close_lifecycle(member):
    opp = services.opportunity_create(
        owner=member.org, by=member, data=OFFER, sectors=["warehouse-automation"]
    )
    assert opp.status == Opportunity.Status.DRAFT
    assert [c.code for c in opp.target_countries] == ["ES", "PT"]
    assert list(opp.sectors.values_list("slug", flat=True)) == ["warehouse-automation"]
    services.opportunity_publish(opportunity=opp, by=member)
    assert opp.status == Opportunity.Status.PUBLISHED and opp.published_at is not None
    services.opportunity_close(opportunity=opp, by=member)
    assert opp.status == Opportunity.Status.CLOSED


@pytest.mark.django_db
def test_opportunity_create_for_other_organisation_is_refused(member, stranger):
    with pytest.raises(PermissionDeniedError):
        services.opportunity_create(owner=member.org, by=stranger, data=OFFER)
    assert not Opportunity.objects.exists()


@pytest.mark.django_db
def test_opportunity_budget_range_inverted_is_refused(member):
    with pytest.raises(DomainError) as exc:
        services.opportunity_create(
            owner=member.org, by=member, data={**OFFER, "budget_min": "9", "budget_max": "1"}
        )
    assert exc.value.field == "budget_max"


@pytest.mark.django_db
def test_opportunity_empty_title_is_refused(member):
    with pytest.raises(DomainError) as exc:
        services.opportunity_create(owner=member.org, by=member, data={**OFFER, "title": "   "})
    assert exc.value.field == "title"


@pytest.mark.django_db
def test_opportunity_publish_with_past_deadline_is_refused(member):
    past = timezone.localdate() - dt.timedelta(days=1)
    opp = services.opportunity_create(owner=member.org, by=member, data={**OFFER, "deadline": past})
    with pytest.raises(DomainError) as exc:
        services.opportunity_publish(opportunity=opp, by=member)
    assert exc.value.field == "deadline"


@pytest.mark.django_db
def test_opportunities_expire_due_marks_only_past_deadlines(db):
    today = timezone.localdate()
    old = OpportunityFactory(deadline=today - dt.timedelta(days=2))
    current = OpportunityFactory(deadline=today)
    assert services.opportunities_expire_due(today=today) == 1
    old.refresh_from_db()
    current.refresh_from_db()
    assert old.status == Opportunity.Status.EXPIRED
    assert current.status == Opportunity.Status.PUBLISHED


@pytest.mark.django_db
def test_visibility_drafts_and_private_only_for_owner_and_operators(member, stranger, operator):
    draft = OpportunityFactory(owner=member.org, status=Opportunity.Status.DRAFT)
    private = OpportunityFactory(owner=member.org, visibility=Opportunity.Visibility.PRIVATE)
    public = OpportunityFactory(owner=member.org)
    for viewer in (member, operator):
        assert {draft, private, public} <= set(selectors.opportunities_visible_to(viewer))
    for viewer in (stranger, None):
        assert set(selectors.opportunities_visible_to(viewer)) == {public}


@pytest.mark.django_db
def test_visibility_network_listing_only_for_members_of_shared_network(member, stranger):
    opp = OpportunityFactory(owner=member.org, visibility=Opportunity.Visibility.NETWORK)
    assert opp not in selectors.opportunities_visible_to(stranger)
    membership = NetworkMembershipFactory(organisation=member.org)
    NetworkMembershipFactory(network=membership.network, organisation=stranger.org)
    stranger_fresh = type(stranger).objects.get(pk=stranger.pk)
    assert opp in selectors.opportunities_visible_to(stranger_fresh)


@pytest.mark.django_db
def test_visibility_pending_owner_hides_listing(member):
    pending = OrganisationFactory(status="pending")
    opp = OpportunityFactory(owner=pending)
    assert opp not in selectors.opportunities_visible_to(None)
    assert opp not in selectors.opportunities_visible_to(member)


@pytest.mark.django_db
def test_opportunity_search_filters_by_kind_sector_country_and_text(db):
    offer = OpportunityFactory(sectors=["warehouse-automation"], target_countries=["ES"])
    OpportunityFactory(kind="request", sectors=["smart-grid"])
    found = selectors.opportunity_search(
        user=None, kind="offer", sector="smart-logistics", country="es", q="forklift"
    )
    assert list(found) == [offer]


@pytest.mark.django_db
def test_opportunity_delete_removes_and_signals(member):
    from digibridge.marketplace.services import opportunity_changed

    seen = []

    def receiver(sender, opportunity, deleted=False, **kwargs):
        seen.append((opportunity.pk, deleted))

    opportunity_changed.connect(receiver)
    try:
        opp = OpportunityFactory(owner=member.org)
        pk = opp.pk
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            services.opportunity_delete(opportunity=opp, by=member)
    finally:
        opportunity_changed.disconnect(receiver)
    assert not Opportunity.objects.filter(pk=pk).exists()
    assert seen == [(pk, True)]
