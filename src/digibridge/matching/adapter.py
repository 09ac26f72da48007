"""Translate between the marketplace's rows and the engine's plain dataclasses."""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np

from digibridge.directory.sectors import SECTORS_FILE
from digibridge.marketplace.models import Opportunity

from . import engine

VECTOR_DTYPE = np.dtype("<f4")


@lru_cache(maxsize=1)
def sector_tree() -> engine.SectorTree:
    return engine.SectorTree.from_file(SECTORS_FILE)


def text_of(opportunity: Opportunity) -> str:
    return f"{opportunity.title}. {opportunity.description}".strip()


def text_hash(opportunity: Opportunity) -> str:
    return hashlib.sha256(text_of(opportunity).encode("utf-8")).hexdigest()


def to_engine(opportunity: Opportunity, network_ids: list[int] | None = None) -> engine.Opportunity:
    """The engine's view of an opportunity. Needs ``owner`` and ``sectors`` loaded (prefetch)."""
    published = opportunity.status == Opportunity.Status.PUBLISHED
    return engine.Opportunity(
        id=str(opportunity.pk),
        kind=opportunity.kind,
        title=opportunity.title,
        description=opportunity.description,
        country=opportunity.owner.country.code or None,
        category=opportunity.category,
        sectors=[s.slug for s in opportunity.sectors.all()],
        target_markets=[c.code for c in opportunity.target_countries],
        deadline=opportunity.deadline,
        status="open" if published else opportunity.status,
        visibility=opportunity.visibility,
        owner_id=str(opportunity.owner_id),
        networks=[str(n) for n in (network_ids or [])],
        language=opportunity.language or None,
    )


def vector_to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=VECTOR_DTYPE).tobytes()


def vector_from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=VECTOR_DTYPE)
