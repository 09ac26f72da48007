"""Periodic marketplace work (Celery beat in production; at start-up of ``serve`` embedded)."""

from celery import shared_task


@shared_task
def expire_due_opportunities() -> int:
    from .services import opportunities_expire_due

    return opportunities_expire_due()


@shared_task
def close_due_requests_for_responses() -> int:
    """Close requests whose response deadline has passed; both sides get an e-mail."""
    from .orders_services import rfq_close_due

    return rfq_close_due()
