import datetime as dt
from types import SimpleNamespace

import pytest

from digibridge.events.models import Meeting, MeetingRequest, MeetingSeat
from digibridge.outreach.models import Notification
from tests.cooperation.factories import AgreementFactory
from tests.directory.factories import PersonFactory
from tests.events.factories import EventFactory, MeetingBlockFactory, RegistrationFactory
from tests.outreach.factories import ConversationFactory, InvitationFactory, MessageFactory


@pytest.fixture
def scenario(member, stranger):
    """Two people of two organisations who met at an event, wrote to each other and signed an
    agreement: the member (``member.person``) and the stranger (``stranger.person``)."""
    member.person = PersonFactory(
        user=member,
        organisation=member.org,
        first_name="Wei",
        last_name="Zhang",
        email="wei.zhang@example.cn",
        phone="+86 10 5555 0101",
    )
    stranger.person = PersonFactory(
        user=stranger,
        organisation=stranger.org,
        first_name="Núria",
        last_name="Puig",
        email="nuria.puig@example.es",
        phone="+34 600 111 222",
    )
    event = EventFactory(name="Barcelona forum")
    block = MeetingBlockFactory(event=event)
    mine = RegistrationFactory(event=event, person=member.person, organisation=member.org)
    theirs = RegistrationFactory(event=event, person=stranger.person, organisation=stranger.org)
    request = MeetingRequest.objects.create(
        event=event,
        sender=mine,
        recipient=theirs,
        message="Shall we talk about robot arms?",
        status=MeetingRequest.Status.ACCEPTED,
    )
    meeting = Meeting.objects.create(
        block=block, slot=0, table=1, request=request, status=Meeting.Status.HELD
    )
    for registration in (mine, theirs):
        MeetingSeat.objects.create(meeting=meeting, registration=registration, block=block, slot=0)
    conversation = ConversationFactory(side_a=member.org, side_b=stranger.org)
    my_message = MessageFactory(
        conversation=conversation,
        sender=member,
        sender_organisation=member.org,
        body="Our quotation is attached.",
    )
    their_message = MessageFactory(
        conversation=conversation,
        sender=stranger,
        sender_organisation=stranger.org,
        body="Núria's private reply about prices.",
    )
    Notification.objects.create(user=member, kind="message", title="A reply from Lleida")
    Notification.objects.create(user=stranger, kind="message", title="Stranger-only notice")
    invitation = InvitationFactory(
        event=event, person=member.person, name="Wei Zhang", email="wei.zhang@example.cn"
    )
    agreement = AgreementFactory(
        title="Robot arms for Lleida",
        status="signed",
        signed_on=dt.date(2025, 3, 20),
        value=250000,
        source_meeting=meeting,
        parties=[member.org, stranger.org],
    )
    return SimpleNamespace(
        member=member,
        stranger=stranger,
        event=event,
        mine=mine,
        theirs=theirs,
        request=request,
        meeting=meeting,
        conversation=conversation,
        my_message=my_message,
        their_message=their_message,
        invitation=invitation,
        agreement=agreement,
    )
