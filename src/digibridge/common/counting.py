"""Listing totals that stay cheap at scale: an exact ``COUNT``, remembered until a table changes.

A listing page and an API list both show how many rows match ("80,214 opportunities"). At
100,000 opportunities that ``COUNT(*)`` costs more than the page itself (about 100 ms on
PostgreSQL: it has to visit every visible row), and it is the same number for everyone who asks
the same question until someone writes to one of the tables it reads.

:func:`listing_count` therefore keeps each count in the cache under a key made of the query's SQL,
its parameters and a *generation* number for every table the SQL names (subqueries included).
Every write that goes through Django — ``save``, ``delete``, ``bulk_create``, ``update``, raw SQL
on Django's connection — bumps the generation of the table it writes, found by a
connection-level execute wrapper (:func:`install`), so the next count is computed afresh:

- outside a transaction, right after the statement;
- inside one, when it commits (a rolled-back write changes nothing).

Counts are neither read from nor stored in the cache inside a transaction (the transaction may
see its own uncommitted rows), nor when the cache is the database (``db://``). With a shared
cache (``DIGIBRIDGE_CACHE_URL=redis://...``) every app server sees every bump at once. With the
default per-process memory cache, a write served by one worker process is seen by the others
after ``DIGIBRIDGE_COUNT_CACHE_SECONDS`` at most (default 30 s; 0 turns the cache off). Writes
made outside Django (``psql``) are seen after that time too.

:func:`remembered` uses the same generations for small reference data that every page reads and
hardly anyone writes (the sector taxonomy for the filter forms, the list of networks): it keeps
the computed value in the process until one of its tables changes, at the price of one cache
round trip for the generations.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections
from django.db.models import QuerySet

logger = logging.getLogger(__name__)
T = TypeVar("T")

GENERATION_PREFIX = "dgb-count-gen:"
COUNT_PREFIX = "dgb-count:"
_WRITE = re.compile(
    r"""^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+["`]?(\w+)""",
    re.IGNORECASE,
)
_IDENTIFIER = re.compile(r'"(\w+)"')


def ttl() -> int:
    return int(getattr(settings, "DIGIBRIDGE_COUNT_CACHE_SECONDS", 30))


def _shortcut_available() -> bool:
    """Counts are cached only in a cache that is not the database itself: a database cache
    would write to the connection in the middle of the statement being watched, and reading a
    count from a table is no cheaper than counting."""
    return not isinstance(caches["default"], DatabaseCache)


def written_table(sql: str) -> str | None:
    """The table an INSERT, UPDATE, DELETE or TRUNCATE statement writes; None for a read."""
    match = _WRITE.match(sql)
    return match.group(1) if match else None


def tables_read(sql: str, alias: str = "default") -> list[str]:
    """The project's tables a statement names, in a stable order (subqueries included)."""
    known = _known_tables(alias)
    return sorted({name for name in _IDENTIFIER.findall(sql) if name in known})


@functools.cache
def _known_tables(alias: str) -> frozenset[str]:
    """The tables of the project's models (their set does not change while a process runs)."""
    return frozenset(connections[alias].introspection.django_table_names())


def bump(*tables: str) -> None:
    """Start a new generation for ``tables``: counts that read them are computed afresh."""
    for table in tables:
        key = GENERATION_PREFIX + table
        try:
            if not cache.add(key, 1, timeout=None):
                cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=None)
        except Exception:  # noqa: BLE001 - a cache outage must not fail the write
            logger.warning("could not record a change of %s in the cache", table, exc_info=True)


def _after_write(connection, table: str) -> None:
    if table == "django_session" or not _shortcut_available():
        return
    if connection.in_atomic_block:
        # One bump per table when the transaction commits. Django replaces the list of commit
        # callbacks whenever a transaction or savepoint ends (a rollback drops ours), so what
        # is registered is remembered per list.
        callbacks, pending = connection.__dict__.get("_digibridge_count_pending", (None, set()))
        if callbacks is not connection.run_on_commit:
            pending = set()
            connection.__dict__["_digibridge_count_pending"] = (connection.run_on_commit, pending)
        if table not in pending:
            pending.add(table)
            connection.on_commit(lambda: bump(table))
    else:
        bump(table)


def _execute_wrapper(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    table = written_table(sql) if isinstance(sql, str) else None
    if table is not None:
        _after_write(context["connection"], table)
    return result


def install(sender=None, connection=None, **kwargs) -> None:
    """``connection_created`` receiver: watch the new connection's writes."""
    if connection is not None and _execute_wrapper not in connection.execute_wrappers:
        # First in the list: ``connection.execute_wrapper()`` blocks pop the last one on exit.
        connection.execute_wrappers.insert(0, _execute_wrapper)


def _may_keep(alias: str) -> bool:
    """Whether a value read through ``alias`` may be kept: the shortcut is on, the cache is not
    the database, and no transaction is open (it may see its own uncommitted rows)."""
    return ttl() > 0 and not connections[alias].in_atomic_block and _shortcut_available()


def _generations(tables: Sequence[str]) -> tuple | None:
    """The current generation of each table (None for one never written since the cache
    started), or None when the cache cannot be read."""
    keys = [GENERATION_PREFIX + table for table in tables]
    try:
        found = cache.get_many(keys)
    except Exception:  # noqa: BLE001 - no cache, no shortcut
        return None
    return tuple(found.get(key) for key in keys)


def listing_count(queryset: QuerySet) -> int:
    """``queryset.count()``, from the cache while none of the tables it reads has changed."""
    if not _may_keep(queryset.db):
        return queryset.count()
    try:
        sql, params = queryset.query.sql_with_params()
    except Exception:  # noqa: BLE001 - e.g. an empty result set (EmptyResultSet): let count() say
        return queryset.count()
    generations = _generations(tables_read(sql, queryset.db))
    if generations is None:
        return queryset.count()
    digest = hashlib.sha256(
        repr((queryset.db, sql, params, list(generations))).encode()
    ).hexdigest()
    key = COUNT_PREFIX + digest
    try:
        count = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage costs the shortcut, never the page
        return queryset.count()
    if count is None:
        count = queryset.count()
        try:
            cache.set(key, count, timeout=ttl())
        except Exception:  # noqa: BLE001
            logger.warning("could not keep a listing total in the cache", exc_info=True)
    return count


_remembered: dict[str, tuple[float, tuple, object]] = {}
_remembered_lock = threading.Lock()


def remembered(name: str, tables: Sequence[str], compute: Callable[[], T]) -> T:
    """``compute()``, kept in this process under ``name`` until a write to one of ``tables``
    (or ``DIGIBRIDGE_COUNT_CACHE_SECONDS``, for writes made outside Django or seen by other
    processes through a per-process cache).

    ``name`` must say everything the value depends on besides the tables (the language of
    translated labels, say). Computed afresh, and not kept, inside a transaction (it may see
    its own uncommitted rows), when the cache is the database, or when the cache is down.
    """
    stamp = _generations(tables) if _may_keep("default") else None
    if stamp is None:
        return compute()
    now = time.monotonic()
    entry = _remembered.get(name)
    if entry is not None and entry[1] == stamp and now - entry[0] < ttl():
        return entry[2]  # type: ignore[return-value]
    value = compute()
    with _remembered_lock:
        _remembered[name] = (now, stamp, value)
    return value


def forget_remembered() -> None:
    """Drop every remembered value of this process (tests; after restoring a database)."""
    with _remembered_lock:
        _remembered.clear()
