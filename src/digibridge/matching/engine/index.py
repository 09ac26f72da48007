"""The match index: embeddings, BM25 postings and concept sets of all opportunities.

Opportunities live in two partitions, one per kind, so a request is only ever scored against
offers (and the reverse) and the dense product touches only the counterpart rows.

Search (:meth:`MatchIndex.search`):

1. Eligibility is applied as a vectorised mask first (status, deadline, visibility, owner;
   rules in :mod:`.rules`).
2. Candidates = dense top ``n_dense`` ∪ BM25 top ``n_lexical`` ∪ concept top ``n_concept``.
3. Every candidate gets the full feature vector (:mod:`.fusion`), the weighted score, and the
   best ``k`` get structured reasons. Ties are broken by opportunity id for stable output.

Dense source (the public hook for an external vector index): ``MatchIndex(dense_source=...)``
takes an object with the :class:`DenseSource` methods. Then the index keeps **no embedding
matrix** in memory: the dense top ``n_dense`` of step 2 comes from ``dense_source.nearest``, the
dense feature of the other candidates from ``dense_source.similarities`` (cosine, for those ids
only), and the vector of an indexed query from ``dense_source.vector``. BM25, concepts,
structured fields and the eligibility mask stay in memory. Without a source (the default)
everything is computed from the in-memory matrix, as before.

Persistence: :meth:`MatchIndex.save` writes ``<path>.npz`` (arrays) and ``<path>.json``
(ids, opportunities, vocabularies); no pickle is used anywhere.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .bm25 import BM25Index
from .embedding import DIM, Embedder, apertium_available, get_embedder
from .explain import similarity_level
from .fusion import Weights
from .lexicon import Lexicon, default_lexicon
from .rules import (
    RuleConfig,
    SectorTree,
    category_score,
    eligible,
    region_of,
)
from .text import MAX_TEXT_CHARS, detect_language, tokenize
from .types import KINDS, EngineError, Match, Opportunity, Reason

__all__ = ["DenseSource", "IndexedDoc", "MatchIndex", "SearchConfig"]

_FORMAT_VERSION = 1
_NO_DEADLINE = np.iinfo(np.int32).max
_NO_VECTOR = np.zeros(0, dtype=np.float32)
_VIS_CODES = {"public": 0, "network": 1, "private": 2}
_MAX_QUERY_TERMS = 24
_MAX_TERM_DF_SHARE = 0.25  # query terms in more documents than this are skipped
_REGION_CODES = {None: 0, "china": 1, "europe": 2}
_REGION_NAMES = {1: "china", 2: "europe"}


@dataclass(slots=True)
class SearchConfig:
    """Candidate pool sizes and feature options."""

    n_dense: int = 100
    n_lexical: int = 50
    n_concept: int = 50
    max_concept_reasons: int = 5
    max_sector_reasons: int = 3


class DenseSource(Protocol):
    """Where dense (embedding) similarities come from when the index keeps no matrix.

    Ids are opportunity ids; ``kind`` is the partition searched (``offer`` or ``request``);
    similarities are cosine similarities of unit vectors (1 = same direction).
    """

    def nearest(self, kind: str, query: np.ndarray, n: int) -> list[tuple[str, float]]:
        """Up to ``n`` (id, similarity) of ``kind`` nearest to ``query``, nearest first."""
        ...

    def similarities(self, kind: str, query: np.ndarray, ids: Sequence[str]) -> dict[str, float]:
        """Similarity of ``query`` to each of ``ids`` (ids without a vector may be left out)."""
        ...

    def vector(self, opp_id: str) -> np.ndarray | None:
        """The stored vector of an indexed opportunity, if any."""
        ...


@dataclass(slots=True)
class IndexedDoc:
    """What the index derives from one opportunity's text."""

    language: str | None
    tokens: list[str]  # emptied once indexed (the BM25 index keeps the term ids)
    concepts: dict[str, list[str]]  # concept id -> surface forms in this text


_FS, _RS, _US = "\x1d", "\x1e", "\x1f"  # field / record / unit separators


def _pack(doc: IndexedDoc) -> tuple[str | None, str]:
    """Compact stored form of an analysed doc: (language, one string of concepts+surfaces).

    One string per document instead of a dict of lists keeps 100k documents small.
    """
    blob = _RS.join(
        cid + _US + _FS.join(s.replace(_RS, " ").replace(_US, " ").replace(_FS, " ") for s in surf)
        for cid, surf in doc.concepts.items()
    )
    return doc.language, blob


