"""Operators register a delegation as a whole and book it ONE meeting with a company."""

import pytest
from django.urls import reverse

from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.events.models import Meeting, Registration
from digibridge.outreach import selectors, services
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.events.factories import EventFactory, MeetingBlockFactory, RegistrationFactory
from tests.outreach.factories import member_of

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.outreach.urls")]


@pytest.fixture
def forum(db):
    event = EventFactory(name="Barcelona Digital Forum", capacity=None)
    block = MeetingBlockFactory(event=event, name="Beijing Night", tables=2)
    company = OrganisationFactory(name="Almacenes Llobregat SA", country="ES")
    people = [
        RegistrationFactory(
            event=event,
            person=PersonFactory(organisation=company, first_name=name, last_name="Puig"),
            organisation=company,
        )
        for name in ("Laura", "Jordi")
    ]
    return event, block, company, people


def test_register_and_approve_the_whole_delegation(operator, delegation, forum):
    event, *_ = forum
    result = services.delegation_register(
        delegation=delegation, event=event, by=operator, approve=True
    )
    assert len(result["registered"]) == 2 and len(result["approved"]) == 2
    registrations = Registration.objects.filter(
        event=event, person__in=[m.person for m in delegation.members.all()]
    )
    assert {r.status for r in registrations} == {Registration.Status.APPROVED}
    assert all(r.created_by == operator for r in registrations)
    delegation.refresh_from_db()
    assert delegation.event == event
    again = services.delegation_register(delegation=delegation, event=event, by=operator)
    assert len(again["already"]) == 2 and not again["registered"] and not again["approved"]


def test_register_reports_a_full_event_per_member(operator, delegation, forum):
    event, *_ = forum
    event.capacity = 3  # the company's two people are approved: one place left
    event.save()
    result = services.delegation_register(
        delegation=delegation, event=event, by=operator, approve=True
    )
    # Wei is registered and approved (the last place); Li is refused, by the events' rules.
    assert [p.first_name for p in result["registered"]] == ["Wei"]
    assert [p.first_name for p in result["approved"]] == ["Wei"]
    assert [(p.first_name, reason) for p, reason in result["refused"]] == [
        ("Li", "The event is full.")
    ]


def test_book_one_meeting_with_the_company(client, operator, delegation, forum):
    event, block, company, people = forum
    services.delegation_register(delegation=delegation, event=event, by=operator, approve=True)
    client.force_login(operator)
    url = reverse("outreach:delegation_book", args=[delegation.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert company.name in page.text
    slot_choices = dict(page.context["meeting_form"].fields["slot"].choices)["Beijing Night"]
    assert len(slot_choices) == block.slot_count  # all free
    response = client.post(
        url, {"action": "book", "organisation": company.pk, "slot": f"{block.pk}:1"}
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(block=block)
    assert meeting.slot == 1 and meeting.brokered
    seated = set(meeting.participants.values_list("person__first_name", flat=True))
    assert seated == {"Wei", "Li", "Laura", "Jordi"}  # one meeting, four participants
    # The slot is no longer offered, and the shared agenda shows the meeting.
    page = client.get(url)
    offered = [
        v
        for v, _label in dict(page.context["meeting_form"].fields["slot"].choices)["Beijing Night"]
    ]
    assert f"{block.pk}:1" not in offered
    detail = client.get(reverse("outreach:delegation", args=[delegation.pk]))
    agenda = detail.context["agenda"]
    assert len(agenda) == 1
    assert {r.person.first_name for r in agenda[0]["others"]} == {"Laura", "Jordi"}
    assert "Laura Puig (Almacenes Llobregat SA)" in detail.text
    # A delegate visible on the page (a member of one of the organisations) sees it too.
    wei_user = member_of(delegation.leader.organisation)
    client.force_login(wei_user)
    assert (
        "Almacenes Llobregat SA"
        in client.get(reverse("outreach:delegation", args=[delegation.pk])).text
    )
    assert client.get(url).status_code == 404  # booking is for operators


def test_booking_refusals_are_clear(client, operator, delegation, forum):
    event, block, company, people = forum
    client.force_login(operator)
    url = reverse("outreach:delegation_book", args=[delegation.pk])
    # Not registered for any event yet.
    page = client.post(
        url, {"action": "book", "organisation": company.pk, "slot": "1:1"}, follow=True
    )
    assert "Register the delegation for an event first." in page.text
    services.delegation_register(delegation=delegation, event=event, by=operator)
    # The company already meets someone else in slot 0: the events' rules refuse.
    other = RegistrationFactory(event=event)
    from digibridge.events.services import meeting_create_brokered

    meeting_create_brokered(block=block, registrations=[people[0], other], slot=0, by=operator)
    page = client.post(url, {"action": "book", "organisation": company.pk, "slot": f"{block.pk}:0"})
    assert page.status_code == 200
    assert "One of you already has a meeting in this slot." in page.text
    bad_slot = client.post(url, {"action": "book", "organisation": company.pk, "slot": "nonsense"})
    assert bad_slot.status_code == 200 and "Select a valid choice." in bad_slot.text
    assert Meeting.objects.filter(block=block).count() == 1
    stranger_org = OrganisationFactory(name="Not Registered SL")
    with pytest.raises(DomainError, match="No one of Not Registered SL"):
        services.delegation_meeting_book(
            delegation=delegation, block=block, slot=2, organisation=stranger_org, by=operator
        )


def test_only_operators_book(member, delegation, forum):
    event, block, company, _people = forum
    with pytest.raises(PermissionDeniedError):
        services.delegation_register(delegation=delegation, event=event, by=member)
    with pytest.raises(PermissionDeniedError):
        services.delegation_meeting_book(
            delegation=delegation, block=block, slot=0, organisation=company, by=member
        )


def test_booking_options_leave_out_busy_slots_and_own_organisations(operator, delegation, forum):
    event, block, company, people = forum
    services.delegation_register(delegation=delegation, event=event, by=operator)
    booking = selectors.delegation_booking(delegation=delegation, event=event)
    assert [o.name for o in booking["companies"]] == ["Almacenes Llobregat SA"]
    services.delegation_meeting_book(
        delegation=delegation, block=block, slot=3, organisation=company, by=operator
    )
    booking = selectors.delegation_booking(delegation=delegation, event=event)
    assert 3 not in [i for i, _s, _e in booking["blocks"][0]["slots"]]
