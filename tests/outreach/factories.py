import factory

from digibridge.outreach.models import Conversation, Delegation, Invitation, Message
from tests.accounts.factories import UserFactory
from tests.directory.factories import OrganisationFactory, OrganisationMemberFactory
from tests.events.factories import EventFactory


def read(download) -> bytes:
    """The content of a file download. Reading it to the end is what closes the file (the
    test client closes the response then); ``response.close()`` would also close the test's
    database connection, through the request-finished signal."""
    return b"".join(download.streaming_content)


def member_of(organisation, **kwargs):
    """A user acting for ``organisation``."""
    user = UserFactory(**kwargs)
    OrganisationMemberFactory(user=user, organisation=organisation)
    user.org = organisation
    return user


class ConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conversation

    side_a = factory.SubFactory(OrganisationFactory)
    side_b = factory.SubFactory(OrganisationFactory)
    subject = factory.Sequence(lambda n: f"Warehouse robots {n}")


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    conversation = factory.SubFactory(ConversationFactory)
    sender_organisation = factory.SelfAttribute("conversation.side_a")
    body = "Hello, shall we meet?"


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Invitee {n}")
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    language = "en"


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    name = factory.Sequence(lambda n: f"Beijing delegation {n}")
