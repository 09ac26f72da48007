"""The opportunity search's pg_trgm indexes (migration marketplace 0005, issue #9).

``opportunity_search`` matches the owner's name through a list of owner ids instead of the
join, so that the OR names the opportunity table's columns only and PostgreSQL can answer it
with a BitmapOr of the title and description trigram indexes and the owner_id index. The
results must be those of the join, on every database; the EXPLAIN tests run the SQL of the
real ``opportunity_search().count()`` and fail when the filter and the indexed expressions
drift apart. On SQLite the migration does nothing.
"""

from importlib import import_module

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Q

from digibridge.marketplace import selectors
from tests import trigram_checks as trgm
from tests.directory.factories import OrganisationFactory
from tests.marketplace.factories import OpportunityFactory

MIGRATION = import_module(
    "digibridge.marketplace.migrations.0005_opportunity_search_trigram_indexes"
)
INDEX_NAMES = set(MIGRATION.INDEXES)
postgresql_only = trgm.postgresql_only
TABLE = MIGRATION.TABLE
OWNER_INDEX = "marketplace_opportunity_owner_id_"  # Django's name for the foreign key's index


@pytest.fixture
def listings(db):
    """Listings where each term matches through the title, the description or only the
    owner's name; some matching ones are hidden from anonymous visitors."""
    solar = OrganisationFactory(name="Solar Energy Girona")
    northwind = OrganisationFactory(name="Northwind")
    almacen = OrganisationFactory(name="Almacén Central de Lleida")
    cold = OrganisationFactory(name="Cold Chain Lleida")
    kowloon = OrganisationFactory(name="Kowloon Parts", city="Logisticsville")
    shenzhen = OrganisationFactory(name="深圳储能设备有限公司")
    hangzhou = OrganisationFactory(name="杭州机器人")
    pending = OrganisationFactory(name="Pending Energy Logistics", status="pending")
    rows = [
        (solar, "Rooftop panels", "Inverters and mounting."),  # energy: owner only
        (solar, "Maintenance contracts", "Yearly checks."),  # energy: owner only
        (northwind, "Battery ENERGY storage", "For factories."),  # energy: title only
        (northwind, "Heat pumps", "Low-energy buildings."),  # energy: description only
        (almacen, "Forklift rental", "Pallets and racks."),  # almacén: owner only
        (cold, "Cold rooms", "Gestión de un almacén frigorífico."),  # almacén: description
        (kowloon, "Logistics platform", "Spare parts."),  # logistics: title; not city
        (kowloon, "Customs brokerage", "Cross-border LOGISTICS."),  # logistics: description
        (shenzhen, "Battery cabinets", "Containers."),  # 储能: owner only
        (hangzhou, "工商业储能系统", "储能设备与机器人。"),  # 储能: title and description
        (pending, "Grid energy logistics", "Hidden: the owner is not approved."),
    ]
    found = [
        OpportunityFactory(owner=owner, title=title, description=description)
        for owner, title, description in rows
    ]
    OpportunityFactory(owner=northwind, title="Draft energy logistics", status="draft")
    return found


EXPECTED = {
    "energy": {
        "Rooftop panels",
        "Maintenance contracts",
        "Battery ENERGY storage",
        "Heat pumps",
    },
    "ENERGY": {"Rooftop panels", "Maintenance contracts", "Battery ENERGY storage", "Heat pumps"},
    "almacén": {"Forklift rental", "Cold rooms"},
    "logistics": {"Logistics platform", "Customs brokerage"},
    "Lleida": {"Forklift rental", "Cold rooms"},  # owner only, two owners
    "储能": {"Battery cabinets", "工商业储能系统"},  # two characters: no trigram
    "储能设备": {"Battery cabinets", "工商业储能系统"},
    "机器人": {"工商业储能系统"},
    "Rooftop": {"Rooftop panels"},  # title only
    "nothing like this": set(),
}


def joined_search(user, q: str):
    """The filter before issue #9: the owner's name through the join."""
    return selectors.opportunity_search(user=user).filter(
        Q(title__icontains=q) | Q(description__icontains=q) | Q(owner__name__icontains=q)
    )


def titles(queryset) -> list[str]:
    return [opportunity.title for opportunity in queryset]


def count_sql(q: str, user=None) -> tuple[str, tuple]:
    """The SQL and parameters of ``opportunity_search(...).count()`` (the last statement: the
    owner ids are read before)."""
    search = selectors.opportunity_search(user=user, q=q)
    return trgm.statement_of(search.count)


def trigram_indexes() -> dict[str, str]:
    return trgm.trigram_indexes(TABLE, INDEX_NAMES)


@pytest.mark.parametrize("q", list(EXPECTED))
def test_search_results_on_this_database(listings, q):
    assert set(titles(selectors.opportunity_search(user=None, q=q))) == EXPECTED[q]


