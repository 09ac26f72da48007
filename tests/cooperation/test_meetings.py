"""Agreements and follow-ups that come from a meeting of the events app."""

import pytest

from digibridge.common.errors import DomainError
from digibridge.cooperation import selectors, services
from digibridge.cooperation.models import Agreement, AgreementParty
from tests.cooperation.meetings import held_meeting
from tests.directory.factories import OrganisationFactory
from tests.marketplace.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def test_agreement_from_meeting_attribution_chain(operator):
    cn, es = (
        OrganisationFactory(country="CN", name="Hangyun"),
        OrganisationFactory(name="Llobregat"),
    )
    demand = OpportunityFactory(owner=es, kind="request", title="Warehouse robots wanted")
    meeting = held_meeting(cn, es, opportunity=demand)
    agreement = services.agreement_create(
        by=operator,
        data={"kind": "mou", "title": "Robots MoU"},
        parties=[(cn, AgreementParty.Role.SIGNATORY), (es, AgreementParty.Role.SIGNATORY)],
        source_meeting=meeting,
        status=Agreement.Status.SIGNED,
    )
    services.follow_up_create(
        by=operator, data={"stage": "met"}, agreement=agreement, meeting=meeting
    )
    chain = selectors.agreement_attribution(
        agreement=selectors.agreement_detail(user=operator, pk=agreement.pk)
    )
    assert [step.kind for step in chain] == ["match", "meeting", "follow_up", "agreement"]
    assert chain[0].objects == [demand]
    assert "Hangyun ↔ Llobregat" in chain[1].label and "table 2" in chain[1].label


def test_member_cannot_link_a_meeting_they_were_not_in(member):
    meeting = held_meeting(OrganisationFactory(), OrganisationFactory())
    with pytest.raises(DomainError):
        services.agreement_create(
            by=member,
            data={"kind": "mou", "title": "Sneaky"},
            parties=[(member.org, "signatory"), (OrganisationFactory(), "signatory")],
            source_meeting=meeting,
        )
    mine = held_meeting(member.org, OrganisationFactory())
    assert list(selectors.meetings_visible_to(member)) == [mine]


def test_record_agreement_from_meeting_prefills_parties(client, operator):
    cn, es = OrganisationFactory(country="CN"), OrganisationFactory()
    meeting = held_meeting(cn, es)
    client.force_login(operator)
    body = client.get(f"/cooperation/agreements/new/?meeting={meeting.pk}").content.decode()
    assert f'<option value="{cn.pk}" selected>' in body
    assert f'<option value="{meeting.pk}" selected>' in body


def test_dashboard_counts_meetings_held():
    from digibridge.reports.selectors import dashboard

    held_meeting(OrganisationFactory(), OrganisationFactory())
    held_meeting(OrganisationFactory(), OrganisationFactory(), status="scheduled")
    funnel = {step["key"]: step["count"] for step in dashboard()["funnel"]}
    assert funnel["meetings"] == 1 and funnel["meeting_requests"] == 2


def test_dashboard_event_filter():
    from digibridge.reports.selectors import DashboardFilters, dashboard
    from tests.cooperation.factories import AgreementFactory

    a, b = OrganisationFactory(), OrganisationFactory()
    meeting = held_meeting(a, b)
    held_meeting(OrganisationFactory(), OrganisationFactory())
    AgreementFactory(
        parties=[a, b], status="signed", signed_on="2025-03-04", source_meeting=meeting
    )
    AgreementFactory(status="signed", signed_on="2025-03-04")
    event = meeting.block.event_id
    funnel = {s["key"]: s["count"] for s in dashboard(DashboardFilters(event=event))["funnel"]}
    assert funnel["meetings"] == 1 and funnel["meeting_requests"] == 1
    assert funnel["agreements"] == 1
    assert {s["key"]: s["count"] for s in dashboard()["funnel"]}["agreements"] == 2
