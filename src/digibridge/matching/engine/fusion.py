"""Fusion of the match signals into one score, and learning the weights from feedback.

The score of a candidate is the weighted sum ``bias + Σ weight_f · feature_f`` over
:data:`FEATURES`, each feature in ``[0, 1]``:

* ``dense``: cosine similarity of the two embeddings (Catalan pivoted to Spanish);
* ``bm25``: BM25 score of the candidate for the query's tokens, divided by the best BM25 score
  among the query's candidates (so 1.0 = lexically best candidate);
* ``concept``: idf-weighted share of the query's lexicon concepts found in the candidate;
* ``sector``, ``category``, ``market``, ``cross_border``: see :mod:`.rules`.

:func:`learn_weights` fits the same linear form as a logistic regression on feedback
(interested = 1, not relevant = 0) with plain numpy Newton steps and an L2 penalty pulling the
weights towards the current defaults, so little feedback moves them only a little. With fewer
than ``min_examples`` examples, or fewer than ``min_per_class`` of either label, the defaults
are returned unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields

import numpy as np

__all__ = ["FEATURES", "FeedbackExample", "Weights", "learn_weights", "train_weights"]

FEATURES: tuple[str, ...] = (
    "dense",
    "bm25",
    "concept",
    "sector",
    "category",
    "market",
    "cross_border",
)


@dataclass(frozen=True, slots=True)
class Weights:
    """Weights of the fused score.

    Defaults come from a coordinate search over a small grid on the development set
    (``benchmarks/data/matching_*.jsonl``; 2-fold cross-validation of the same search gave
    held-out nDCG@10 of 0.943 / 0.948, see ``docs/matching.md``); BM25 gets little
    weight because it is only useful within one language and the concept feature already
    carries the lexical cross-lingual signal.
    """

    dense: float = 1.5
    bm25: float = 0.1
    concept: float = 0.4
    sector: float = 0.8
    category: float = 0.3
    market: float = 0.15
    cross_border: float = 0.3
    bias: float = 0.0

    def vector(self) -> np.ndarray:
        return np.array([getattr(self, f) for f in FEATURES], dtype=np.float64)

    def score(self, features: Mapping[str, float]) -> float:
        return self.bias + sum(getattr(self, f) * float(features.get(f, 0.0)) for f in FEATURES)

    def to_json(self) -> dict[str, float]:
        return asdict(self)

    @classmethod
    def from_json(cls, d: Mapping[str, float]) -> Weights:
        names = {f.name for f in fields(cls)}
        return cls(**{k: float(v) for k, v in d.items() if k in names})


@dataclass(frozen=True, slots=True)
class FeedbackExample:
    """A judged pair: the match's ``features`` at the time and the user's verdict."""

    features: Mapping[str, float]
    label: int  # 1 = interested, 0 = not relevant
    #: The query opportunity the verdict was given for. With groups, learning compares
    #: judged candidates of the same query with each other (pairwise), which is what ranking
    #: needs; without, it falls back to pointwise logistic regression.
    group: str | None = None


def _learn_pairwise(
    examples: Sequence[FeedbackExample], base: Weights, l2: float, iterations: int
) -> Weights | None:
    """RankNet-style: P(interested ranked above not relevant) = σ(w · (f⁺ − f⁻)).

    Only within one query's judged candidates, so the learned weights order candidates the
    way users did; the bias cannot matter for ranking and stays as it was. Returns None when
    there are no pairs.
    """
    by_group: dict[str, tuple[list[list[float]], list[list[float]]]] = {}
    for ex in examples:
        pos, neg = by_group.setdefault(str(ex.group), ([], []))
        (pos if ex.label else neg).append([float(ex.features.get(f, 0.0)) for f in FEATURES])
    diffs = [np.subtract(p, q) for pos, neg in by_group.values() for p in pos for q in neg]
    if not diffs:
        return None
    x = np.asarray(diffs, dtype=np.float64)
    n = len(x)
    prior = base.vector()
    w = prior.copy()
    for _ in range(iterations):
        z = np.clip(x @ w, -30, 30)
        p = 1.0 / (1.0 + np.exp(-z))
        grad = -(x.T @ (1.0 - p)) / n + l2 * (w - prior)
        hess = (x.T * (p * (1.0 - p))) @ x / n + l2 * np.eye(len(prior))
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    if not np.all(np.isfinite(w)):
        return None
    return Weights(**{f: float(w[i]) for i, f in enumerate(FEATURES)}, bias=base.bias)


def learn_weights(
    examples: Sequence[FeedbackExample | tuple[Mapping[str, float], int]],
    defaults: Weights | None = None,
    l2: float = 0.02,
    min_examples: int = 20,
    min_per_class: int = 5,
    iterations: int = 50,
) -> Weights:
    """Fit :class:`Weights` by regularised logistic regression on feedback.

    When every example names its ``group`` (the query it was judged for), the fit is pairwise
    within groups (see :func:`_learn_pairwise`); otherwise pointwise. The penalty is
    ``l2 / 2 · ||w - w_default||²`` (bias not penalised), averaged with the mean
    log-loss. Returns ``defaults`` when there is too little (or one-sided) feedback.
    """
    base = defaults or Weights()
    grouped = [ex for ex in examples if isinstance(ex, FeedbackExample) and ex.group is not None]
    n_pos = sum(1 for ex in grouped if ex.label)
    if (
        grouped
        and len(grouped) == len(examples)
        and len(grouped) >= min_examples
        and min(n_pos, len(grouped) - n_pos) >= min_per_class
    ):
        pairwise = _learn_pairwise(grouped, base, l2, iterations)
        if pairwise is not None:
            return pairwise
    rows: list[list[float]] = []
    labels: list[float] = []
    for ex in examples:
        feats, label = (ex.features, ex.label) if isinstance(ex, FeedbackExample) else ex
        rows.append([float(feats.get(f, 0.0)) for f in FEATURES])
        labels.append(1.0 if label else 0.0)
    n = len(rows)
    n_pos = int(sum(labels))
    if n < min_examples or n_pos < min_per_class or n - n_pos < min_per_class:
        return base
    x = np.hstack([np.asarray(rows, dtype=np.float64), np.ones((n, 1))])
    y = np.asarray(labels, dtype=np.float64)
    prior = np.append(base.vector(), base.bias)
    penalty = np.full(len(FEATURES) + 1, l2)
    penalty[-1] = 1e-6  # bias: (almost) free
    w = prior.copy()
    for _ in range(iterations):
        z = np.clip(x @ w, -30, 30)
        p = 1.0 / (1.0 + np.exp(-z))
        grad = x.T @ (p - y) / n + penalty * (w - prior)
        hess = (x.T * (p * (1 - p))) @ x / n + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    if not np.all(np.isfinite(w)):
        return base
    values = {f: float(w[i]) for i, f in enumerate(FEATURES)}
    return Weights(**values, bias=float(w[-1]))


def pairwise_accuracy(examples: Sequence[FeedbackExample], weights: Weights) -> float | None:
    """Share of (interested, not relevant) pairs of one query that ``weights`` order right."""
    by_group: dict[str, tuple[list[float], list[float]]] = {}
    for ex in examples:
        pos, neg = by_group.setdefault(str(ex.group), ([], []))
        (pos if ex.label else neg).append(weights.score(ex.features))
    right = total = 0
    for pos, neg in by_group.values():
        for p in pos:
            for q in neg:
                total += 1
                right += 1 if p > q else 0
    return right / total if total else None


def train_weights(
    examples: Sequence[FeedbackExample],
    current: Weights,
    l2_grid: Sequence[float] = (0.02, 0.1, 0.5, 2.0),
    folds: int = 3,
    min_gain: float = 0.005,
) -> tuple[Weights, dict[str, float | None]]:
    """Learn weights from grouped feedback, but adopt them only if they generalise.

    Queries are split into ``folds`` (deterministically, by group); each candidate penalty is
    scored by the pairwise accuracy it reaches on the folds it was not trained on. The best
    candidate replaces ``current`` only if it beats ``current``'s accuracy on the same held-out
    folds by ``min_gain`` — so feedback can improve the ranking but never silently make it
    worse. Returns the chosen weights and the cross-validated accuracies.
    """
    import zlib

    groups = sorted({str(ex.group) for ex in examples})
    fold_of = {g: zlib.crc32(g.encode()) % folds for g in groups}

    def cv_accuracy(l2: float | None) -> float | None:
        right = total = 0.0
        for fold in range(folds):
            train = [ex for ex in examples if fold_of[str(ex.group)] != fold]
            test = [ex for ex in examples if fold_of[str(ex.group)] == fold]
            weights = current if l2 is None else learn_weights(train, defaults=current, l2=l2)
            acc = pairwise_accuracy(test, weights)
            if acc is None:
                continue
            n = sum(1 for ex in test if ex.label) or 1
            right += acc * n
            total += n
        return right / total if total else None

    report: dict[str, float | None] = {"current": cv_accuracy(None)}
    best_l2, best = None, report["current"]
    for l2 in l2_grid:
        acc = cv_accuracy(l2)
        report[f"l2={l2}"] = acc
        if acc is not None and (best is None or acc > best + min_gain):
            best_l2, best = l2, acc
    if best_l2 is None:
        return current, report
    return learn_weights(examples, defaults=current, l2=best_l2), report
