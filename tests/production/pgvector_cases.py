"""Matching on PostgreSQL with pgvector. Collected only when named on the command line.

``test_pgvector.py`` starts a private PostgreSQL with pgvector and runs this file (and the
matching integration tests) against it in a subprocess with
``DIGIBRIDGE_MATCHING_BACKEND=pgvector``. The rows inserted here never commit (each test runs
in a transaction that is rolled back); the vector copy has no foreign key (it is derived from
the index log), so the recall checks load synthetic ids straight into it.
"""

import dataclasses
import time
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings
from django.db import connection

from digibridge.matching import engine, pgvector_backend
from digibridge.matching.adapter import sector_tree
from digibridge.matching.engine.evaluation import load_corpus
from digibridge.matching.index_store import DatabaseDenseIndex, store
from digibridge.matching.selectors import matches_for

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "benchmarks" / "data" / "matching_corpus.jsonl"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        settings.DIGIBRIDGE_MATCHING_BACKEND != "pgvector"
        or settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="needs DIGIBRIDGE_MATCHING_BACKEND=pgvector on PostgreSQL",
    ),
]


def _insert(ids, kinds, vectors):
    rows = [
        (int(i), k, pgvector_backend._literal(v))
        for i, k, v in zip(ids, kinds, vectors, strict=True)
    ]
    with connection.cursor() as cursor:
        pgvector_backend.bulk_load(cursor, [rows])


def test_migration_created_the_vector_table_and_hnsw_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            [pgvector_backend.TABLE],
        )
        indexes = dict(cursor.fetchall())
    for kind in ("offer", "request"):
        definition = indexes[f"{pgvector_backend.TABLE}_{kind}_hnsw"]
        assert "hnsw" in definition and "vector_cosine_ops" in definition


@pytest.fixture
def forklift_pair(member, stranger, django_capture_on_commit_callbacks):
    """A Spanish request and a Chinese offer plus a distractor, published and indexed."""
    from digibridge.marketplace import services as market
    from tests.accounts.factories import UserFactory
    from tests.directory.factories import OrganisationFactory
    from tests.matching.test_integration import FORKLIFT_OFFER, FORKLIFT_REQUEST, UNRELATED_OFFER

    made = []
    with django_capture_on_commit_callbacks(execute=True):
        for user, owner, data, sector in (
            (stranger, stranger.org, FORKLIFT_REQUEST, "warehouse-automation"),
            (member, member.org, FORKLIFT_OFFER, "warehouse-automation"),
            (
                UserFactory(role="operator"),
                OrganisationFactory(country="CN"),
                UNRELATED_OFFER,
                "smart-tourism",
            ),
        ):
            made.append(
                market.opportunity_create(
                    owner=owner, by=user, data=data, sectors=[sector], publish=True
                )
            )
    return made


def test_matches_use_database_dense_candidates(forklift_pair, stranger):
    request_, offer, _distractor = forklift_pair
    found = matches_for(opportunity=request_, viewer=stranger)
    index = store.peek()
    assert isinstance(index, DatabaseDenseIndex)
    assert index.hook_calls >= 1
    assert found.matches[0].opportunity == offer
    health = pgvector_backend.health()
    assert health["status"] == "ok" and health["rows"] == 3 and health["behind_events"] == 0


def test_hnsw_top10_agrees_with_exact_scan_on_generated_vectors():
    """Clustered 512-dim vectors (like text embeddings: topics plus noise), 2,000 rows."""
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(40, 512))
    rows = centres[rng.integers(0, 40, 2000)] + 0.6 * rng.normal(size=(2000, 512))
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    ids = np.arange(1_000_001, 1_002_001)
    started = time.perf_counter()
    _insert(ids, ["offer"] * len(ids), rows.astype(np.float32))
    load_s = time.perf_counter() - started
    queries = centres[rng.integers(0, 40, 50)] + 0.6 * rng.normal(size=(50, 512))
    recalls, hnsw_ms, exact_ms = [], [], []
    for q in queries:
        t0 = time.perf_counter()
        approx = pgvector_backend.dense_candidates("offer", q, 10)
        t1 = time.perf_counter()
        exact = pgvector_backend.exact_candidates("offer", q, 10)
        t2 = time.perf_counter()
        hnsw_ms.append((t1 - t0) * 1000)
        exact_ms.append((t2 - t1) * 1000)
        # The exact scan must agree with numpy's cosine ranking too.
        scores = rows @ (q / np.linalg.norm(q))
        assert [str(ids[i]) for i in np.argsort(-scores)[:10]] == exact
        recalls.append(len(set(approx) & set(exact)) / 10)
    recall = float(np.mean(recalls))
    print(
        f"\npgvector 2,000 rows: load {load_s:.1f} s, recall@10 {recall:.3f}, "
        f"HNSW p50 {np.median(hnsw_ms):.1f} ms, exact p50 {np.median(exact_ms):.1f} ms"
    )
    assert recall >= 0.95


def test_fused_top10_with_pgvector_agrees_with_numpy_on_the_development_set():
    """The whole search (dense from HNSW ∪ BM25 ∪ concepts, then fusion) on the judged corpus
    ranks the same top 10 as the in-memory index: recall@10 ≥ 0.95 over all queries."""
    opps, _languages = load_corpus(CORPUS)
    opps = [dataclasses.replace(o, id=str(2_000_001 + i)) for i, o in enumerate(opps)]
    embedder = engine.get_embedder()
    exact = engine.MatchIndex(embedder=embedder, sector_tree=sector_tree())
    exact.build(opps)
    vectors = np.stack([exact._query_repr(o.id)[2] for o in opps])
    _insert([o.id for o in opps], [o.kind for o in opps], vectors)
    hooked = DatabaseDenseIndex(embedder=embedder, sector_tree=sector_tree())
    hooked.build(opps)  # no vectors: the pgvector copy has them
    assert all(part.emb.shape[0] == 0 for part in hooked._parts.values())
    recalls = []
    for o in opps:
        want = [m.opportunity_id for m in exact.search(o.id, k=10, explain=False)]
        got = [m.opportunity_id for m in hooked.search(o.id, k=10, explain=False)]
        if want:
            recalls.append(len(set(want) & set(got)) / len(want))
    recall = float(np.mean(recalls))
    print(f"\ndevelopment set: {len(opps)} opportunities, fused recall@10 {recall:.3f}")
    assert hooked.hook_calls == len(opps)
    assert recall >= 0.95
