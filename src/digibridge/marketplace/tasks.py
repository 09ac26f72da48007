"""Periodic marketplace work (Celery beat in production; at start-up of ``serve`` embedded)."""

from celery import shared_task


@shared_task
def expire_due_opportunities() -> int:
    from .services import opportunities_expire_due

    return opportunities_expire_due()


@shared_task
def close_due_requests_for_responses() -> int:
    """Every 5 minutes (beat): send the 24-hour notice of requests closing soon, then close
    requests whose response deadline has passed (both sides are notified). Returns how many
    were closed. One job for both, so the schedule in settings needs no second entry."""
    from .orders_services import rfq_close_due, rfq_remind_due

    rfq_remind_due()
    return rfq_close_due()


@shared_task
def notify_suppliers_of_request(rfq_id: int, user_id: int) -> int:
    """Tell invited and best-matching suppliers that a request is open for responses."""
    from django.contrib.auth import get_user_model

    from .models import Rfq
    from .orders_services import rfq_notify_suppliers

    rfq = Rfq.objects.select_related("opportunity__owner").filter(pk=rfq_id).first()
    viewer = get_user_model().objects.filter(pk=user_id).first()
    if rfq is None or viewer is None:
        return 0
    return rfq_notify_suppliers(rfq=rfq, viewer=viewer)
