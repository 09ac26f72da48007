"""Access control by enumeration for operators of another service centre.

The world of ``tests/trust/test_access_control.py`` (one enterprise's private data, every text
marked ``ZQX``), with every organisation looked after by centre A. An operator of centre B
requests every GET route with every plausible parameter and must never see a marker; an
operator without a centre sees them (so the sweep reaches the data and the test could fail).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from digibridge.directory.models import Organisation
from tests.accounts.factories import UserFactory
from tests.centres.factories import ServiceCentreFactory
from tests.trust.test_access_control import _sweep, _urls, world  # noqa: F401 - the fixture


@pytest.fixture
def centre_world(db, request):
    base = request.getfixturevalue("world")
    centre_a = ServiceCentreFactory(name="Barcelona centre", slug="barcelona")
    centre_b = ServiceCentreFactory(name="Beijing service base", slug="beijing")
    Organisation.objects.update(centre=centre_a)
    return {
        **base,
        "other_centre": UserFactory(email="b-op@example.org", role="operator", centre=centre_b),
        "own_centre": UserFactory(email="a-op@example.org", role="operator", centre=centre_a),
        "unlimited": UserFactory(email="all-op@example.org", role="operator"),
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.slow
def test_operator_of_another_centre_sees_no_private_data(centre_world):
    urls = _urls(centre_world["values"])
    assert len(urls) > 250

    leaks = {
        url: sorted(set(re.findall(r"ZQX[\w -]{0,30}|zqx[\w@.-]{0,30}", text)))
        for url, text in _sweep(_client(centre_world["other_centre"]), urls).items()
    }
    assert leaks == {}

    # Operators of the data's centre, and those without a centre, do reach it.
    for role in ("own_centre", "unlimited"):
        shown = " ".join(_sweep(_client(centre_world[role]), urls).values())
        for text in ("ZQX private offer", "ZQX agreement", "ZQX service request", "ZQX response"):
            assert text in shown, f"{role} never sees {text!r}: the sweep misses it"
