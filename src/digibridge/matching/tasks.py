"""Background tasks of matching: thin, they take ids and call a service."""

from __future__ import annotations

import logging

from celery import shared_task

from . import engine

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def index_opportunity(self, opportunity_id: int) -> None:
    from .services import opportunity_vectors_refresh

    try:
        opportunity_vectors_refresh(opportunity_ids=[opportunity_id])
    except engine.EngineError:
        logger.exception("matching unavailable; opportunity %s not indexed", opportunity_id)


@shared_task
def notify_new_matches() -> int:
    """Tell users about new matches above their threshold (periodic; see ``notify``)."""
    from .notify import new_matches_notify

    return new_matches_notify().pairs
