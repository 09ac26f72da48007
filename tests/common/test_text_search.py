"""Search-box matching (common.trigram.text_search_q): the same rows, by the cheapest lookup."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digibridge.common.trigram import text_search_q
from digibridge.directory.models import Organisation
from digibridge.directory.selectors import organisation_search
from digibridge.marketplace.selectors import opportunity_search
from tests.directory.factories import OrganisationFactory
from tests.marketplace.factories import OpportunityFactory


def lookups(q) -> dict[str, str]:
    return dict(child[0].split("__") for child in q.children)


def test_short_caseless_terms_match_case_sensitively_the_rest_ignores_case():
    def search(term, *fields):
        return lookups(text_search_q(Organisation, term, *fields))

    assert search("储能", "name", "description", "city") == {
        "name": "contains",
        "description": "contains",
        "city": "contains",
    }
    assert search("储能", "names") == {"names": "icontains"}  # JSON: contains means containment
    assert search("5", "name") == {"name": "contains"}
    assert search("5G", "name") == {"name": "icontains"}  # has a letter case
    assert search("自动驾驶", "name") == {"name": "icontains"}  # the trigram index serves it
    assert search("energy", "name") == {"name": "icontains"}


@pytest.mark.django_db
def test_searches_find_the_same_rows_whichever_lookup_is_used():
    storage = OrganisationFactory(name="Example Storage", description="储能系统集成商")
    g5 = OrganisationFactory(name="Example Telecom", description="Private 5g networks")
    OrganisationFactory(name="Example Other", description="Logistics software")
    assert list(organisation_search(user=None, q="储能")) == [storage]
    assert list(organisation_search(user=None, q="5G")) == [g5]  # any case
    offer = OpportunityFactory(owner=storage, title="储能 pilot", description="Battery storage")
    assert list(opportunity_search(user=None, q="储能")) == [offer]
    telecom = OpportunityFactory(owner=g5, title="5G campus", description="Private networks")
    assert list(opportunity_search(user=None, q="5g")) == [telecom]
    assert list(opportunity_search(user=None, q="Storage")) == [offer]  # by its owner's name


@pytest.mark.django_db
def test_short_caseless_term_does_not_upper_case_every_value():
    OrganisationFactory(description="储能")
    with CaptureQueriesContext(connection) as captured:
        list(organisation_search(user=None, q="储能"))
    sql = " ".join(q["sql"] for q in captured.captured_queries).upper()
    where = sql.split("WHERE", 1)[1]
    assert "LIKE" in where
    assert '"DESCRIPTION")' not in where.replace('UPPER("DIRECTORY_ORGANISATION"."NAMES"', "")
    assert 'UPPER("DIRECTORY_ORGANISATION"."DESCRIPTION"' not in where
