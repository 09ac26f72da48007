"""No open redirects: every ``next`` a user can set stays on this site."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

import digibridge
from tests.accounts.factories import PASSWORD
from tests.events.factories import EventFactory, RegistrationFactory
from tests.marketplace.factories import OpportunityFactory

PACKAGE = Path(digibridge.__file__).parent
EVIL = [
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    " //evil.example",
    "///evil.example",
    "https:evil.example",
]


def _stays_here(response) -> bool:
    location = response["Location"]
    return (
        location.startswith("/")
        and not location.startswith(("//", "/\\"))
        and "evil.example" not in location
    )


@pytest.fixture
def views_with_next(operator):
    """(url, extra POST data) of every view that redirects to a posted ``next``."""
    source, target = OpportunityFactory(), OpportunityFactory()
    event = EventFactory()
    registration = RegistrationFactory(event=event, status="pending")
    return [
        (reverse("matching:introduce", args=[source.pk, target.pk]), {}),
        (reverse("matching:propose_meeting", args=[source.pk, target.pk]), {}),
        (
            reverse("events:registration_action", args=[event.slug, registration.pk, "approve"]),
            {},
        ),
        (reverse("outreach:notifications_read"), {}),
        (reverse("common:set_time_zone"), {"time_zone": "UTC"}),
        (reverse("set_language"), {"language": "es"}),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("target", EVIL)
def test_views_taking_next_refuse_other_sites(client, operator, views_with_next, target):
    client.force_login(operator)
    for url, data in views_with_next:
        response = client.post(url, {**data, "next": target})
        assert response.status_code == 302, url
        assert _stays_here(response), (url, response["Location"])


@pytest.mark.django_db
def test_views_taking_next_keep_a_local_target(client, operator, views_with_next):
    client.force_login(operator)
    for url, data in views_with_next:
        response = client.post(url, {**data, "next": "/events/?page=2"})
        assert response["Location"] == "/events/?page=2", url


@pytest.mark.django_db
@pytest.mark.parametrize("target", EVIL)
def test_log_in_and_log_out_refuse_other_sites(client, member, target):
    response = client.post(
        reverse("accounts:login"),
        {"username": member.email, "password": PASSWORD, "next": target},
    )
    assert response.status_code == 302 and _stays_here(response)
    response = client.post(reverse("accounts:logout"), {"next": target})
    assert response.status_code == 302 and _stays_here(response)


@pytest.mark.django_db
def test_log_in_keeps_a_local_next(client, member):
    response = client.post(
        reverse("accounts:login") + "?next=/events/",
        {"username": member.email, "password": PASSWORD, "next": "/events/"},
    )
    assert response["Location"] == "/events/"


def test_every_view_reading_next_checks_it():
    """A new view that redirects to ``next`` must use common.security.safe_next (or Django's
    url_has_allowed_host_and_scheme); this lists the modules that read ``next``."""
    unchecked = []
    for path in sorted(PACKAGE.glob("**/*.py")):
        text = path.read_text()
        if re.search(r"""\.get\(\s*["']next["']""", text) and not re.search(
            r"safe_next|url_has_allowed_host_and_scheme", text
        ):
            unchecked.append(str(path.relative_to(PACKAGE)))
    assert unchecked == []
