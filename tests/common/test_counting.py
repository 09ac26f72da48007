"""Cached listing totals (common/counting.py): exact after every kind of write, on real queries.

These tests commit for real (``transactional_db``): inside a test transaction counts are never
cached, by design, so the ordinary suite cannot see the cache at all.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from digibridge.common import counting
from digibridge.marketplace.models import Opportunity
from digibridge.marketplace.selectors import opportunity_search
from tests.directory.factories import OrganisationFactory
from tests.marketplace.factories import OpportunityFactory

pytestmark = pytest.mark.django_db(transaction=True)

API = "/api/v1/opportunities?limit=5"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def count_queries(captured) -> int:
    return sum(1 for q in captured.captured_queries if "COUNT(" in q["sql"].upper())


def api_total(client) -> tuple[int, int]:
    """The API's total and how many COUNT queries answering it took."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(API)
    assert response.status_code == 200
    return response.json()["count"], count_queries(captured)


def test_writes_are_recognised_in_the_sql_django_sends():
    org = OrganisationFactory()
    with CaptureQueriesContext(connection) as captured:
        opp = OpportunityFactory(owner=org)
        Opportunity.objects.filter(pk=opp.pk).update(title="Renamed")
        Opportunity.objects.bulk_create([Opportunity(owner=org, kind="offer", title="Bulk")])
        Opportunity.objects.filter(title="Bulk").delete()
    written = {counting.written_table(q["sql"]) for q in captured.captured_queries}
    assert "marketplace_opportunity" in written
    assert counting.written_table('SELECT * FROM "marketplace_opportunity"') is None
    sql = str(opportunity_search(user=None).query)
    assert {"marketplace_opportunity", "directory_organisation"} <= set(counting.tables_read(sql))


def test_repeated_listing_is_counted_once(client):
    OpportunityFactory.create_batch(3)
    assert api_total(client) == (3, 1)
    assert api_total(client) == (3, 0)  # from the cache


def test_every_kind_of_write_gives_a_fresh_exact_total(client):
    first = OpportunityFactory()
    assert api_total(client)[0] == 1

    OpportunityFactory(owner=first.owner)  # save()
    assert api_total(client) == (2, 1)

    Opportunity.objects.bulk_create(
        [
            Opportunity(owner=first.owner, kind="offer", title=f"Bulk {n}", status="published")
            for n in range(4)
        ]
    )
    assert api_total(client)[0] == 6

    Opportunity.objects.filter(title="Bulk 0").update(status="draft")  # queryset update
    assert api_total(client)[0] == 5

    Opportunity.objects.filter(title="Bulk 1").delete()
    assert api_total(client)[0] == 4


def test_a_change_in_a_joined_table_counts_too(client):
    hidden = OpportunityFactory()
    OpportunityFactory()
    assert api_total(client)[0] == 2
    # Opportunities of an organisation that is no longer approved leave the public listing.
    type(hidden.owner).objects.filter(pk=hidden.owner_id).update(status="pending")
    assert api_total(client) == (1, 1)


def test_a_committed_transaction_refreshes_and_a_rolled_back_one_changes_nothing(client):
    org = OrganisationFactory()
    OpportunityFactory(owner=org)
    assert api_total(client)[0] == 1

    with transaction.atomic():
        OpportunityFactory(owner=org)
        # Inside the transaction the count is exact and not taken from or put in the cache.
        assert counting.listing_count(opportunity_search(user=None)) == 2
    assert api_total(client) == (2, 1)

    with pytest.raises(RuntimeError), transaction.atomic():
        OpportunityFactory(owner=org)
        raise RuntimeError("abandon")
    assert api_total(client) == (2, 0)  # nothing changed, the cached total still holds


def test_html_listing_uses_the_same_cache(client):
    OpportunityFactory.create_batch(2)
    for expected_counts in (1, 0):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/opportunities/")
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == 2
        assert count_queries(captured) == expected_counts


@override_settings(DIGIBRIDGE_COUNT_CACHE_SECONDS=0)
def test_zero_seconds_turns_the_cache_off(client):
    OpportunityFactory()
    assert api_total(client) == (1, 1)
    assert api_total(client) == (1, 1)


def test_a_database_cache_counts_every_time_and_stays_exact(client):
    config = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "digibridge_count_test_cache",
        }
    }
    with override_settings(CACHES=config):
        call_command("createcachetable", verbosity=0)
        try:
            OpportunityFactory()
            assert api_total(client) == (1, 1)
            assert api_total(client) == (1, 1)  # counted again: no shortcut through the database
            OpportunityFactory()
            assert api_total(client) == (2, 1)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("DROP TABLE digibridge_count_test_cache")


