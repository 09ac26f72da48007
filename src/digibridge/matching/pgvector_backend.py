"""Dense candidates from PostgreSQL with pgvector (``DIGIBRIDGE_MATCHING_BACKEND=pgvector``).

Table and index names below are constants of this module, never input: the S608 notes say so.

What lives where:

* ``OpportunityVector`` (bytes) stays the source of truth for embeddings, on every database.
* ``matching_opportunityembedding`` is a derived copy as a ``vector(512)`` column, with one
  HNSW index (cosine distance) per kind — partial indexes, so a request searches offers only,
  as the engine's partitions do. It exists only on PostgreSQL with the ``vector`` extension;
  migration 0002 creates it when the backend is pgvector, and :func:`ensure_schema` does it
  later when the backend is switched on.
* ``matching_pgvectorstate`` holds one row: the last ``IndexEvent`` applied to the copy. Any
  process that sees the copy behind takes the row lock and applies the missing events, so the
  copy is written once per change however many app servers run, and the cheap check (one
  primary-key read) is all a search pays in the steady state.

Search: :class:`PgvectorSource` is the engine's ``DenseSource`` — the approximate nearest
counterparts by HNSW (with their cosine similarity), the similarity of the BM25/concept
candidates by primary key, and the stored vector of a query opportunity. The in-memory index
then keeps no embedding matrix (``index_store._new_index``); :func:`dense_candidates` and
:func:`exact_candidates` give ids only (recall checks, benchmarks).
"""

from __future__ import annotations

import logging

import numpy as np
from django.db import connection, transaction

from .adapter import vector_from_bytes
from .models import IndexEvent

logger = logging.getLogger(__name__)

TABLE = "matching_opportunityembedding"
STATE = "matching_pgvectorstate"
KINDS = ("offer", "request")
DIM = 512
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 64
# Candidates examined per query; at least the number asked for (pgvector returns no more rows
# than ef_search) and generous enough for recall@100 close to exact on a million rows.
MIN_EF_SEARCH = 200


def supported(using=None) -> bool:
    """PostgreSQL with the ``vector`` extension installed or installable."""
    conn = using or connection
    if conn.vendor != "postgresql":
        return False
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
        return cursor.fetchone() is not None


def schema_sql() -> list[str]:
    statements = [
        "CREATE EXTENSION IF NOT EXISTS vector",
        f"""CREATE TABLE IF NOT EXISTS {TABLE} (
            opportunity_id bigint PRIMARY KEY,
            kind varchar(10) NOT NULL,
            embedding vector({DIM}) NOT NULL
        )""",
        f"CREATE TABLE IF NOT EXISTS {STATE} (id integer PRIMARY KEY, last_event bigint NOT NULL)",
        f"INSERT INTO {STATE} (id, last_event) VALUES (1, 0) ON CONFLICT (id) DO NOTHING",  # noqa: S608
    ]
    return statements + index_sql()


def index_sql() -> list[str]:
    """One HNSW index per kind (partial), so each search walks its counterparts only."""
    return [
        f"CREATE INDEX IF NOT EXISTS {TABLE}_{kind}_hnsw ON {TABLE} "
        f"USING hnsw (embedding vector_cosine_ops) "
        f"WITH (m = {HNSW_M}, ef_construction = {HNSW_EF_CONSTRUCTION}) "
        f"WHERE kind = '{kind}'"
        for kind in KINDS
    ]


def bulk_load(cursor, batches, *, replace: bool = True) -> int:
    """Load many rows (``(id, kind, vector literal)`` batches) and rebuild the HNSW indexes.

    Building an HNSW index once over all rows is several times faster than inserting row by
    row into it, so a full load drops the indexes first. Readers of the table wait for the
    surrounding transaction (a rebuild is rare: ``match-reindex``, weights aside).
    """
    for kind in KINDS:
        cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_{kind}_hnsw")
    if replace:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
    loaded = 0
    for rows in batches:
        _upsert(cursor, rows)
        loaded += len(rows)
    for statement in index_sql():
        cursor.execute(statement)
    cursor.execute(f"ANALYZE {TABLE}")
    return loaded