def _unpack(stored: tuple[str | None, str] | None) -> IndexedDoc:
    if stored is None:
        return IndexedDoc(language=None, tokens=[], concepts={})
    lang, blob = stored
    concepts: dict[str, list[str]] = {}
    if blob:
        for rec in blob.split(_RS):
            cid, _, surf = rec.partition(_US)
            concepts[cid] = surf.split(_FS) if surf else []
    return IndexedDoc(language=lang, tokens=[], concepts=concepts)


@dataclass
class _Partition:
    kind: str
    ids: list[str | None] = field(default_factory=list)
    slot_of: dict[str, int] = field(default_factory=dict)
    opps: list[Opportunity | None] = field(default_factory=list)
    docs: list[tuple[str | None, str] | None] = field(default_factory=list)  # see _pack
    emb: np.ndarray = field(default_factory=lambda: np.zeros((0, DIM), dtype=np.float32))
    keep_vectors: bool = True  # False when a DenseSource answers dense queries
    alive: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    open_: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    deadline: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    vis: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))
    owner: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    # structured fields as codes, for vectorised scoring (vocabularies live in MatchIndex)
    country: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int16))
    region: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))
    category: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int16))
    has_markets: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    sect: np.ndarray = field(default_factory=lambda: np.zeros((0, 64), dtype=np.uint8))
    mkts: np.ndarray = field(default_factory=lambda: np.zeros((0, 64), dtype=np.uint8))
    free: list[int] = field(default_factory=list)
    bm25: BM25Index = field(default_factory=BM25Index)
    cidx: BM25Index = field(default_factory=lambda: BM25Index(k1=0.5, b=0.0))
    networks: dict[str, set[int]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.ids)

    def reserve(self, need: int) -> None:
        """Make room for ``need`` slots exactly (no doubling)."""
        if need > self.alive.shape[0]:
            self._grow(need, exact=True)

    def _grow(self, need: int, exact: bool = False) -> None:
        cap = self.alive.shape[0]
        if need <= cap:
            return
        new = need if exact else max(need, 2 * cap, 256)

        def grow(a: np.ndarray, fill: Any = 0) -> np.ndarray:
            shape = (new,) + a.shape[1:]
            b = np.full(shape, fill, dtype=a.dtype)
            b[: a.shape[0]] = a
            return b

        if self.keep_vectors:
            self.emb = grow(self.emb)
        self.alive = grow(self.alive, False)
        self.open_ = grow(self.open_, False)
        self.deadline = grow(self.deadline, _NO_DEADLINE)
        self.vis = grow(self.vis, 0)
        self.owner = grow(self.owner, -1)
        self.country = grow(self.country, -1)
        self.region = grow(self.region, 0)
        self.category = grow(self.category, -1)
        self.has_markets = grow(self.has_markets, False)
        self.sect = grow(self.sect, 0)
        self.mkts = grow(self.mkts, 0)

    def ensure_columns(self, n_sectors: int, n_countries: int) -> None:
        """Widen the sector / market code matrices when vocabularies grow."""
        if n_sectors > self.sect.shape[1]:
            wide = np.zeros((self.sect.shape[0], max(n_sectors, 2 * self.sect.shape[1])), np.uint8)
            wide[:, : self.sect.shape[1]] = self.sect
            self.sect = wide
        if n_countries > self.mkts.shape[1]:
            wide = np.zeros(
                (self.mkts.shape[0], max(n_countries, 2 * self.mkts.shape[1])), np.uint8
            )
            wide[:, : self.mkts.shape[1]] = self.mkts
            self.mkts = wide

    def allocate(self, opp_id: str) -> int:
        slot = self.slot_of.get(opp_id)
        if slot is not None:
            return slot
        if self.free:
            slot = self.free.pop()
            self.ids[slot] = opp_id
        else:
            slot = len(self.ids)
            self.ids.append(opp_id)
            self.opps.append(None)
            self.docs.append(None)
            self._grow(slot + 1)
        self.slot_of[opp_id] = slot
        return slot

    def release(self, opp_id: str) -> bool:
        slot = self.slot_of.pop(opp_id, None)
        if slot is None:
            return False
        old = self.opps[slot]
        if old is not None:
            for net in old.networks:
                self.networks.get(net, set()).discard(slot)
        self.ids[slot] = None
        self.opps[slot] = None
        self.docs[slot] = None
        self.alive[slot] = False
        self.sect[slot] = 0
        self.mkts[slot] = 0
        if self.keep_vectors:
            self.emb[slot] = 0.0
        self.bm25.remove(slot)
        self.cidx.remove(slot)
        self.free.append(slot)
        return True


