import datetime as dt
import zoneinfo

import factory

from digibridge.events.models import (
    AgendaSession,
    Event,
    MeetingBlock,
    MeetingRequest,
    Registration,
)
from tests.accounts.factories import UserFactory
from tests.directory.factories import OrganisationFactory, PersonFactory

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
DAY = dt.datetime(2025, 3, 4, tzinfo=MADRID)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Example Forum {n}")
    slug = factory.Sequence(lambda n: f"example-forum-{n}")
    description = "A forum for tests."
    venue = "Fira de Barcelona"
    city = "Barcelona"
    time_zone = "Europe/Madrid"
    start = DAY.replace(hour=9)
    end = DAY.replace(hour=22)
    host = factory.SubFactory(OrganisationFactory, type="government")
    status = Event.Status.REGISTRATION_OPEN


class AgendaSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaSession

    event = factory.SubFactory(EventFactory)
    kind = AgendaSession.Kind.FORUM_TALK
    title = factory.Sequence(lambda n: f"Session {n}")
    room = "Auditorium"
    start = DAY.replace(hour=10)
    end = DAY.replace(hour=11)


class MeetingBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingBlock

    event = factory.SubFactory(EventFactory)
    name = "Beijing Night"
    start = DAY.replace(hour=19)
    end = DAY.replace(hour=20)
    slot_minutes = 15
    tables = 3


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    participant_type = Registration.ParticipantType.ENTERPRISE_EXECUTIVE
    status = Registration.Status.APPROVED
    consent_listed = True
    takes_meetings = True


def participant(event, user=None, **kwargs):
    """An approved registration whose person has a user account (created when not given)."""
    user = user or UserFactory()
    org = getattr(user, "org", None) or OrganisationFactory()
    person = PersonFactory(user=user, organisation=org, first_name=user.first_name or "Ana")
    return RegistrationFactory(event=event, person=person, organisation=org, **kwargs)


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRequest

    event = factory.SubFactory(EventFactory)
    sender = factory.SubFactory(RegistrationFactory, event=factory.SelfAttribute("..event"))
    recipient = factory.SubFactory(RegistrationFactory, event=factory.SelfAttribute("..event"))
    message = "Let us talk about warehouse robots."
    status = MeetingRequest.Status.PENDING
