"""Periodic marketplace work (Celery beat in production; at start-up of ``serve`` embedded)."""

from celery import shared_task


@shared_task
def expire_due_opportunities() -> int:
    from .services import opportunities_expire_due

    return opportunities_expire_due()
