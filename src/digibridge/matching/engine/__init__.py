"""Pure cross-lingual matching engine (no Django).

Entry points for callers:

* :class:`MatchIndex` — ``build``/``upsert``/``remove``/``search``/``save``/``load``/``status``;
* :class:`DenseSource` — the hook for an external vector index (``MatchIndex(dense_source=...)``);
* :class:`Opportunity`, :class:`Match`, :class:`Reason` — plain dataclasses;
* :class:`Weights`, :func:`learn_weights`, :class:`FeedbackExample` — score fusion;
* :func:`detect_language`, :func:`default_lexicon`, :class:`SectorTree`, :class:`RuleConfig`;
* :class:`EngineError` — raised when the embedding model is unusable.
"""

from .embedding import Embedder, apertium_available, get_embedder, pivot_catalan
from .explain import describe_reason, describe_reasons
from .fusion import FEATURES, FeedbackExample, Weights, learn_weights, train_weights
from .index import DenseSource, MatchIndex, SearchConfig
from .lexicon import Lexicon, default_lexicon
from .rules import RuleConfig, SectorTree
from .text import detect_language, fold, tokenize
from .types import EngineError, Match, Opportunity, Reason

__all__ = [
    "FEATURES",
    "DenseSource",
    "Embedder",
    "EngineError",
    "FeedbackExample",
    "Lexicon",
    "Match",
    "MatchIndex",
    "Opportunity",
    "Reason",
    "RuleConfig",
    "SearchConfig",
    "SectorTree",
    "Weights",
    "apertium_available",
    "default_lexicon",
    "describe_reason",
    "describe_reasons",
    "detect_language",
    "fold",
    "get_embedder",
    "learn_weights",
    "pivot_catalan",
    "tokenize",
    "train_weights",
]