def ensure_schema(using=None) -> bool:
    """Create the extension, table and HNSW indexes if missing; False when not supported."""
    conn = using or connection
    if not supported(conn):
        return False
    with conn.cursor() as cursor:
        for statement in schema_sql():
            cursor.execute(statement)
    return True


def _literal(vector: np.ndarray) -> str:
    """pgvector's text form ``[x,y,...]`` of a float32 vector.

    Nine significant digits give back the same float32 in PostgreSQL; plain ``%`` formatting
    of a list is about three times faster than numpy's string functions here.
    """
    values = np.asarray(vector, dtype=np.float32).tolist()
    return "[" + ",".join(["%.9g" % value for value in values]) + "]"  # noqa: UP031


def _upsert(cursor, rows) -> None:
    cursor.executemany(
        f"INSERT INTO {TABLE} (opportunity_id, kind, embedding) VALUES (%s, %s, %s::vector) "  # noqa: S608
        "ON CONFLICT (opportunity_id) DO UPDATE SET kind = EXCLUDED.kind, "
        "embedding = EXCLUDED.embedding",
        rows,
    )


def _vector_rows(opportunity_ids=None, batch: int = 2000):
    from digibridge.marketplace.models import Opportunity

    qs = Opportunity.objects.filter(vector__isnull=False).order_by("pk")
    if opportunity_ids is not None:
        qs = qs.filter(pk__in=list(opportunity_ids))
    chunk = []
    for pk, kind, data in qs.values_list("pk", "kind", "vector__vector").iterator(batch):
        chunk.append((pk, kind, _literal(vector_from_bytes(data))))
        if len(chunk) >= batch:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def applied_event() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_event FROM {STATE} WHERE id = 1")  # noqa: S608 - constant
        row = cursor.fetchone()
    return row[0] if row else 0


def sync(*, known_event: int | None = None) -> int:
    """Bring the vector copy up to date with the index log; returns events applied.

    ``known_event`` is the newest event the caller has seen: when the copy is already there,
    this costs one primary-key read and no lock.
    """
    if known_event is not None and applied_event() >= known_event:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT last_event FROM {STATE} WHERE id = 1 FOR UPDATE")  # noqa: S608
        last = cursor.fetchone()[0]
        events = list(
            IndexEvent.objects.filter(id__gt=last).values_list("id", "action", "opportunity_id")
        )
        if not events:
            return 0
        actions = {action for _id, action, _opp in events}
        if last == 0 or IndexEvent.Action.REBUILD in actions:
            bulk_load(cursor, _vector_rows())
        else:
            changed = {opp for _id, _action, opp in events if opp is not None}
            present = set()
            for rows in _vector_rows(changed):
                _upsert(cursor, rows)
                present.update(pk for pk, _kind, _vec in rows)
            gone = sorted(changed - present)
            if gone:
                cursor.execute(
                    f"DELETE FROM {TABLE} WHERE opportunity_id = ANY(%s)",  # noqa: S608
                    [gone],
                )
        cursor.execute(f"UPDATE {STATE} SET last_event = %s WHERE id = 1", [events[-1][0]])  # noqa: S608
    return len(events)


def dense_candidates(kind: str, query: np.ndarray, n: int) -> list[str]:
    """Ids of the ``n`` opportunities of ``kind`` nearest to ``query`` (cosine), by HNSW."""
    return [opp_id for opp_id, _similarity in nearest(kind, query, n)]


