"""Property-based fuzzing of the REST API against its own OpenAPI schema (schemathesis).

Every operation gets generated requests, valid and invalid, as an authenticated enterprise
member holding some data: the server never answers 500, and what it answers (status codes,
bodies, content types) matches the schema it publishes. Bounded so that CI stays fast:
``DIGIBRIDGE_FUZZ_EXAMPLES`` (default 8) examples per operation.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from tests.marketplace.factories import OpportunityFactory

EXAMPLES = int(os.environ.get("DIGIBRIDGE_FUZZ_EXAMPLES", "8"))

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def bearer(member):
    """A member's API token; requests keep the test's database connection, as Django's test
    client does (the WSGI handler would otherwise close it after each request)."""
    from digibridge.accounts.services import api_token_create

    OpportunityFactory(owner=member.org, status="published")
    _, raw = api_token_create(user=member, name="fuzz")
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield {"Authorization": f"Bearer {raw}"}
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_never_fails_and_keeps_its_schema(case, bearer):
    case.call_and_validate(
        headers=bearer,
        checks=[
            checks.not_a_server_error,
            checks.response_schema_conformance,
            checks.content_type_conformance,
        ],
    )
