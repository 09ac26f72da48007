"""Notifications: one service, ``notify``, for everything that concerns a user.

Each recipient gets the notice in their own language (``translation.override``), in the
platform (a ``Notification`` row) and/or by e-mail, as their per-kind preferences say. E-mails
are never sent inside the request: ``notify`` queues a Celery task from
``transaction.on_commit``, so a rolled-back change sends nothing and a slow mail server does
not slow a page down.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import PREFERENCE_DEFAULTS, Notification, NotificationPreference


def site_url() -> str:
    """Base of absolute links in e-mails (``DIGIBRIDGE_SITE_URL``, default the local server)."""
    return (
        getattr(settings, "DIGIBRIDGE_SITE_URL", "")
        or os.environ.get("DIGIBRIDGE_SITE_URL", "")
        or "http://127.0.0.1:8000"
    ).rstrip("/")


def absolute(link: str) -> str:
    if not link or link.startswith(("http://", "https://")):
        return link
    return site_url() + link


def preferences_of(users: Iterable) -> dict[int, dict[str, tuple[bool, bool]]]:
    """Per user id, per kind: (in-app, e-mail), the defaults filled in. One query."""
    users = list(users)
    chosen: dict[int, dict[str, tuple[bool, bool]]] = {u.pk: {} for u in users}
    for pref in NotificationPreference.objects.filter(user__in=users):
        chosen[pref.user_id][pref.kind] = (pref.in_app, pref.email)
    return {
        user_id: {kind: prefs.get(kind, default) for kind, default in PREFERENCE_DEFAULTS.items()}
        for user_id, prefs in chosen.items()
    }


def _render(text, params: Mapping | None) -> str:
    text = str(text) if text else ""
    return text % dict(params) if params else text


@transaction.atomic
def notify(
    *,
    users: Iterable,
    kind: str,
    title,
    body="",
    link: str = "",
    params: Mapping | None = None,
    force_email: bool = False,
) -> list[Notification]:
    """Tell ``users`` about something of ``kind``.

    ``title`` and ``body`` are lazy translatable strings (``gettext_lazy``) with named
    placeholders filled from ``params``; they are rendered once per recipient in the
    recipient's language. ``force_email`` sends the e-mail whatever the preference (for
    messages the user explicitly asked for, such as the digest command's test mode).
    Returns the in-app notifications created.
    """
    users = [u for u in users if u is not None and u.is_active]
    if not users:
        return []
    if kind not in PREFERENCE_DEFAULTS:
        raise ValueError(f"Unknown notification kind {kind!r}")
    prefs = preferences_of(users)
    from digibridge.privacy.consent import users_refusing  # consent to e-mail withdrawn

    no_email = users_refusing(purpose="email", user_ids=[u.pk for u in users])
    rows: list[Notification] = []
    mails: list[dict] = []
    for user in users:
        in_app, by_email = prefs[user.pk][kind]
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            rendered_title = _render(title, params)[:250]
            rendered_body = _render(body, params)
        if in_app:
            rows.append(
                Notification(
                    user=user, kind=kind, title=rendered_title, body=rendered_body, link=link
                )
            )
        if force_email or (by_email and user.pk not in no_email):
            mails.append(
                {
                    "user_id": user.pk,
                    "subject": rendered_title,
                    "body": rendered_body,
                    "link": absolute(link),
                }
            )
    created = Notification.objects.bulk_create(rows)
    if mails:
        from .tasks import send_notification_email

        def queue() -> None:
            for mail in mails:
                send_notification_email.delay(**mail)

        transaction.on_commit(queue)
    return created


def send_email_now(*, user, subject: str, body: str, link: str = "", html_lines=None) -> None:
    """Render and send one notice to ``user`` in their language (plain text + HTML).

    Called by the background task, never from a request.
    """
    if not user.email:
        return
    _send_notice(
        to=user.email,
        name=user.get_short_name(),
        language=user.language or settings.LANGUAGE_CODE,
        subject=subject,
        body=body,
        link=link,
        settings_link=absolute("/outreach/notifications/"),
    )


def _send_notice(
    *, to: str, name: str, language: str, subject: str, body: str, link: str, settings_link: str
) -> None:
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string

    with translation.override(language):
        context = {
            "name": name,
            "subject": subject,
            "lines": [line for line in body.split("\n\n") if line.strip()],
            "link": link,
            "link_label": _("Open in DigiBridge"),
            "settings_link": settings_link,
        }
        text = render_to_string("outreach/email/notice.txt", context)
        html = render_to_string("outreach/email/notice.html", context)
    message = EmailMultiAlternatives(subject, text, None, [to])
    message.attach_alternative(html, "text/html")
    message.send()


def notify_guest(
    *, person, kind: str, title, body="", link: str = "", params=None, language: str = ""
) -> bool:
    """E-mail a person without an account (a participant an organiser registered).

    They cannot log in, so there is no in-app notice and no preference to read; their
    directory entry's consent to e-mail is honoured. Rendered in ``language``; the e-mail is
    sent by a background task after the transaction commits. Returns whether one is queued.
    """
    if kind not in PREFERENCE_DEFAULTS:
        raise ValueError(f"Unknown notification kind {kind!r}")
    email = (person.email or "").strip()
    if not email:
        return False
    from digibridge.privacy.consent import consent_allows

    if not consent_allows(purpose="email", person=person):
        return False
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        mail = {
            "email": email,
            "name": person.first_name,
            "language": language,
            "subject": _render(title, params)[:250],
            "body": _render(body, params),
            "link": absolute(link),
        }
    from .tasks import send_guest_email

    transaction.on_commit(lambda: send_guest_email.delay(**mail))
    return True


def send_guest_email_now(
    *, email: str, name: str, language: str, subject: str, body: str, link: str = ""
) -> None:
    """Called by the background task: one notice to an address, without a settings link."""
    _send_notice(
        to=email,
        name=name,
        language=language,
        subject=subject,
        body=body,
        link=link,
        settings_link="",
    )


@transaction.atomic
def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications (all of them, or those with ``ids``) as read."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_set(*, user, choices: Mapping[str, tuple[bool, bool]]) -> None:
    """Store the user's (in-app, e-mail) choice per kind; unknown kinds are refused."""
    from digibridge.common.errors import DomainError

    for kind, (in_app, email) in choices.items():
        if kind not in PREFERENCE_DEFAULTS:
            raise DomainError(_("Unknown notification kind."), field="kind")
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"in_app": bool(in_app), "email": bool(email)}
        )


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
