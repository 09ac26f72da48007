"""The directory search's pg_trgm indexes (migration directory 0005, issue #9).

On PostgreSQL the migration adds GIN trigram indexes on the expressions Django compiles
``icontains`` to; the EXPLAIN tests run the SQL of the real ``organisation_search`` and fail
when the filter and the indexed expressions drift apart. On SQLite the migration does nothing
and search works the same.
"""

from importlib import import_module

import pytest
from django.core.management import call_command
from django.db import connection

from digibridge.directory import selectors
from tests import trigram_checks as trgm
from tests.directory.factories import OrganisationFactory

MIGRATION = import_module("digibridge.directory.migrations.0005_search_trigram_indexes")
INDEX_NAMES = set(MIGRATION.INDEXES)
postgresql_only = trgm.postgresql_only
TABLE = MIGRATION.TABLE


@pytest.fixture
def organisations(db):
    """A directory where each searched column holds a match for some term."""
    rows = [
        dict(name="Solar Energy Girona", description="Panels and inverters."),
        dict(name="Northwind", description="Battery ENERGY storage for factories."),
        dict(name="Almacén Central de Lleida", description="Frío industrial."),
        dict(name="Cold Chain Lleida", description="Gestión de un almacén frigorífico."),
        dict(name="Kowloon Parts", city="Logisticsville", description="Spare parts."),
        dict(
            name="Shenzhen Storage Devices",
            names={"zh-hans": "深圳储能设备有限公司", "ca": "Dispositius d'emmagatzematge"},
        ),
        dict(name="Hangzhou Robotics", names={"zh-hans": "杭州机器人"}),
        dict(name="Unrelated Bakery", description="Bread."),
    ]
    return [OrganisationFactory(**row) for row in rows]


def names_found(q: str, user=None) -> set[str]:
    return set(selectors.organisation_search(user=user, q=q).values_list("name", flat=True))


def count_sql(q: str, user=None) -> tuple[str, tuple]:
    """The SQL and parameters that ``organisation_search(...).count()`` executes."""
    return trgm.statement_of(lambda: selectors.organisation_search(user=user, q=q).count())


def trigram_indexes() -> dict[str, str]:
    return trgm.trigram_indexes(TABLE, INDEX_NAMES)


EXPECTED = {
    "energy": {"Solar Energy Girona", "Northwind"},
    "ENERGY": {"Solar Energy Girona", "Northwind"},
    "almacén": {"Almacén Central de Lleida", "Cold Chain Lleida"},
    "logistics": {"Kowloon Parts"},
    "储能": {"Shenzhen Storage Devices"},  # two characters: no trigram, a sequential scan
    "储能设备": {"Shenzhen Storage Devices"},
    "机器人": {"Hangzhou Robotics"},
    "emmagatzematge": {"Shenzhen Storage Devices"},
    "nothing like this": set(),
}


@pytest.mark.parametrize("q", list(EXPECTED))
def test_search_results_on_this_database(organisations, q):
    assert names_found(q) == EXPECTED[q]


@postgresql_only
def test_migration_created_the_trigram_indexes(db):
    trgm.assert_trigram_indexes_created(TABLE, MIGRATION.INDEXES)


@postgresql_only
def test_search_count_sql_can_use_every_trigram_index(organisations, operator):
    """With sequential and plain index scans off, the planner answers the OR of the four
    ``icontains`` with a BitmapOr of the four indexes. If the filter's SQL no longer matched
    the indexed expressions, it could only fall back on the (disabled) sequential scan.

    An operator sees every organisation, so the query has no status condition whose own
    index would win on a table of a few rows; the search condition is the same for all."""
    sql, params = count_sql("energy", operator)
    plan = trgm.explain(sql, params, enable_seqscan="off", enable_indexscan="off")
    assert "BitmapOr" in plan, plan
    for name in INDEX_NAMES:
        assert f"Bitmap Index Scan on {name}" in plan, plan


@postgresql_only
def test_two_character_term_keeps_a_plain_plan(organisations):
    """Two CJK characters give no trigram: an index scan would read the whole index, so the
    planner keeps the sequential scan (and the results are the same, tested above)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE directory_organisation")
    sql, params = count_sql("储能")
    plan = trgm.explain(sql, params)
    assert "_trgm" not in plan, plan


@postgresql_only
@pytest.mark.parametrize("q", list(EXPECTED))
def test_index_scans_find_what_the_sequential_scan_finds(organisations, operator, q):
    counts = trgm.counts_by_plan(*count_sql(q, operator))
    assert counts["sequential"] == counts["indexes"] == len(EXPECTED[q])


@postgresql_only
def test_migration_is_reversible(organisations):
    with connection.cursor() as cursor:
        # The test's inserts leave deferred foreign-key checks, which CREATE INDEX refuses.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("migrate", "directory", "0004_service_centres", verbosity=0)
    assert trigram_indexes() == {}
    assert names_found("energy") == EXPECTED["energy"]
    call_command("migrate", "directory", verbosity=0)
    assert set(trigram_indexes()) == INDEX_NAMES
    with connection.cursor() as cursor:  # the extension stays
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)


@postgresql_only
def test_without_pg_trgm_the_migration_warns_and_goes_on(organisations, caplog):
    """A role that may not create extensions, on a database without pg_trgm: the migration
    logs a warning, adds no index, and leaves the transaction usable."""
    trgm.run_without_pg_trgm(MIGRATION, "directory", caplog)
    assert trigram_indexes() == {}
    assert names_found("almacén") == EXPECTED["almacén"]


@pytest.mark.skipif("connection.vendor == 'postgresql'", reason="the SQLite case")
def test_migration_does_nothing_on_sqlite(organisations):
    trgm.assert_migration_does_nothing_on_sqlite(MIGRATION)
    assert names_found("储能") == EXPECTED["储能"]
