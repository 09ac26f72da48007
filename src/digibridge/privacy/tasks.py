"""Periodic privacy work (Celery beat in production; the companion process embedded)."""

from celery import shared_task


@shared_task
def anonymise_expired_registrations() -> int:
    """Anonymise registrations of events that ended longer ago than the retention period."""
    from .services import registrations_anonymise_expired

    return registrations_anonymise_expired()
