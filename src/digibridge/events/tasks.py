"""Periodic events work: thin, it calls a service."""

from celery import shared_task


@shared_task
def expire_meeting_requests() -> int:
    from .services import meeting_requests_expire_due

    return meeting_requests_expire_due()
