"""Plain-English rendering of structured match reasons (the web UI renders codes with gettext).

Semantic similarity levels: cosine ≥ 0.5 is ``high``, ≥ 0.3 ``medium``, below ``low``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .types import Match, Reason

__all__ = ["describe_reason", "describe_reasons", "similarity_level"]


def similarity_level(cosine: float) -> str:
    if cosine >= 0.5:
        return "high"
    if cosine >= 0.3:
        return "medium"
    return "low"


def describe_reason(reason: Reason) -> str:
    p = reason.params
    code = reason.code
    if code == "shared_concept":
        label = p.get("labels", {}).get("en", p.get("concept"))
        q = ", ".join(p.get("query_terms", [])) or "?"
        c = ", ".join(p.get("candidate_terms", [])) or "?"
        return f"both mention {label} (“{q}” ↔ “{c}”)"
    if code == "shared_sector":
        rel = p.get("relation")
        if rel == "same":
            return f"same sector: {p.get('sector')}"
        return f"related sectors: {p.get('sector')} / {p.get('other')} ({rel})"
    if code == "market_fit":
        return f"{p.get('country')} is among the offer's target markets"
    if code == "cross_border":
        a, b = p.get("countries", ["?", "?"])
        return f"cross-border pair {a} ↔ {b}"
    if code == "semantic_similarity":
        return f"{p.get('level')} semantic similarity ({p.get('score', 0.0):.2f})"
    if code == "category_fit":
        return (
            f"{p.get('level')} categories: {p.get('query_category')} / "
            f"{p.get('candidate_category')}"
        )
    if code == "keyword_overlap":
        return "shared keywords: " + ", ".join(p.get("terms", []))
    return f"{code}: {p}"


def describe_reasons(match: Match) -> str:
    """One paragraph: score, then every reason in order."""
    parts = [describe_reason(r) for r in match.reasons]
    head = f"{match.opportunity_id} (score {match.score:.3f})"
    return head + (": " + "; ".join(parts) if parts else "")
