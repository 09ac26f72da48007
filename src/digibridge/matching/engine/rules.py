"""Structured rules: who may be matched with whom, and the structured feature values.

Eligibility (:func:`eligible`), all must hold:

* the two opportunities are of opposite kinds (an offer matches requests and the reverse);
* they belong to different owners (same-owner pairs are excluded; unknown owners never clash);
* the candidate's ``status`` is ``open`` and its ``deadline`` (if any) is today or later;
* the candidate's visibility allows the viewer: ``public`` always; ``network`` only when the
  viewer shares at least one network with it; ``private`` never (a private opportunity is only
  seen by its own organisation, which is excluded anyway).

Structured features (each in ``[0, 1]``):

* ``sector``: 1.0 for a shared slug, 0.6 for parent/child, 0.3 for siblings under the same
  parent, 0 otherwise (or when a side has no sectors);
* ``category``: 1.0 same category, 0.5 compatible categories (see ``CATEGORY_COMPATIBLE``),
  0.0 otherwise; 0.5 when a side has none;
* ``market``: whether the request's country is among the offer's target markets: 1.0 yes,
  0.0 no, 0.5 when either side is unknown/empty;
* ``cross_border``: 1.0 when the two countries sit in different regions of a configured pair
  (default: China ↔ Europe), else 0.0.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .types import Opportunity

__all__ = [
    "CATEGORY_COMPATIBLE",
    "EUROPE",
    "GREATER_CHINA",
    "RuleConfig",
    "SectorTree",
    "category_score",
    "cross_border",
    "eligible",
    "market_score",
    "region_of",
]

EUROPE = frozenset(
    "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GI GR HR HU IE IS IT LI LT LU LV MC "
    "MD ME MK MT NL NO PL PT RO RS SE SI SK SM UA VA XK".split()
)
GREATER_CHINA = frozenset({"CN", "HK", "MO", "TW"})

#: Pairs of categories that still make sense together (symmetric); equal ones score 1.0.
CATEGORY_COMPATIBLE: frozenset[frozenset[str]] = frozenset(
    frozenset(p)
    for p in (
        ("technology", "procurement"),
        ("technology", "partnership"),
        ("commercial", "procurement"),
        ("commercial", "partnership"),
        ("investment", "partnership"),
        ("technology", "commercial"),
    )
)


def region_of(country: str | None) -> str | None:
    """``china`` / ``europe`` / ``None`` for an ISO2 country code."""
    if not country:
        return None
    c = country.upper()
    if c in GREATER_CHINA:
        return "china"
    if c in EUROPE:
        return "europe"
    return None


@dataclass(slots=True)
class RuleConfig:
    """Knobs of the structured rules. ``today`` defaults to the current UTC date."""

    cross_border_pairs: tuple[tuple[str, str], ...] = (("china", "europe"),)
    today: dt.date | None = None
    require_open_status: bool = True

    def current_date(self) -> dt.date:
        return self.today or dt.datetime.now(dt.UTC).date()


@dataclass(slots=True)
class SectorTree:
    """Parent map of the sector taxonomy (slug → parent slug or ``None``)."""

    parent: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def from_file(cls, path: str | Path) -> SectorTree:
        """Read a taxonomy JSON file: a list of ``{"slug", "children": [...]}`` nodes."""
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        parent: dict[str, str | None] = {}

        def walk(nodes: Iterable[Mapping[str, object]], up: str | None) -> None:
            for node in nodes:
                slug = str(node["slug"])
                parent[slug] = up
                children = node.get("children")
                if isinstance(children, list):
                    walk(children, slug)

        walk(data, None)
        return cls(parent)

    def relation(self, a: str, b: str) -> str | None:
        """``same``, ``parent`` (b is a's parent), ``child``, ``sibling`` or ``None``."""
        if a == b:
            return "same"
        pa, pb = self.parent.get(a), self.parent.get(b)
        if pa is not None and pa == b:
            return "parent"
        if pb is not None and pb == a:
            return "child"
        if pa is not None and pa == pb:
            return "sibling"
        return None

    def score(
        self, qs: Iterable[str], cs: Iterable[str]
    ) -> tuple[float, list[tuple[str, str, str]]]:
        """Best relation score between two sector lists and the relations found.

        Returns ``(score, [(query_slug, candidate_slug, relation), ...])``.
        """
        weights = {"same": 1.0, "parent": 0.6, "child": 0.6, "sibling": 0.3}
        best = 0.0
        found: list[tuple[str, str, str]] = []
        cs_list = list(cs)
        for a in qs:
            for b in cs_list:
                rel = self.relation(a, b)
                if rel is None:
                    continue
                found.append((a, b, rel))
                best = max(best, weights[rel])
        found.sort(key=lambda t: -weights[t[2]])
        return best, found


def eligible(
    query: Opportunity,
    cand: Opportunity,
    config: RuleConfig,
    viewer_networks: Iterable[str] | None = None,
) -> bool:
    """Whether ``cand`` may be shown as a match for ``query`` (rules in the module docstring)."""
    if cand.id == query.id or cand.kind == query.kind:
        return False
    if query.owner_id is not None and cand.owner_id == query.owner_id:
        return False
    if config.require_open_status and cand.status != "open":
        return False
    if cand.deadline is not None and cand.deadline < config.current_date():
        return False
    if cand.visibility == "private":
        return False
    if cand.visibility == "network":
        nets = set(viewer_networks if viewer_networks is not None else query.networks)
        if not nets.intersection(cand.networks):
            return False
    return True


def category_score(a: str | None, b: str | None) -> float:
    """1.0 same, 0.5 compatible or unknown, 0.0 incompatible."""
    if not a or not b:
        return 0.5
    if a == b:
        return 1.0
    return 0.5 if frozenset((a, b)) in CATEGORY_COMPATIBLE else 0.0


def market_score(query: Opportunity, cand: Opportunity) -> float:
    """Is the request's country among the offer's target markets (1/0; 0.5 unknown)."""
    request, offer = (query, cand) if query.kind == "request" else (cand, query)
    if not request.country or not offer.target_markets:
        return 0.5
    markets = {m.upper() for m in offer.target_markets}
    return 1.0 if request.country.upper() in markets else 0.0


def cross_border(a: str | None, b: str | None, config: RuleConfig) -> bool:
    """True when countries ``a`` and ``b`` form one of the configured region pairs."""
    ra, rb = region_of(a), region_of(b)
    if ra is None or rb is None or ra == rb:
        return False
    return any({ra, rb} == {x, y} for x, y in config.cross_border_pairs)
