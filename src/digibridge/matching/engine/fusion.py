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

__all__ = ["FEATURES", "FeedbackExample", "Weights", "learn_weights"]

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


def learn_weights(
    examples: Sequence[FeedbackExample | tuple[Mapping[str, float], int]],
    defaults: Weights | None = None,
    l2: float = 0.02,
    min_examples: int = 20,
    min_per_class: int = 5,
    iterations: int = 50,
) -> Weights:
    """Fit :class:`Weights` by regularised logistic regression on feedback.

    The penalty is ``l2 / 2 · ||w - w_default||²`` (bias not penalised), averaged with the mean
    log-loss. Returns ``defaults`` when there is too little (or one-sided) feedback.
    """
    base = defaults or Weights()
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
