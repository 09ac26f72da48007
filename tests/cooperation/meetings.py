"""A held 1:1 meeting between two organisations, built with the events app's factories."""

from digibridge.events.models import Meeting, MeetingRequest, MeetingSeat
from tests.directory.factories import PersonFactory
from tests.events.factories import EventFactory, MeetingBlockFactory, RegistrationFactory


def held_meeting(org_a, org_b, *, opportunity=None, status=Meeting.Status.HELD):
    event = EventFactory(name="Beijing Night exchange")
    block = MeetingBlockFactory(event=event)
    registrations = [
        RegistrationFactory(event=event, person=PersonFactory(organisation=org), organisation=org)
        for org in (org_a, org_b)
    ]
    request = MeetingRequest.objects.create(
        event=event,
        sender=registrations[0],
        recipient=registrations[1],
        opportunity=opportunity,
        status=MeetingRequest.Status.ACCEPTED,
    )
    meeting = Meeting.objects.create(block=block, slot=0, table=2, request=request, status=status)
    for registration in registrations:
        MeetingSeat.objects.create(meeting=meeting, registration=registration, block=block, slot=0)
    return meeting
