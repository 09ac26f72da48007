"""Access control, proven by enumeration.

Every GET route of the URL configuration (pages, exports, feeds, files and the REST API,
which ninja registers there too) is requested with every plausible value of its parameters
taken from a small world in which one enterprise (the owner) holds private data: a private and a
draft opportunity, an agreement, a follow-up, a service request, a conversation, a response to
another enterprise's order, a meeting request, a notification, contact details. Every private
text carries the marker ``ZQX``.

Anonymous visitors, a member of another enterprise and a partner member must never see a
marker, whatever route or parameter they try, and no request may crash the server. The owner
sees each of their own markers somewhere, which shows that the sweep reaches the data (the
test could fail). Operators of another service centre are swept the same way in
``tests/centres/test_sweep.py``; unlimited operators and platform administrators see everything.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from digibridge.events.models import Meeting, MeetingRequest, MeetingSeat
from digibridge.marketplace.models import Opportunity
from digibridge.outreach.models import Notification
from tests.accounts.factories import UserFactory
from tests.cooperation.factories import AgreementFactory, FollowUpFactory, ServiceRequestFactory
from tests.directory.factories import (
    OrganisationFactory,
    OrganisationMemberFactory,
    PersonFactory,
)
from tests.events.factories import EventFactory, MeetingBlockFactory, RegistrationFactory
from tests.marketplace.factories import OpportunityFactory
from tests.marketplace.order_factories import RequestFactory, RfqFactory, RfqResponseFactory
from tests.outreach.factories import ConversationFactory, MessageFactory

# Planted private texts all start with "ZQX " (with the space) or "zqx-": random tokens on
# pages (CSRF tokens, CSP nonces) may contain the three letters, never these.
SECRET = re.compile(r"ZQX [\w -]{0,30}|zqx-[\w@.-]{0,30}|\+86 ZQX")
SKIPPED_NAMES = {"logout"}  # would end the role's session mid-sweep
SKIPPED_PREFIXES = ("admin/",)  # Django's admin: staff only, covered by Django itself
MAX_COMBINATIONS = 16
WORDS = {
    "action": ["accept", "decline", "cancel", "approve", "award", "publish", "view"],
    "status": ["signed", "negotiating"],
    "kind": ["event", "network", "answer", "document", "organisations"],
    "fmt": ["csv", "xlsx", "json"],
    "name": ["backup.zip"],
}


def _patterns(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    owner_org = OrganisationFactory(name="Owner Robotics", country="CN")
    other_org = OrganisationFactory(name="Other Logistics", country="ES")
    partner_org = OrganisationFactory(name="Partner Chamber", country="ES", type="association")
    counterpart = OrganisationFactory(name="Counterpart Energy", country="ES")

    def member(org, email, **extra):
        user = UserFactory(email=email, **extra)
        OrganisationMemberFactory(user=user, organisation=org, is_admin=True)
        return user

    owner = member(owner_org, "owner@example.org")
    stranger = member(other_org, "stranger@example.org")
    partner = member(partner_org, "partner@example.org", role="partner")
    counterpart_user = member(counterpart, "counterpart@example.org")

    private = OpportunityFactory(
        owner=owner_org,
        title="ZQX private offer",
        description="ZQX unreleased battery chemistry",
        visibility=Opportunity.Visibility.PRIVATE,
    )
    draft = OpportunityFactory(
        owner=owner_org, title="ZQX draft request", status=Opportunity.Status.DRAFT
    )
    agreement = AgreementFactory(title="ZQX agreement", parties=[owner_org, counterpart])
    FollowUpFactory(agreement=agreement, next_action="ZQX next action")
    ServiceRequestFactory(organisation=owner_org, description="ZQX service request")
    conversation = ConversationFactory(
        side_a=owner_org, side_b=counterpart, subject="ZQX conversation"
    )
    MessageFactory(conversation=conversation, body="ZQX message body")
    rfq = RfqFactory(opportunity=RequestFactory(owner=counterpart))
    response = RfqResponseFactory(
        rfq=rfq, supplier=owner_org, message="ZQX response", price=Decimal("4242.42")
    )
    event = EventFactory(name="Barcelona Forum")
    block = MeetingBlockFactory(event=event)
    owner_person = PersonFactory(
        organisation=owner_org, user=owner, email="zqx-contact@example.org", phone="+86 ZQX"
    )
    mine = RegistrationFactory(event=event, person=owner_person, organisation=owner_org)
    theirs = RegistrationFactory(
        event=event, person=PersonFactory(organisation=counterpart), organisation=counterpart
    )
    request = MeetingRequest.objects.create(
        event=event,
        sender=mine,
        recipient=theirs,
        message="ZQX meeting request",
        status=MeetingRequest.Status.ACCEPTED,
    )
    meeting = Meeting.objects.create(block=block, slot=0, table=1, request=request)
    for registration in (mine, theirs):
        MeetingSeat.objects.create(meeting=meeting, registration=registration, block=block, slot=0)
    Notification.objects.create(user=owner, kind="message", title="ZQX notification")

    ints = set()
    for obj in (private, draft, agreement, conversation, rfq, response, event, block, mine):
        ints.add(obj.pk)
    ints |= {request.pk, meeting.pk, theirs.pk, 1}
    values = {
        "int": sorted(ints),
        "slug": [event.slug, owner_org.slug, counterpart.slug],
        # Calendar feeds and check-in links are capability URLs: whoever holds the secret token
        # reads them, by design. Nobody else knows it, so the sweep tries a wrong one.
        "token": ["not-the-secret-token"],
        "path": [],
    }
    return {
        "objects": [
            private,
            draft,
            agreement,
            conversation,
            rfq,
            response,
            event,
            block,
            mine,
            request,
            meeting,
            owner_person,
            owner_org,
        ],
        "users": {"owner": owner, "stranger": stranger, "partner": partner},
        "counterpart": counterpart_user,
        "values": values,
        "markers": {
            "private opportunity",
            "draft opportunity",
            "agreement",
            "conversation",
            "message",
            "response",
            "meeting request",
            "notification",
        },
    }


def _candidates(name: str, converter: str, values) -> list[str]:
    if name in WORDS:
        return WORDS[name]
    if converter == "slug" or name == "slug":
        return values["slug"]
    if name == "token":
        return values["token"]
    if converter == "path":
        return values["path"] or ["x"]
    return [str(v) for v in values["int"]]


def _urls(values) -> list[str]:
    urls = []
    parameter = re.compile(r"<(?:(\w+):)?(\w+)>")
    for pattern, name in _patterns():
        if name in SKIPPED_NAMES or pattern.startswith(SKIPPED_PREFIXES):
            continue
        pattern = pattern.lstrip("^").rstrip("$")
        slots = parameter.findall(pattern)
        pools = [_candidates(n, c, values) for c, n in slots]
        for combination in itertools.islice(itertools.product(*pools), MAX_COMBINATIONS):
            parts = iter(combination)
            urls.append("/" + parameter.sub(lambda _m, parts=parts: next(parts), pattern))
    return sorted(set(urls))


def _sweep(client: Client, urls: list[str]) -> dict[str, str]:
    """GET every URL; returns url -> body for answers that carry a marker."""
    seen = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        text = body.decode("utf-8", "replace")
        if SECRET.search(text):
            seen[url] = text
    return seen


@pytest.mark.slow
def test_no_role_sees_another_enterprises_private_data(world):
    urls = _urls(world["values"])
    assert len(urls) > 250  # the sweep really covers the URL configuration

    roles = {"anonymous": Client()}
    for role in ("stranger", "partner"):
        roles[role] = Client()
        roles[role].force_login(world["users"][role])
    leaks = {}
    for role, client in roles.items():
        for url, text in _sweep(client, urls).items():
            found = sorted(set(SECRET.findall(text)))
            leaks[f"{role} {url}"] = found
    assert leaks == {}

    owner = Client()
    owner.force_login(world["users"]["owner"])
    shown = " ".join(_sweep(owner, urls).values())
    for text in (
        "ZQX private offer",
        "ZQX draft request",
        "ZQX agreement",
        "ZQX conversation",
        "ZQX message body",
        "ZQX response",
        "ZQX meeting request",
        "ZQX notification",
        "ZQX service request",
    ):
        assert text in shown, f"the owner never sees {text!r}: the sweep misses it"


def _snapshot(objects) -> list[dict]:
    from django.forms.models import model_to_dict

    rows = []
    for obj in objects:
        fresh = type(obj).objects.filter(pk=obj.pk).first()
        rows.append(model_to_dict(fresh) if fresh else {"deleted": repr(obj)})
    return rows


@pytest.mark.slow
def test_no_role_changes_another_enterprises_data_through_any_post(world):
    """An empty and a plausible POST to every route, as anonymous and as another enterprise's
    member, with the owner's ids: no crash, and the owner's objects stay exactly as they were."""
    urls = _urls(world["values"])
    before = _snapshot(world["objects"])
    stranger = Client()
    stranger.force_login(world["users"]["stranger"])
    for client in (Client(), stranger):
        for url in urls:
            for data in ({}, {"confirm": "1", "status": "signed", "title": "changed"}):
                response = client.post(url, data)
                assert response.status_code < 500, f"POST {url} answered {response.status_code}"
    assert _snapshot(world["objects"]) == before
