"""Plain dataclasses exchanged between the engine and its callers (no Django)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CATEGORIES",
    "KINDS",
    "VISIBILITIES",
    "EngineError",
    "Match",
    "Opportunity",
    "Reason",
]

KINDS = ("offer", "request")
CATEGORIES = ("technology", "commercial", "investment", "partnership", "procurement")
#: ``public``: everyone; ``network``: members of one of the opportunity's networks;
#: ``private``: only the owner organisation (never matched to anyone else).
VISIBILITIES = ("public", "network", "private")


class EngineError(RuntimeError):
    """Raised when the engine cannot work (e.g. the embedding model cannot be loaded)."""


@dataclass(slots=True)
class Opportunity:
    """An offer or a request as the engine sees it.

    ``country`` and ``target_markets`` are ISO 3166-1 alpha-2 codes (any case). ``sectors`` are
    taxonomy slugs. ``status`` other than ``"open"`` (e.g. ``"draft"``, ``"closed"``) is never
    matched. ``language`` may be given; otherwise it is detected from title + description.
    """

    id: str
    kind: str
    title: str
    description: str = ""
    country: str | None = None
    category: str | None = None
    sectors: list[str] = field(default_factory=list)
    target_markets: list[str] = field(default_factory=list)
    deadline: dt.date | None = None
    status: str = "open"
    visibility: str = "public"
    owner_id: str | None = None
    networks: list[str] = field(default_factory=list)
    language: str | None = None

    @property
    def text(self) -> str:
        """Title and description joined (what is embedded and indexed)."""
        title = (self.title or "").strip()
        desc = (self.description or "").strip()
        if title and desc:
            return f"{title}. {desc}"
        return title or desc

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "description": self.description,
            "country": self.country,
            "category": self.category,
            "sectors": list(self.sectors),
            "target_markets": list(self.target_markets),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "status": self.status,
            "visibility": self.visibility,
            "owner_id": self.owner_id,
            "networks": list(self.networks),
            "language": self.language,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Opportunity:
        deadline = d.get("deadline")
        return cls(
            id=str(d["id"]),
            kind=str(d.get("kind", "offer")),
            title=str(d.get("title") or ""),
            description=str(d.get("description") or ""),
            country=d.get("country"),
            category=d.get("category"),
            sectors=list(d.get("sectors") or []),
            target_markets=list(d.get("target_markets") or []),
            deadline=dt.date.fromisoformat(deadline) if deadline else None,
            status=str(d.get("status") or "open"),
            visibility=str(d.get("visibility") or "public"),
            owner_id=d.get("owner_id"),
            networks=list(d.get("networks") or []),
            language=d.get("language"),
        )


@dataclass(frozen=True, slots=True)
class Reason:
    """One structured reason of a match: a stable ``code`` plus parameters.

    Codes and their ``params``:

    * ``shared_concept``: ``concept`` (id), ``labels`` ({lang: label} in en/zh-hans/es/ca),
      ``query_terms`` and ``candidate_terms`` (surface forms as written in each text),
      ``query_language``, ``candidate_language``.
    * ``shared_sector``: ``sector`` (slug), ``relation`` (``same`` | ``parent`` | ``child`` |
      ``sibling``), ``other`` (the related slug on the other side, may equal ``sector``).
    * ``market_fit``: ``country`` (request's country), ``markets`` (offer's target markets).
    * ``cross_border``: ``countries`` ([query country, candidate country]),
      ``regions`` ([region, region]).
    * ``semantic_similarity``: ``level`` (``high`` | ``medium`` | ``low``), ``score`` (cosine).
    * ``category_fit``: ``query_category``, ``candidate_category``, ``level`` (``same`` |
      ``compatible``).
    * ``keyword_overlap``: ``terms`` (shared index tokens, up to 5).
    """

    code: str
    params: dict[str, Any]
    weight: float = 0.0


@dataclass(slots=True)
class Match:
    """A scored candidate for a query opportunity, with its feature values and reasons."""

    opportunity_id: str
    score: float
    features: dict[str, float]
    reasons: list[Reason]
    rank: int = 0

    def describe(self) -> str:
        """Plain-English explanation for the CLI."""
        from .explain import describe_reasons

        return describe_reasons(self)