def nearest(kind: str, query: np.ndarray, n: int) -> list[tuple[str, float]]:
    """(id, cosine similarity) of the ``n`` opportunities of ``kind`` nearest to ``query``.

    Approximate: ``hnsw.ef_search`` is raised to at least ``n`` for this transaction so the
    index can return ``n`` rows at all.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    ef_search = min(max(MIN_EF_SEARCH, 2 * n), 1000)
    # Approximate search is the point: never let the planner pick a scan and sort instead.
    # The kind is a literal so the planner can use that kind's partial HNSW index.
    return _nearest(
        kind,
        query,
        n,
        {"hnsw.ef_search": str(int(ef_search)), "enable_seqscan": "off"},
    )


def similarities(kind: str, query: np.ndarray, ids) -> dict[str, float]:
    """Cosine similarity of ``query`` to the given opportunities of ``kind`` (by primary key)."""
    keys = [int(i) for i in ids]
    if not keys:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT opportunity_id, 1 - (embedding <=> %s::vector) FROM {TABLE} "  # noqa: S608
            "WHERE opportunity_id = ANY(%s) AND kind = %s",
            [_literal(query), keys, kind],
        )
        return {str(pk): float(sim) for pk, sim in cursor.fetchall()}


def stored_vector(opp_id: str) -> np.ndarray | None:
    """The vector of one opportunity from the copy (None when it has none)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT embedding::text FROM {TABLE} WHERE opportunity_id = %s",  # noqa: S608
            [int(opp_id)],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return np.array(row[0].strip("[]").split(","), dtype=np.float32)


class PgvectorSource:
    """The engine's ``DenseSource`` on the pgvector copy; ``calls`` counts nearest-searches."""

    def __init__(self) -> None:
        self.calls = 0

    def nearest(self, kind: str, query: np.ndarray, n: int) -> list[tuple[str, float]]:
        self.calls += 1
        return nearest(kind, query, n)

    def similarities(self, kind: str, query: np.ndarray, ids) -> dict[str, float]:
        return similarities(kind, query, ids)

    def vector(self, opp_id: str) -> np.ndarray | None:
        return stored_vector(opp_id)


def _nearest(
    kind: str, query: np.ndarray, n: int, planner: dict[str, str]
) -> list[tuple[str, float]]:
    """Nearest ids with planner settings applied for this one query only.

    ``set_config(..., true)`` lasts until the end of the transaction; when the caller is inside
    a larger transaction (a request, a test) the previous values are put back right after (on
    an error the savepoint's rollback undoes them).
    """

    def assign(cursor, values: dict[str, str]) -> None:
        cursor.execute(
            "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in values),
            [item for pair in values.items() for item in pair],
        )

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join("current_setting(%s, true)" for _ in planner), list(planner)
        )
        previous = {
            name: value
            for name, value in zip(planner, cursor.fetchone(), strict=True)
            if value is not None
        }
        assign(cursor, planner)
        literal = _literal(query)
        cursor.execute(
            f"SELECT opportunity_id, 1 - (embedding <=> %s::vector) FROM {TABLE} "  # noqa: S608
            f"WHERE kind = '{kind}' ORDER BY embedding <=> %s::vector LIMIT %s",
            [literal, literal, int(n)],
        )
        found = [(str(pk), float(sim)) for pk, sim in cursor.fetchall()]
        if previous:
            assign(cursor, previous)
        return found


def exact_candidates(kind: str, query: np.ndarray, n: int) -> list[str]:
    """The same as :func:`dense_candidates` by a full scan (for checking recall)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return [pk for pk, _sim in _nearest(kind, query, n, {"enable_indexscan": "off"})]


def health() -> dict:
    """Rows in the vector copy and how far it lags the index log (no locks taken)."""
    if connection.vendor != "postgresql":
        return {"status": "unavailable", "error": "pgvector needs PostgreSQL"}
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE}")  # noqa: S608
            rows = cursor.fetchone()[0]
            cursor.execute(f"SELECT last_event FROM {STATE} WHERE id = 1")  # noqa: S608
            applied = cursor.fetchone()[0]
    except Exception as exc:  # noqa: BLE001 - missing table or extension
        return {"status": "unavailable", "error": str(exc)[:200]}
    newest = IndexEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return {"status": "ok", "rows": rows, "behind_events": max(newest - applied, 0)}
