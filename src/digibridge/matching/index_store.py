"""The process-wide matching index, built from the database and kept in step with it.

Each process (app server worker, background worker) holds its own in-memory
:class:`~digibridge.matching.engine.MatchIndex`. The database is the source of truth:
embeddings live in ``OpportunityVector`` and every change appends an ``IndexEvent``. Before
each search the process applies the events it has not seen yet, so a change made through one
server is visible on all of them at the next request, without shared memory.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable

import numpy as np

from digibridge.directory.models import NetworkMembership
from digibridge.marketplace.models import Opportunity

from . import engine
from .adapter import sector_tree, to_engine, vector_from_bytes
from .models import FusionWeights, IndexEvent, OpportunityVector

logger = logging.getLogger(__name__)


def owner_networks(owner_ids) -> dict[int, list[int]]:
    networks: dict[int, list[int]] = defaultdict(list)
    for org_id, network_id in NetworkMembership.objects.filter(
        organisation_id__in=owner_ids
    ).values_list("organisation_id", "network_id"):
        networks[org_id].append(network_id)
    return networks


def current_weights() -> engine.Weights:
    latest = FusionWeights.objects.order_by("-id").first()
    return engine.Weights.from_json(latest.weights) if latest else engine.Weights()


def _with_vectors(queryset):
    return (
        queryset.filter(vector__isnull=False)
        .select_related("owner", "vector")
        .prefetch_related("sectors")
    )


class IndexStore:
    def __init__(self) -> None:
        self._index: engine.MatchIndex | None = None
        self._last_event = 0
        self._lock = threading.RLock()

    def reset(self) -> None:
        with self._lock:
            self._index = None
            self._last_event = 0

    def _build(self, progress: Callable[[int, int], None] | None = None) -> engine.MatchIndex:
        self._last_event = (
            IndexEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        )
        rows = list(_with_vectors(Opportunity.objects.all()).order_by("pk"))
        networks = owner_networks({o.owner_id for o in rows})
        index = engine.MatchIndex(sector_tree=sector_tree(), weights=current_weights())
        if rows:
            vectors = np.stack([vector_from_bytes(o.vector.vector) for o in rows])
            index.build(
                [to_engine(o, networks.get(o.owner_id)) for o in rows],
                vectors=vectors,
                progress=progress,
            )
        logger.info("matching index built with %d opportunities", len(rows))
        return index

    def _sync(self, index: engine.MatchIndex) -> engine.MatchIndex:
        events = list(
            IndexEvent.objects.filter(id__gt=self._last_event).values_list(
                "id", "action", "opportunity_id"
            )
        )
        if not events:
            return index
        actions = {action for _id, action, _opp in events}
        if IndexEvent.Action.REBUILD in actions:
            return self._build()
        if IndexEvent.Action.WEIGHTS in actions:
            index.weights = current_weights()
        changed = {opp for _id, action, opp in events if opp is not None}
        present = {o.pk: o for o in _with_vectors(Opportunity.objects.filter(pk__in=changed))}
        networks = owner_networks({o.owner_id for o in present.values()})
        for opp_id in changed:
            row = present.get(opp_id)
            if row is None:
                index.remove(str(opp_id))
            else:
                index.upsert(
                    to_engine(row, networks.get(row.owner_id)),
                    vector=vector_from_bytes(row.vector.vector),
                )
        self._last_event = events[-1][0]
        return index

    def get(self) -> engine.MatchIndex:
        """The index, up to date with the database. Raises ``EngineError`` without a model."""
        with self._lock:
            if self._index is None:
                self._index = self._build()
            else:
                self._index = self._sync(self._index)
            return self._index

    def peek(self) -> engine.MatchIndex | None:
        return self._index


store = IndexStore()


def status() -> dict:
    """What the status page shows: model state, Catalan pivot, documents indexed."""
    embedder = engine.get_embedder()
    index = store.peek()
    return {
        "embedding": embedder.status,
        "embedding_error": embedder.error,
        "catalan_pivot": "available" if engine.apertium_available() else "unavailable",
        "indexed": len(index) if index is not None else None,
        "vectors": OpportunityVector.objects.count(),
        "opportunities": Opportunity.objects.count(),
    }
