"""A small incremental BM25 index over integer slots.

Storage is split in two parts (the classic "main + delta" layout):

* a compiled CSC matrix (terms × slots) holding the term frequencies of most documents, which
  scores a query with one vectorised pass per query term;
* a small dict of recently upserted documents, scored in Python, merged into the compiled
  matrix once it holds more than ``merge_threshold`` documents (or on :meth:`compact`).

Removed or replaced documents stay in the compiled matrix but are masked out. Document
frequencies and lengths are kept exact at all times. Scoring uses Okapi BM25 with the
non-negative idf ``log(1 + (N - df + 0.5) / (df + 0.5))``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import scipy.sparse as sp

__all__ = ["BM25Index"]


class BM25Index:
    """BM25 over documents identified by integer slots ``0 .. capacity-1``."""

    def __init__(self, k1: float = 1.2, b: float = 0.75, merge_threshold: int = 500) -> None:
        self.k1 = k1
        self.b = b
        self.merge_threshold = merge_threshold
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []  # term id -> term
        self.df: list[int] = []
        # every live doc: (term ids, term frequencies) as compact arrays
        self.doc_terms: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.doc_len = np.zeros(0, dtype=np.float32)
        self.total_len = 0.0
        self._compiled: sp.csc_matrix | None = None  # terms x slots
        self._compiled_slots = np.zeros(0, dtype=bool)  # slot is valid in compiled matrix
        self._delta: dict[int, dict[int, int]] = {}  # recent docs: term id -> tf

    # -- maintenance ---------------------------------------------------------------------------
    @property
    def n_docs(self) -> int:
        return len(self.doc_terms)

    def _ensure_capacity(self, slot: int) -> None:
        if slot >= len(self.doc_len):
            new = max(slot + 1, 2 * len(self.doc_len), 64)
            dl = np.zeros(new, dtype=np.float32)
            dl[: len(self.doc_len)] = self.doc_len
            self.doc_len = dl
            cs = np.zeros(new, dtype=bool)
            cs[: len(self._compiled_slots)] = self._compiled_slots
            self._compiled_slots = cs

    def add(self, slot: int, tokens: Sequence[str]) -> None:
        """Index (or re-index) the document at ``slot``."""
        self.remove(slot)
        self._ensure_capacity(slot)
        tf: dict[int, int] = {}
        for tok, cnt in Counter(tokens).items():
            tid = self.vocab.get(tok)
            if tid is None:
                tid = len(self.vocab)
                self.vocab[tok] = tid
                self.terms.append(tok)
                self.df.append(0)
            self.df[tid] += 1
            tf[tid] = cnt
        self.doc_terms[slot] = (
            np.fromiter(tf.keys(), dtype=np.int32, count=len(tf)),
            np.fromiter(tf.values(), dtype=np.int32, count=len(tf)),
        )
        self.doc_len[slot] = float(len(tokens))
        self.total_len += float(len(tokens))
        self._delta[slot] = tf
        if len(self._delta) > self.merge_threshold:
            self.compact()

    def remove(self, slot: int) -> None:
        """Forget the document at ``slot`` (no-op if absent)."""
        entry = self.doc_terms.pop(slot, None)
        if entry is None:
            return
        for tid in entry[0].tolist():
            self.df[tid] -= 1
        self.total_len -= float(self.doc_len[slot])
        self.doc_len[slot] = 0.0
        self._compiled_slots[slot] = False
        self._delta.pop(slot, None)

    def compact(self) -> None:
        """Rebuild the compiled matrix from all live documents and empty the delta."""
        self._compiled = None  # release the old matrix before building the new one
        n_slots = len(self.doc_len)
        n_terms = max(len(self.vocab), 1)
        live = sorted(self.doc_terms)
        lengths = np.zeros(n_slots, dtype=np.int64)
        for slot in live:
            lengths[slot] = len(self.doc_terms[slot][0])
        indptr = np.zeros(n_slots + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        if live:
            indices = np.concatenate([self.doc_terms[s][0] for s in live]).astype(np.int32)
            data = np.concatenate([self.doc_terms[s][1] for s in live]).astype(np.float32)
        else:
            indices = np.zeros(0, dtype=np.int32)
            data = np.zeros(0, dtype=np.float32)
        # Slots x terms in CSR (no copy), converted once to CSC so a term is one column.
        csr = sp.csr_matrix((data, indices, indptr), shape=(n_slots, n_terms), copy=False)
        del indices, data
        self._compiled = csr.tocsc()
        del csr
        self._compiled_slots = np.zeros(n_slots, dtype=bool)
        if live:
            self._compiled_slots[np.asarray(live, dtype=np.int64)] = True
        self._delta.clear()

    # -- scoring -------------------------------------------------------------------------------
    def idf(self, tid: int) -> float:
        n = max(self.n_docs, 1)
        df = self.df[tid]
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def query_terms(self, tokens: Iterable[str]) -> dict[int, int]:
        """Known term ids of ``tokens`` with their query frequency."""
        out: dict[int, int] = {}
        for tok in tokens:
            tid = self.vocab.get(tok)
            if tid is not None and self.df[tid] > 0:
                out[tid] = out.get(tid, 0) + 1
        return out

    def score_all(self, tokens: Sequence[str], n_slots: int | None = None) -> np.ndarray:
        """BM25 score of every slot (0 for absent documents) as a float32 array."""
        size = n_slots if n_slots is not None else len(self.doc_len)
        scores = np.zeros(size, dtype=np.float32)
        q = self.query_terms(tokens)
        if not q or not self.doc_terms:
            return scores
        avgdl = max(self.total_len / max(self.n_docs, 1), 1.0)
        k1, b = self.k1, self.b
        mat = self._compiled
        all_slots: list[np.ndarray] = []
        all_vals: list[np.ndarray] = []
        for tid, qtf in q.items():
            w = self.idf(tid) * (1.0 + 0.3 * (qtf - 1))
            if mat is not None and tid < mat.shape[1]:
                start, end = mat.indptr[tid], mat.indptr[tid + 1]
                if end > start:
                    slots = mat.indices[start:end]
                    tf = mat.data[start:end]
                    live = self._compiled_slots[slots]
                    slots = slots[live]
                    tf = tf[live]
                    dl = self.doc_len[slots]
                    part = tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * dl / avgdl))
                    all_slots.append(slots)
                    all_vals.append(w * part)
            for slot, dtf in self._delta.items():
                if slot >= size:
                    continue
                tf_d = dtf.get(tid)
                if tf_d:
                    dl_d = float(self.doc_len[slot])
                    scores[slot] += w * tf_d * (k1 + 1.0) / (tf_d + k1 * (1 - b + b * dl_d / avgdl))
        if all_slots:
            cat_slots = np.concatenate(all_slots)
            cat_vals = np.concatenate(all_vals)
            keep = cat_slots < size
            scores += np.bincount(cat_slots[keep], weights=cat_vals[keep], minlength=size)[
                :size
            ].astype(np.float32)
        return scores

    def presence(self, weights: Mapping[str, float], size: int) -> np.ndarray:
        """Sum of ``weights[term]`` over the terms each slot contains (tf ignored)."""
        scores = np.zeros(size, dtype=np.float64)
        mat = self._compiled
        for term, wt in weights.items():
            tid = self.vocab.get(term)
            if tid is None or self.df[tid] <= 0:
                continue
            if mat is not None and tid < mat.shape[1]:
                slots = mat.indices[mat.indptr[tid] : mat.indptr[tid + 1]]
                slots = slots[self._compiled_slots[slots] & (slots < size)]
                scores[slots] += wt  # a term appears at most once per slot column
            for slot, dtf in self._delta.items():
                if slot < size and tid in dtf:
                    scores[slot] += wt
        return scores.astype(np.float32)

    def self_score(self, tokens: Sequence[str]) -> float:
        """Score a document made of exactly ``tokens`` would get: a per-query normaliser."""
        q = self.query_terms(tokens)
        avgdl = max(self.total_len / max(self.n_docs, 1), 1.0)
        dl = float(len(tokens))
        total = 0.0
        for tid, qtf in q.items():
            w = self.idf(tid) * (1.0 + 0.3 * (qtf - 1))
            total += w * qtf * (self.k1 + 1) / (qtf + self.k1 * (1 - self.b + self.b * dl / avgdl))
        return total

    # -- persistence ---------------------------------------------------------------------------
    def state(self) -> tuple[list[str], dict[str, np.ndarray]]:
        """Vocabulary and arrays describing all live documents (for saving)."""
        vocab = list(self.terms)
        live = sorted(self.doc_terms)
        parts = [self.doc_terms[s] for s in live]
        empty = np.zeros(0, dtype=np.int32)
        arrays = {
            "slots": np.concatenate(
                [np.full(len(p[0]), s, np.int32) for s, p in zip(live, parts, strict=True)]
            )
            if parts
            else empty,
            "tids": np.concatenate([p[0] for p in parts]) if parts else empty,
            "tfs": np.concatenate([p[1] for p in parts]) if parts else empty,
            "doc_len": self.doc_len.copy(),
            "live": np.asarray(live, dtype=np.int32),
        }
        return vocab, arrays

    @classmethod
    def from_state(
        cls, vocab: list[str], arrays: dict[str, np.ndarray], k1: float = 1.2, b: float = 0.75
    ) -> BM25Index:
        idx = cls(k1=k1, b=b)
        idx.vocab = {tok: i for i, tok in enumerate(vocab)}
        idx.terms = list(vocab)
        idx.df = [0] * len(vocab)
        idx.doc_len = arrays["doc_len"].astype(np.float32).copy()
        idx._compiled_slots = np.zeros(len(idx.doc_len), dtype=bool)
        slots = arrays["slots"].astype(np.int32)
        tids = arrays["tids"].astype(np.int32)
        tfs = arrays["tfs"].astype(np.int32)
        order = np.argsort(slots, kind="stable")
        slots, tids, tfs = slots[order], tids[order], tfs[order]
        bounds = np.searchsorted(slots, arrays["live"].astype(np.int32), side="left")
        ends = np.searchsorted(slots, arrays["live"].astype(np.int32), side="right")
        for slot, lo, hi in zip(
            arrays["live"].tolist(), bounds.tolist(), ends.tolist(), strict=True
        ):
            idx.doc_terms[int(slot)] = (tids[lo:hi].copy(), tfs[lo:hi].copy())
        df = np.bincount(tids, minlength=len(vocab))
        idx.df = [int(x) for x in df]
        idx.total_len = float(sum(float(idx.doc_len[s]) for s in idx.doc_terms))
        idx.compact()
        return idx
