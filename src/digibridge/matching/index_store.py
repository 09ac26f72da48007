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
from collections import OrderedDict, defaultdict
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


def _with_vectors(queryset, *, load_vectors: bool = True):
    """Opportunities that have a vector; the vectors themselves only when the index keeps them."""
    related = ("owner", "vector") if load_vectors else ("owner",)
    return (
        queryset.filter(vector__isnull=False).select_related(*related).prefetch_related("sectors")
    )


class DatabaseDenseIndex(engine.MatchIndex):
    """A :class:`MatchIndex` whose dense part lives in the database (pgvector).

    It keeps no embedding matrix in memory: the engine's public ``dense_source`` hook asks the
    source (``pgvector_backend.PgvectorSource``) for the dense top-N, for the similarities of
    the BM25/concept candidates and for a query's stored vector. BM25, concepts and the
    structured fields stay in memory. ``hook_calls`` counts dense searches sent to the source.
    """

    def __init__(self, *args, dense_source: engine.DenseSource | None = None, **kwargs) -> None:
        if dense_source is None:
            from . import pgvector_backend

            dense_source = pgvector_backend.PgvectorSource()
        super().__init__(*args, dense_source=dense_source, **kwargs)

    @property
    def hook_calls(self) -> int:
        return getattr(self.dense_source, "calls", 0)


def _new_index() -> engine.MatchIndex:
    """The index for the configured backend; numpy unless pgvector is asked for and usable."""
    from django.conf import settings

    options = {"sector_tree": sector_tree(), "weights": current_weights()}
    if settings.DIGIBRIDGE_MATCHING_BACKEND != "pgvector":
        return engine.MatchIndex(**options)
    from . import pgvector_backend

    if not pgvector_backend.ensure_schema():
        logger.error(
            "DIGIBRIDGE_MATCHING_BACKEND=pgvector needs PostgreSQL with pgvector; "
            "using the in-memory (numpy) dense search"
        )
        return engine.MatchIndex(**options)
    return DatabaseDenseIndex(**options)


# Search results kept per process: a popular listing's matches panel is opened by many viewers
# (and reloaded by htmx) while the index does not change between them.
SEARCH_CACHE_SIZE = 4096


class IndexStore:
    def __init__(self) -> None:
        self._index: engine.MatchIndex | None = None
        self._last_event = 0
        self._lock = threading.RLock()
        self._searches: OrderedDict[tuple, list[engine.Match]] = OrderedDict()

    @property
    def last_event(self) -> int:
        """The newest index event this process has applied."""
        return self._last_event

    def reset(self) -> None:
        with self._lock:
            self._index = None
            self._last_event = 0
            self._searches.clear()

    def _build(self, progress: Callable[[int, int], None] | None = None) -> engine.MatchIndex:
        self._last_event = (
            IndexEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        )
        index = _new_index()
        keep = index.dense_source is None
        rows = list(_with_vectors(Opportunity.objects.all(), load_vectors=keep).order_by("pk"))
        networks = owner_networks({o.owner_id for o in rows})
        if rows:
            vectors = np.stack([vector_from_bytes(o.vector.vector) for o in rows]) if keep else None
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
        keep = index.dense_source is None
        present = {
            o.pk: o
            for o in _with_vectors(Opportunity.objects.filter(pk__in=changed), load_vectors=keep)
        }
        networks = owner_networks({o.owner_id for o in present.values()})
        for opp_id in changed:
            row = present.get(opp_id)
            if row is None:
                index.remove(str(opp_id))
            else:
                index.upsert(
                    to_engine(row, networks.get(row.owner_id)),
                    vector=vector_from_bytes(row.vector.vector) if keep else None,
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
            if isinstance(self._index, DatabaseDenseIndex):
                from . import pgvector_backend

                pgvector_backend.sync(known_event=self._last_event)
            return self._index

    def search(
        self, opportunity_id: str, *, k: int, viewer_networks: list[str] | None
    ) -> list[engine.Match]:
        """``get().search(opportunity_id, ...)``, remembered until the index changes.

        The key holds the index object and the newest event it has applied: every change of an
        opportunity, of the weights or a rebuild moves one of them, so a remembered list is
        exactly what the engine would answer now. The matches are shared: read, never modify.
        An opportunity that is not indexed has no matches.
        """
        with self._lock:
            index = self.get()
            if opportunity_id not in index:
                return []
            networks = tuple(sorted(viewer_networks)) if viewer_networks is not None else None
            key = (id(index), self._last_event, opportunity_id, k, networks)
            found = self._searches.get(key)
            if found is not None:
                self._searches.move_to_end(key)
                return found
        found = index.search(opportunity_id, k=k, viewer_networks=viewer_networks)
        with self._lock:
            self._searches[key] = found
            while len(self._searches) > SEARCH_CACHE_SIZE:
                self._searches.popitem(last=False)
        return found

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


def health() -> dict:
    """What ``/healthz`` shows about matching, without building or loading anything.

    ``degraded`` when the embedding model failed to load or the configured dense backend is
    not usable (matching then falls back or stays empty; the rest of the platform works).
    """
    from django.conf import settings

    from . import pgvector_backend

    embedder = engine.get_embedder()
    index = store.peek()
    backend = settings.DIGIBRIDGE_MATCHING_BACKEND
    report: dict = {
        "status": "ok",
        "backend": backend,
        "embedding": embedder.status,
        "indexed": len(index) if index is not None else None,
        "vectors": OpportunityVector.objects.count(),
    }
    if index is not None:
        report["pending_events"] = IndexEvent.objects.filter(id__gt=store.last_event).count()
    if embedder.status == "failed":
        report["status"] = "degraded"
        report["error"] = embedder.error
    if backend == "pgvector":
        report["pgvector"] = pgvector_backend.health()
        if report["pgvector"]["status"] != "ok":
            report["status"] = "degraded"
    return report