@pytest.mark.parametrize("q", [*EXPECTED, "e", "Cold", "Example", "a%", "_"])
def test_search_finds_what_the_join_found_in_the_same_order(listings, operator, member, q):
    for user in (None, operator, member):
        found = titles(selectors.opportunity_search(user=user, q=q))
        assert found == titles(joined_search(user, q)), user
    # The operator sees the draft and the pending owner's listing too.
    if q == "energy":
        assert len(titles(selectors.opportunity_search(user=operator, q=q))) == 6


def test_many_matching_owners_use_a_subquery_with_the_same_results(listings, monkeypatch):
    """Past OWNER_IDS_INLINE_MAX matching names the owners are matched by a subquery."""
    inline = selectors.opportunity_search(user=None, q="Lleida")
    monkeypatch.setattr(selectors, "OWNER_IDS_INLINE_MAX", 1)
    subquery = selectors.opportunity_search(user=None, q="Lleida")
    assert "(SELECT" not in str(inline.query)
    assert "(SELECT" in str(subquery.query)
    assert titles(subquery) == titles(inline) == titles(joined_search(None, "Lleida"))
    assert set(titles(subquery)) == EXPECTED["Lleida"]


@postgresql_only
def test_migration_created_the_trigram_indexes(db):
    trgm.assert_trigram_indexes_created(TABLE, MIGRATION.INDEXES)


@postgresql_only
def test_search_count_sql_can_use_the_trigram_indexes(listings, operator):
    """With sequential scans off, the planner answers the OR of the title, the description
    and the owner with a BitmapOr of the two trigram indexes and the owner_id index. If the
    filter's SQL no longer matched the indexed expressions (or named the joined owner's name
    again), it could only fall back on the (disabled) sequential scan.

    An operator sees every listing, so the query has no status or visibility condition whose
    own index would win on a table of a few rows (at 100,000 listings the anonymous visitor's
    query uses the BitmapOr too, see the commit adding marketplace 0005); plain index scans are
    off as one over the primary key would win too. The search condition is the same for all."""
    sql, params = count_sql("energy", operator)
    plan = trgm.explain(sql, params, enable_seqscan="off", enable_indexscan="off")
    assert "BitmapOr" in plan, plan
    for name in INDEX_NAMES:
        assert f"Bitmap Index Scan on {name}" in plan, plan
    assert f"Bitmap Index Scan on {OWNER_INDEX}" in plan, plan


@postgresql_only
def test_two_character_term_keeps_a_plain_plan(listings):
    """Two CJK characters give no trigram: an index scan would read the whole index, so the
    planner keeps the sequential scan (and the results are the same, tested above)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE marketplace_opportunity")
    sql, params = count_sql("储能")
    plan = trgm.explain(sql, params)
    assert "_trgm" not in plan, plan


@postgresql_only
@pytest.mark.parametrize("q", list(EXPECTED))
def test_index_scans_find_what_the_sequential_scan_finds(listings, operator, q):
    counts = trgm.counts_by_plan(*count_sql(q, operator))
    # The operator also sees the pending owner's and the draft listing.
    expected = len(titles(joined_search(operator, q)))
    assert counts["sequential"] == counts["indexes"] == expected >= len(EXPECTED[q])


@postgresql_only
def test_migration_is_reversible(listings):
    with connection.cursor() as cursor:
        # The test's inserts leave deferred foreign-key checks, which CREATE INDEX refuses.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("migrate", "marketplace", "0004_opportunity_newest_index", verbosity=0)
    assert trigram_indexes() == {}
    assert set(titles(selectors.opportunity_search(user=None, q="energy"))) == EXPECTED["energy"]
    call_command("migrate", "marketplace", verbosity=0)
    assert set(trigram_indexes()) == INDEX_NAMES
    with connection.cursor() as cursor:  # the extension stays
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)


@postgresql_only
def test_without_pg_trgm_the_migration_warns_and_goes_on(listings, caplog):
    """A role that may not create extensions, on a database without pg_trgm: the migration
    logs a warning, adds no index, and leaves the transaction usable."""
    trgm.run_without_pg_trgm(MIGRATION, "marketplace", caplog)
    assert trigram_indexes() == {}
    assert set(titles(selectors.opportunity_search(user=None, q="almacén"))) == EXPECTED["almacén"]


@pytest.mark.skipif("connection.vendor == 'postgresql'", reason="the SQLite case")
def test_migration_does_nothing_on_sqlite(listings):
    trgm.assert_migration_does_nothing_on_sqlite(MIGRATION)
    assert set(titles(selectors.opportunity_search(user=None, q="储能"))) == EXPECTED["储能"]
