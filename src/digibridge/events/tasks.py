"""Periodic events work: thin, it calls a service."""

from celery import shared_task


@shared_task
def expire_meeting_requests() -> int:
    """Every 15 minutes: remind of requests about to expire, then expire the overdue ones."""
    from .services import meeting_requests_expire_due, meeting_requests_remind_due

    meeting_requests_remind_due()
    return meeting_requests_expire_due()
