"""Outreach background work: e-mails, invitation reminders, the weekly digest.

Thin: the tasks take ids, load the rows and hand them to a service. Without a broker Celery
runs them in-process (eagerly), still after the request's transaction has committed.
"""

from celery import shared_task


@shared_task
def send_notification_email(*, user_id: int, subject: str, body: str, link: str = "") -> None:
    from django.contrib.auth import get_user_model

    from .notifications import send_email_now

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is not None:
        send_email_now(user=user, subject=subject, body=body, link=link)


@shared_task
def send_guest_email(
    *, email: str, name: str, language: str, subject: str, body: str, link: str = ""
) -> None:
    from .notifications import send_guest_email_now

    send_guest_email_now(
        email=email, name=name, language=language, subject=subject, body=body, link=link
    )


@shared_task
def send_invitation_email(*, invitation_id: int, reminder: bool = False) -> None:
    from .services import invitation_send_email

    invitation_send_email(invitation_id=invitation_id, reminder=reminder)


@shared_task
def send_invitation_reminders() -> int:
    from .services import invitations_remind

    return invitations_remind()


@shared_task
def send_weekly_digest() -> int:
    from .services import digest_send_all

    return digest_send_all()
