"""The engine's public dense-source hook: no embedding matrix in memory, same ranking.

Pure (no database): an exact in-memory source stands in for pgvector, so any difference from
the default index comes from the hook itself. ``pgvector_cases.py`` runs the same comparison
with the real pgvector source on the development set.
"""

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from digibridge.matching import engine
from digibridge.matching.engine.evaluation import load_corpus

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "benchmarks" / "data" / "matching_corpus.jsonl"
SECTORS = ROOT / "src" / "digibridge" / "directory" / "data" / "sectors.json"


class ExactSource:
    """Cosine similarity over vectors held by the source (what pgvector does, exactly)."""

    def __init__(self, ids, kinds, vectors):
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        self.rows = {kind: [] for kind in ("offer", "request")}
        self.vectors = {}
        for opp_id, kind, vec in zip(ids, kinds, unit, strict=True):
            self.rows[kind].append(opp_id)
            self.vectors[opp_id] = vec
        self.nearest_calls = 0
        self.similarity_ids = 0

    def nearest(self, kind, query, n):
        self.nearest_calls += 1
        ids = self.rows[kind]
        q = query / np.linalg.norm(query)
        sims = np.array([self.vectors[i] @ q for i in ids])
        return [(ids[i], float(sims[i])) for i in np.argsort(-sims, kind="stable")[:n]]

    def similarities(self, kind, query, ids):
        self.similarity_ids += len(ids)
        q = query / np.linalg.norm(query)
        return {i: float(self.vectors[i] @ q) for i in ids if i in self.rows[kind]}

    def vector(self, opp_id):
        return self.vectors.get(opp_id)


@pytest.fixture(scope="module")
def corpus():
    opps, _languages = load_corpus(CORPUS)
    opps = [dataclasses.replace(o, id=f"d{i}") for i, o in enumerate(opps)]
    embedder = engine.get_embedder()
    tree = engine.SectorTree.from_file(SECTORS)
    exact = engine.MatchIndex(embedder=embedder, sector_tree=tree)
    exact.build(opps)
    vectors = np.stack([exact._query_repr(o.id)[2] for o in opps])
    return opps, vectors, exact, embedder, tree


def test_index_with_a_dense_source_keeps_no_matrix_and_ranks_the_same(corpus):
    opps, vectors, exact, embedder, tree = corpus
    source = ExactSource([o.id for o in opps], [o.kind for o in opps], vectors)
    hooked = engine.MatchIndex(embedder=embedder, sector_tree=tree, dense_source=source)
    hooked.build(opps)  # no vectors given: the source has them
    for part in hooked._parts.values():
        assert part.emb.shape[0] == 0  # no dense matrix in memory
    assert sum(p.emb.shape[0] for p in exact._parts.values()) >= len(opps)

    same = 0
    for o in opps:
        want = exact.search(o.id, k=10)
        got = hooked.search(o.id, k=10)
        assert [m.opportunity_id for m in got] == [m.opportunity_id for m in want]
        for a, b in zip(got, want, strict=True):
            assert a.score == pytest.approx(b.score, abs=1e-5)
            assert a.features["dense"] == pytest.approx(b.features["dense"], abs=1e-5)
        same += 1
    assert same == len(opps)
    assert source.nearest_calls == len(opps)
    # BM25/concept candidates outside the dense top-N got their similarity from the source.
    assert source.similarity_ids > 0


def test_dense_source_index_follows_upserts_and_removals(corpus):
    opps, vectors, _exact, embedder, tree = corpus
    source = ExactSource([o.id for o in opps], [o.kind for o in opps], vectors)
    hooked = engine.MatchIndex(embedder=embedder, sector_tree=tree, dense_source=source)
    hooked.build(opps[:-1])
    last = opps[-1]
    hooked.upsert(last)  # no vector and no embedding: the source holds it
    assert last.id in hooked
    query = next(o for o in opps if o.kind != last.kind)
    assert hooked.search(query.id, k=5)
    assert hooked.remove(last.id)
    found = [m.opportunity_id for m in hooked.search(query.id, k=len(opps))]
    assert last.id not in found  # the source still returns it; the index drops unknown ids
    with pytest.raises(engine.EngineError, match="no vectors"):
        hooked.save("/tmp/never-written")  # noqa: S108 - refused before writing