class MatchIndex:
    """In-memory index of opportunities for cross-lingual matchmaking (thread-safe writes)."""

    def __init__(
        self,
        embedder: Embedder | None = None,
        lexicon: Lexicon | None = None,
        sector_tree: SectorTree | None = None,
        weights: Weights | None = None,
        rules: RuleConfig | None = None,
        search_config: SearchConfig | None = None,
        dense_source: DenseSource | None = None,
    ) -> None:
        self.embedder = embedder or get_embedder()
        self.dense_source = dense_source
        self.lexicon = lexicon or default_lexicon()
        self.sector_tree = sector_tree or SectorTree()
        self.weights = weights or Weights()
        self.rules = rules or RuleConfig()
        self.search_config = search_config or SearchConfig()
        self._parts = {k: _Partition(kind=k, keep_vectors=dense_source is None) for k in KINDS}
        self._owners: dict[str, int] = {}
        self._sector_ids: dict[str, int] = {}
        self._country_ids: dict[str, int] = {}
        self._category_ids: dict[str, int] = {}
        self._lock = threading.RLock()

    # -- status --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return sum(len(p.slot_of) for p in self._parts.values())

    def __contains__(self, opp_id: object) -> bool:
        return any(opp_id in p.slot_of for p in self._parts.values())

    def status(self) -> dict[str, Any]:
        """Health flags for the caller: model state, Catalan pivot state, size."""
        pivot = self.embedder.pivot_status
        if not apertium_available():
            pivot = "unavailable"
        return {
            "embedding": self.embedder.status,
            "embedding_error": self.embedder.error,
            "catalan_pivot": pivot,
            "documents": len(self),
            "offers": len(self._parts["offer"].slot_of),
            "requests": len(self._parts["request"].slot_of),
        }

    def get(self, opp_id: str) -> Opportunity | None:
        for p in self._parts.values():
            slot = p.slot_of.get(opp_id)
            if slot is not None:
                return p.opps[slot]
        return None

    # -- analysis ------------------------------------------------------------------------------
    def analyse(self, opp: Opportunity) -> IndexedDoc:
        """Language, tokens and concepts of an opportunity's text."""
        text = opp.text[:MAX_TEXT_CHARS]
        lang = opp.language or detect_language(text)
        concepts: dict[str, list[str]] = {}
        for hit in self.lexicon.find(text):
            surfaces = concepts.setdefault(hit.concept_id, [])
            if hit.surface not in surfaces and len(surfaces) < 3:
                surfaces.append(hit.surface)
        return IndexedDoc(language=lang, tokens=tokenize(text), concepts=concepts)

    def embed(self, opps: Sequence[Opportunity], docs: Sequence[IndexedDoc]) -> np.ndarray:
        """Embeddings of opportunities (Catalan pivoted). Raises EngineError without a model."""
        return self.embedder.encode_with_pivot([o.text for o in opps], [d.language for d in docs])

    # -- writes --------------------------------------------------------------------------------
    def _owner_code(self, owner: str | None) -> int:
        if owner is None:
            return -1
        code = self._owners.get(owner)
        if code is None:
            code = len(self._owners)
            self._owners[owner] = code
        return code

    @staticmethod
    def _code(vocab: dict[str, int], value: str | None) -> int:
        if not value:
            return -1
        code = vocab.get(value)
        if code is None:
            code = len(vocab)
            vocab[value] = code
        return code

    def _fill(
        self,
        part: _Partition,
        slot: int,
        opp: Opportunity,
        packed: tuple[str | None, str],
        vec: np.ndarray,
    ) -> None:
        """Write everything but the BM25/concept postings of one slot."""
        part.opps[slot] = opp
        part.docs[slot] = packed
        if part.keep_vectors:
            norm = float(np.linalg.norm(vec))
            part.emb[slot] = vec / norm if norm > 0 else 0.0
        part.alive[slot] = True
        part.open_[slot] = opp.status == "open"
        part.deadline[slot] = opp.deadline.toordinal() if opp.deadline else _NO_DEADLINE
        part.vis[slot] = _VIS_CODES.get(opp.visibility, 2)
        part.owner[slot] = self._owner_code(opp.owner_id)
        for net in opp.networks:
            part.networks.setdefault(net, set()).add(slot)
        country = (opp.country or "").upper() or None
        part.country[slot] = self._code(self._country_ids, country)
        part.region[slot] = _REGION_CODES[region_of(country)]
        part.category[slot] = self._code(self._category_ids, opp.category)
        sector_codes = [self._code(self._sector_ids, s) for s in opp.sectors if s]
        market_codes = [self._code(self._country_ids, m.upper()) for m in opp.target_markets if m]
        for p in self._parts.values():
            p.ensure_columns(len(self._sector_ids), len(self._country_ids))
        part.sect[slot] = 0
        part.sect[slot, sector_codes] = 1
        part.mkts[slot] = 0
        part.mkts[slot, market_codes] = 1
        part.has_markets[slot] = bool(market_codes)

    def _put(self, opp: Opportunity, doc: IndexedDoc, vec: np.ndarray) -> None:
        if opp.kind not in self._parts:
            raise ValueError(f"unknown kind {opp.kind!r} (expected offer or request)")
        for kind, p in self._parts.items():
            if kind != opp.kind:
                p.release(opp.id)
        part = self._parts[opp.kind]
        if opp.id in part.slot_of:
            part.release(opp.id)
        slot = part.allocate(opp.id)
        self._fill(part, slot, opp, _pack(doc), vec)
        part.bm25.add(slot, doc.tokens)
        part.cidx.add(slot, list(doc.concepts))

    def upsert(self, opp: Opportunity, vector: np.ndarray | None = None) -> None:
        """Add or replace one opportunity (embedding computed unless ``vector`` is given)."""
        doc = self.analyse(opp)
        if vector is not None:
            vec = np.asarray(vector, dtype=np.float32)
        elif self.dense_source is not None:
            vec = _NO_VECTOR  # the source holds the vectors; nothing to keep here
        else:
            vec = np.asarray(self.embed([opp], [doc])[0], dtype=np.float32)
        with self._lock:
            self._put(opp, doc, vec)

    def remove(self, opp_id: str) -> bool:
        """Forget an opportunity; True if it was indexed."""
        with self._lock:
            return any(p.release(opp_id) for p in self._parts.values())

    def build(
        self,
        opportunities: Iterable[Opportunity],
        progress: Callable[[int, int], None] | None = None,
        vectors: np.ndarray | None = None,
        batch_size: int = 256,
    ) -> None:
        """Add many opportunities, embedding in batches; ``progress(done, total)`` per batch."""
        opps = list(opportunities)
        total = len(opps)
        with self._lock:  # size the arrays once instead of doubling (peak memory)
            for kind, part in self._parts.items():
                extra = sum(1 for o in opps if o.kind == kind and o.id not in part.slot_of)
                part.reserve(part.size + extra - len(part.free))
        for start in range(0, total, batch_size):
            chunk = opps[start : start + batch_size]
            docs = [self.analyse(o) for o in chunk]
            if vectors is not None:
                vecs = vectors[start : start + len(chunk)]
            elif self.dense_source is not None:
                vecs = np.zeros((len(chunk), 0), dtype=np.float32)  # the source has them
            else:
                vecs = self.embed(chunk, docs)
            with self._lock:
                for o, d, v in zip(chunk, docs, vecs, strict=True):
                    self._put(o, d, np.asarray(v, dtype=np.float32))
            if progress is not None:
                progress(min(start + len(chunk), total), total)
        self.compact()

    def compact(self) -> None:
        """Merge recent postings into the compiled BM25 matrices (done by ``build``/``load``)."""
        with self._lock:
            for p in self._parts.values():
                p.bm25.compact()
                p.cidx.compact()

    # -- search --------------------------------------------------------------------------------
    def _query_repr(self, query: Opportunity | str) -> tuple[Opportunity, IndexedDoc, np.ndarray]:
        if isinstance(query, str):
            for p in self._parts.values():
                slot = p.slot_of.get(query)
                if slot is not None:
                    opp = p.opps[slot]
                    if opp is None:  # pragma: no cover - slot_of only holds live slots
                        raise KeyError(query)
                    doc = self._indexed_doc(p, slot)
                    return opp, doc, self._stored_vector(p, slot, opp, doc)
            raise KeyError(f"unknown opportunity id {query!r}")
        for p in self._parts.values():
            slot = p.slot_of.get(query.id)
            if slot is not None and p.opps[slot] == query:
                doc = self._indexed_doc(p, slot)
                return query, doc, self._stored_vector(p, slot, query, doc)
        doc = self.analyse(query)
        return query, doc, self.embed([query], [doc])[0]

    def _stored_vector(
        self, part: _Partition, slot: int, opp: Opportunity, doc: IndexedDoc
    ) -> np.ndarray:
        """An indexed opportunity's vector: the matrix row, else the dense source's (else the
        text embedded now, if the source has none)."""
        if part.keep_vectors:
            return part.emb[slot].copy()
        vec = self._source().vector(opp.id)
        if vec is None:
            return self.embed([opp], [doc])[0]
        return np.asarray(vec, dtype=np.float32)

    @staticmethod
    def _indexed_doc(part: _Partition, slot: int) -> IndexedDoc:
        doc = _unpack(part.docs[slot])
        tokens: list[str] = []
        entry = part.bm25.doc_terms.get(slot)
        if entry is not None:
            for tid, tf in zip(entry[0].tolist(), entry[1].tolist(), strict=True):
                tokens.extend([part.bm25.terms[tid]] * tf)
        return IndexedDoc(language=doc.language, tokens=tokens, concepts=doc.concepts)

    def _mask(
        self, part: _Partition, query: Opportunity, viewer_networks: Iterable[str] | None
    ) -> np.ndarray:
        n = part.size
        today = self.rules.current_date().toordinal()
        mask = part.alive[:n].copy()
        if self.rules.require_open_status:
            mask &= part.open_[:n]
        mask &= part.deadline[:n] >= today
        vis = part.vis[:n]
        visible = vis == 0
        nets = set(viewer_networks if viewer_networks is not None else query.networks)
        if nets:
            shared = np.zeros(n, dtype=bool)
            for net in nets:
                slots = part.networks.get(net)
                if slots:
                    shared[np.fromiter(slots, dtype=np.int64, count=len(slots))] = True
            visible |= (vis == 1) & shared
        mask &= visible
        if query.owner_id is not None and query.owner_id in self._owners:
            mask &= part.owner[:n] != self._owners[query.owner_id]
        qslot = part.slot_of.get(query.id)
        if qslot is not None:
            mask[qslot] = False
        return mask

    @staticmethod
    def _top(scores: np.ndarray, mask: np.ndarray, n: int, positive: bool) -> np.ndarray:
        valid = mask & (scores > 0) if positive else mask
        idx = np.flatnonzero(valid)
        if len(idx) <= n:
            return idx
        sub = scores[idx]
        part = np.argpartition(-sub, n - 1)[:n]
        return idx[part]

    def search(
        self,
        query: Opportunity | str,
        k: int = 10,
        viewer_networks: Iterable[str] | None = None,
        weights: Weights | None = None,
        explain: bool = True,
    ) -> list[Match]:
        """Top ``k`` counterpart opportunities for ``query`` (an Opportunity or an indexed id).

        ``viewer_networks`` defaults to the query's ``networks`` (networks of its owner).
        Raises ``KeyError`` for an unknown id and ``EngineError`` if a new query cannot be
        embedded.
        """
        w = weights or self.weights
        cfg = self.search_config
        q, qdoc, qvec = self._query_repr(query)
        if q.kind not in self._parts:
            raise ValueError(f"unknown kind {q.kind!r}")
        target = "offer" if q.kind == "request" else "request"
        with self._lock:
            part = self._parts[target]
            n = part.size
            if n == 0 or k <= 0:
                return []
            mask = self._mask(part, q, viewer_networks)
            if not mask.any():
                return []
            if part.keep_vectors:
                dense = part.emb[:n] @ qvec.astype(np.float32)
                dense_top = self._top(dense, mask, cfg.n_dense, positive=False)
            else:
                dense, dense_top = self._dense_from_source(part, target, qvec, mask)
            qtokens = self._prune_query_terms(part.bm25, qdoc.tokens)
            lex = part.bm25.score_all(qtokens, n)
            qconcepts = list(qdoc.concepts)
            cidf = {c: self._concept_idf(part, c) for c in qconcepts}
            cidf_total = sum(cidf.values())
            con = (
                part.cidx.presence({c: v / cidf_total for c, v in cidf.items()}, n)
                if cidf_total > 0
                else np.zeros(n, np.float32)
            )
            cand = np.union1d(
                np.union1d(dense_top, self._top(lex, mask, cfg.n_lexical, positive=True)),
                self._top(con, mask, cfg.n_concept, positive=True),
            )
            if len(cand) == 0:
                return []
            if not part.keep_vectors:
                self._fill_dense(part, target, qvec, cand, dense)
            feats = self._feature_matrix(q, part, cand, dense, lex, con)
            scores = np.full(len(cand), w.bias, dtype=np.float64)
            for name, col in feats.items():
                scores += getattr(w, name) * col
            # Stable order: score, then opportunity id (checked on a few more than k).
            pre = np.argsort(-scores, kind="stable")[: k + 20]
            ranked = sorted(pre.tolist(), key=lambda i: (-scores[i], part.ids[cand[i]] or ""))
            qterm_ids = np.unique(
                np.fromiter(
                    (part.bm25.vocab[t] for t in qdoc.tokens if t in part.bm25.vocab),
                    dtype=np.int32,
                )
            )
            out: list[Match] = []
            for i in ranked:
                slot = int(cand[i])
                opp = part.opps[slot]
                if opp is None or not eligible(q, opp, self.rules, viewer_networks):
                    continue
                f = {name: float(col[i]) for name, col in feats.items()}
                doc = _unpack(part.docs[slot])
                reasons = (
                    self._reasons(q, qdoc, opp, doc, f, cidf, part, qterm_ids) if explain else []
                )
                out.append(Match(opp.id, float(scores[i]), f, reasons, len(out) + 1))
                if len(out) >= k:
                    break
            return out

    def _source(self) -> DenseSource:
        if self.dense_source is None:  # pragma: no cover - only called with a source
            raise EngineError("no dense source configured")
        return self.dense_source

    def _dense_from_source(
        self, part: _Partition, target: str, qvec: np.ndarray, mask: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Dense top candidates from the source: (sparse similarity array, eligible slots).

        The array holds the similarities the source returned and NaN elsewhere; the source's
        ids that are not (or no longer) indexed here are ignored, and the eligibility mask
        applies as for the in-memory search.
        """
        dense = np.full(part.size, np.nan, dtype=np.float32)
        found = self._source().nearest(target, qvec, self.search_config.n_dense)
        slots = []
        for opp_id, similarity in found:
            slot = part.slot_of.get(opp_id)
            if slot is not None:
                dense[slot] = similarity
                slots.append(slot)
        top = np.array(sorted(set(slots)), dtype=np.int64)
        return dense, top[mask[top]] if len(top) else top

    def _fill_dense(
        self, part: _Partition, target: str, qvec: np.ndarray, cand: np.ndarray, dense: np.ndarray
    ) -> None:
        """Ask the source for the similarities of lexical/concept candidates it did not give."""
        missing = [int(s) for s in cand if np.isnan(dense[s])]
        if missing:
            ids = [part.ids[s] for s in missing]
            known = self._source().similarities(target, qvec, [i for i in ids if i])
            for slot, opp_id in zip(missing, ids, strict=True):
                dense[slot] = known.get(opp_id or "", 0.0)

    def _feature_matrix(
        self,
        q: Opportunity,
        part: _Partition,
        cand: np.ndarray,
        dense: np.ndarray,
        lex: np.ndarray,
        con: np.ndarray,
    ) -> dict[str, np.ndarray]:
        """All fusion features of the candidate slots ``cand``, vectorised (see fusion.py)."""
        m = len(cand)
        lex_c = lex[cand].astype(np.float64)
        lex_max = float(lex_c.max()) if m else 0.0
        # sector: best relation weight between the query's sectors and each candidate's
        qsect = np.zeros(part.sect.shape[1], dtype=np.float32)
        if q.sectors:
            for slug, code in self._sector_ids.items():
                qsect[code] = self.sector_tree.score(q.sectors, [slug])[0]
        sector = (part.sect[cand] * qsect).max(axis=1) if m else np.zeros(0)
        # category
        cat_codes = part.category[cand]
        table = np.full(max(len(self._category_ids), 1), 0.5)
        for name, code in self._category_ids.items():
            table[code] = category_score(q.category, name)
        category = np.where(cat_codes < 0, category_score(q.category, None), table[cat_codes])
        # market: is the request's country among the offer's target markets
        market = np.full(m, 0.5)
        if q.kind == "request":
            col = self._country_ids.get((q.country or "").upper()) if q.country else None
            if q.country:
                has = part.has_markets[cand]
                hit = part.mkts[cand, col] > 0 if col is not None else np.zeros(m, dtype=bool)
                market = np.where(has, np.where(hit, 1.0, 0.0), 0.5)
        elif q.target_markets:
            codes = [self._country_ids.get(x.upper(), -2) for x in q.target_markets]
            cc = part.country[cand]
            market = np.where(cc < 0, 0.5, np.where(np.isin(cc, codes), 1.0, 0.0))
        # cross-border
        qregion = region_of(q.country)
        cb_table = np.zeros(3)
        for code, name in _REGION_NAMES.items():
            if qregion and name != qregion:
                pair = {qregion, name}
                cb_table[code] = float(
                    any(pair == {x, y} for x, y in self.rules.cross_border_pairs)
                )
        cross = cb_table[part.region[cand]]
        return {
            "dense": np.maximum(dense[cand].astype(np.float64), 0.0),
            "bm25": lex_c / lex_max if lex_max > 0 else np.zeros(m),
            "concept": con[cand].astype(np.float64),
            "sector": sector.astype(np.float64),
            "category": category.astype(np.float64),
            "market": market.astype(np.float64),
            "cross_border": cross,
        }

    @staticmethod
    def _prune_query_terms(bm25: BM25Index, tokens: list[str]) -> list[str]:
        """Keep the query's most informative terms (long texts make slow, noisy queries).

        Terms found in more than a quarter of the documents are dropped (when the index has at
        least 100 documents), then at most the 24 rarest remain.
        """
        vocab = bm25.vocab
        limit = _MAX_TERM_DF_SHARE * bm25.n_docs if bm25.n_docs >= 100 else float("inf")
        uniq = [t for t in dict.fromkeys(tokens) if t in vocab and bm25.df[vocab[t]] <= limit]
        if len(uniq) <= _MAX_QUERY_TERMS:
            keep_all = set(uniq)
            return [t for t in tokens if t in keep_all]
        ranked = sorted(uniq, key=lambda t: -bm25.idf(bm25.vocab[t]))[:_MAX_QUERY_TERMS]
        keep = set(ranked)
        return [t for t in tokens if t in keep]

    @staticmethod
    def _concept_idf(part: _Partition, concept: str) -> float:
        tid = part.cidx.vocab.get(concept)
        n = max(part.cidx.n_docs, 1)
        df = part.cidx.df[tid] if tid is not None else 0
        return math.log(1.0 + (n + 1.0) / (df + 1.0))

    def _reasons(
        self,
        q: Opportunity,
        qdoc: IndexedDoc,
        c: Opportunity,
        cdoc: IndexedDoc,
        feats: dict[str, float],
        cidf: dict[str, float],
        part: _Partition,
        qterm_ids: np.ndarray | None = None,
    ) -> list[Reason]:
        cfg = self.search_config
        w = self.weights
        reasons: list[Reason] = []
        shared = sorted((x for x in cidf if x in cdoc.concepts), key=lambda x: -cidf[x])
        for cid in shared[: cfg.max_concept_reasons]:
            reasons.append(
                Reason(
                    "shared_concept",
                    {
                        "concept": cid,
                        "labels": self.lexicon.labels(cid),
                        "query_terms": list(qdoc.concepts.get(cid, [])),
                        "candidate_terms": list(cdoc.concepts.get(cid, [])),
                        "query_language": qdoc.language,
                        "candidate_language": cdoc.language,
                    },
                    weight=w.concept * cidf[cid] / max(sum(cidf.values()), 1e-9),
                )
            )
        _, rels = self.sector_tree.score(q.sectors, c.sectors)
        for a, b, rel in rels[: cfg.max_sector_reasons]:
            reasons.append(
                Reason(
                    "shared_sector",
                    {"sector": a, "other": b, "relation": rel},
                    weight=w.sector * feats["sector"],
                )
            )
        if feats["category"] >= 0.5 and q.category and c.category:
            level = "same" if q.category == c.category else "compatible"
            reasons.append(
                Reason(
                    "category_fit",
                    {
                        "query_category": q.category,
                        "candidate_category": c.category,
                        "level": level,
                    },
                    weight=w.category * feats["category"],
                )
            )
        if feats["market"] == 1.0:
            request, offer = (q, c) if q.kind == "request" else (c, q)
            reasons.append(
                Reason(
                    "market_fit",
                    {"country": (request.country or "").upper(), "markets": offer.target_markets},
                    weight=w.market,
                )
            )
        if feats["cross_border"] == 1.0:
            reasons.append(
                Reason(
                    "cross_border",
                    {
                        "countries": [(q.country or "").upper(), (c.country or "").upper()],
                        "regions": [region_of(q.country), region_of(c.country)],
                    },
                    weight=w.cross_border,
                )
            )
        reasons.append(
            Reason(
                "semantic_similarity",
                {"level": similarity_level(feats["dense"]), "score": round(feats["dense"], 4)},
                weight=w.dense * feats["dense"],
            )
        )
        slot = part.slot_of.get(c.id)
        if slot is not None and slot in part.bm25.doc_terms and qterm_ids is not None:
            terms = part.bm25.terms
            shared_ids = np.intersect1d(qterm_ids, part.bm25.doc_terms[slot][0]).tolist()
            common = sorted(shared_ids, key=lambda t: -part.bm25.idf(t))[:5]
            if common:
                reasons.append(
                    Reason(
                        "keyword_overlap",
                        {"terms": [terms[t] for t in common]},
                        weight=w.bm25 * feats["bm25"],
                    )
                )
        return reasons

    # -- persistence ---------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write ``<path>.npz`` and ``<path>.json`` (no pickle)."""
        base = Path(path)
        arrays: dict[str, np.ndarray] = {}
        meta: dict[str, Any] = {"version": _FORMAT_VERSION, "weights": self.weights.to_json()}
        if self.dense_source is not None:
            raise EngineError("an index with a dense source keeps no vectors to save")
        with self._lock:
            for kind, p in self._parts.items():
                live = [s for s in range(p.size) if p.ids[s] is not None]
                arrays[f"{kind}_emb"] = p.emb[live].astype(np.float32)
                vocab, bm = p.bm25.state()
                # Re-number slots densely in the saved order.
                remap = np.full(max(p.size, 1), -1, dtype=np.int32)
                remap[live] = np.arange(len(live), dtype=np.int32)
                for name, arr in bm.items():
                    if name in ("slots", "live"):
                        arr = remap[arr] if len(arr) else arr
                    elif name == "doc_len":
                        arr = arr[live] if len(arr) else arr
                    arrays[f"{kind}_bm25_{name}"] = arr
                meta[kind] = {
                    "vocab": vocab,
                    "opportunities": [p.opps[s].to_json() for s in live],  # type: ignore[union-attr]
                    "docs": [
                        {
                            "language": d.language,
                            "concepts": d.concepts,
                        }
                        for d in (_unpack(p.docs[s]) for s in live)
                    ],
                }
        np.savez(base.with_suffix(".npz"), **arrays)  # type: ignore[arg-type]
        with open(base.with_suffix(".json"), "w", encoding="utf-8") as fh:
            json.dump(meta, fh, ensure_ascii=False)

    @classmethod
    def load(
        cls,
        path: str | Path,
        embedder: Embedder | None = None,
        lexicon: Lexicon | None = None,
        sector_tree: SectorTree | None = None,
        rules: RuleConfig | None = None,
    ) -> MatchIndex:
        """Read an index written by :meth:`save`."""
        base = Path(path)
        with open(base.with_suffix(".json"), encoding="utf-8") as fh:
            meta = json.load(fh)
        if meta.get("version") != _FORMAT_VERSION:
            raise EngineError(f"unsupported index format {meta.get('version')!r}")
        idx = cls(
            embedder=embedder,
            lexicon=lexicon,
            sector_tree=sector_tree,
            weights=Weights.from_json(meta.get("weights", {})),
            rules=rules,
        )
        with np.load(base.with_suffix(".npz"), allow_pickle=False) as npz:
            for kind in KINDS:
                m = meta[kind]
                opps = [Opportunity.from_json(d) for d in m["opportunities"]]
                emb = npz[f"{kind}_emb"]
                bm = {
                    name: npz[f"{kind}_bm25_{name}"]
                    for name in ("slots", "tids", "tfs", "doc_len", "live")
                }
                bm25 = BM25Index.from_state(m["vocab"], bm)
                part = idx._parts[kind]
                for i, (opp, d) in enumerate(zip(opps, m["docs"], strict=True)):
                    doc = IndexedDoc(language=d["language"], tokens=[], concepts=d["concepts"])
                    slot = part.allocate(opp.id)
                    idx._fill(part, slot, opp, _pack(doc), emb[i])
                    part.cidx.add(slot, list(doc.concepts))
                part.bm25 = bm25
                part.cidx.compact()
        return idx