def test_a_rolled_back_write_does_not_hide_the_next_ones(client):
    org = OrganisationFactory()
    assert api_total(client)[0] == 0
    with pytest.raises(RuntimeError), transaction.atomic():
        OpportunityFactory(owner=org)
        raise RuntimeError("abandon")
    with transaction.atomic():
        OpportunityFactory(owner=org)
    assert api_total(client) == (1, 1)

    # The same within one transaction: a savepoint that rolls back, then a write that commits.
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            OpportunityFactory(owner=org)
            raise RuntimeError("abandon the savepoint")
        Opportunity.objects.bulk_create([Opportunity(owner=org, kind="offer", title="Kept")])
        Opportunity.objects.filter(title="Kept").update(status="published")
    assert api_total(client) == (2, 1)


def test_an_unreachable_cache_costs_the_shortcut_not_the_page(client):
    config = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    with override_settings(CACHES=config):
        OpportunityFactory()  # the write's generation bump fails quietly
        assert api_total(client) == (1, 1)
        assert client.get("/opportunities/").status_code == 200


def test_remembered_values_last_until_their_table_changes():
    from digibridge.directory.forms import sector_choices
    from digibridge.directory.models import Sector

    first = sector_choices()
    with CaptureQueriesContext(connection) as captured:
        assert sector_choices() == first
    assert len(captured) == 0  # kept in the process
    Sector.objects.create(slug="quantum-sensing", label_en="Quantum sensing", position=99)
    with CaptureQueriesContext(connection) as captured:
        assert ("quantum-sensing", "Quantum sensing") in sector_choices()
    assert len(captured) == 1  # the write started a new generation: read once more
    Sector.objects.filter(slug="quantum-sensing").update(label_en="Quantum sensors")
    assert ("quantum-sensing", "Quantum sensors") in sector_choices()


def test_remembered_values_are_per_language_and_never_kept_in_a_transaction():
    from django.utils import translation

    from digibridge.directory.forms import sector_choices
    from digibridge.directory.models import Sector

    with translation.override("es"):
        spanish = dict(sector_choices())
    english = dict(sector_choices())
    slug = next(iter(english))
    sector = Sector.objects.get(slug=slug)
    assert english[slug].removeprefix("— ") == sector.label_en
    assert spanish[slug].removeprefix("— ") == (sector.label_es or sector.label_en)
    with transaction.atomic():
        Sector.objects.filter(slug=slug).update(label_en="Uncommitted")
        assert dict(sector_choices())[slug].removeprefix("— ") == "Uncommitted"
        transaction.set_rollback(True)
    assert dict(sector_choices())[slug] == english[slug]


@override_settings(DIGIBRIDGE_COUNT_CACHE_SECONDS=0)
def test_remembered_values_are_computed_each_time_when_turned_off():
    calls = []
    for _ in range(2):
        counting.remembered("test-off", ["directory_sector"], lambda: calls.append(1))
    assert len(calls) == 2


def test_directory_page_reads_the_reference_data_once_per_change(client):
    from django.urls import reverse

    OrganisationFactory()
    client.get(reverse("directory:list"))
    with CaptureQueriesContext(connection) as captured:
        body = client.get(reverse("directory:list")).content.decode()
    sql = [q["sql"] for q in captured.captured_queries]
    # Sectors are read only as the listed organisations' own (the prefetch through the m2m).
    assert not [q for q in sql if "directory_sector" in q and "organisation_sectors" not in q]
    assert not [q for q in sql if "directory_network" in q]
    assert 'name="sector"' in body and 'name="network"' in body


@pytest.mark.parametrize(
    ("env", "seconds"),
    [
        ({"DIGIBRIDGE_CACHE_URL": "redis://127.0.0.1:6379/9"}, 300),
        ({"DIGIBRIDGE_CACHE_URL": ""}, 30),
        (
            {
                "DIGIBRIDGE_CACHE_URL": "redis://127.0.0.1:6379/9",
                "DIGIBRIDGE_COUNT_CACHE_SECONDS": "5",
            },
            5,
        ),
    ],
)
def test_totals_are_kept_longer_where_every_process_sees_every_write(env, seconds, tmp_path):
    import os
    import subprocess
    import sys

    script = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'digibridge.config.settings';"
        "from django.conf import settings; print(settings.DIGIBRIDGE_COUNT_CACHE_SECONDS)"
    )
    full_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DIGIBRIDGE_")},
        "DIGIBRIDGE_VAR_DIR": str(tmp_path),
        **env,
    }
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script], env=full_env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.strip().splitlines()[-1]) == seconds
