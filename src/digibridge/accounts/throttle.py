"""Log-in throttling: lock an account, or a client address, after repeated failures.

Counts live in the database (``LoginThrottle``), so several app servers share them. Each
failed password (web form, admin, anything calling ``authenticate``), each wrong two-factor
code and each unknown API token counts once for the client's address; passwords and codes
also count for the e-mail address tried. A key reaching its limit within the window is locked
for the lock-out period; a successful log-in clears the account's count (the address's count
only runs out with the window, so an attacker cannot reset it with an account of their own).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from digibridge.common.errors import DomainError

from .models import LoginThrottle, User


class LoginLocked(DomainError):
    """Too many failures: log-ins for this account or from this address wait a while."""

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(
            ngettext(
                "Too many failed log-in attempts. Try again in %(minutes)s minute.",
                "Too many failed log-in attempts. Try again in %(minutes)s minutes.",
                minutes,
            )
            % {"minutes": minutes},
            code="locked",
        )
        self.retry_after = retry_after


@dataclass(frozen=True)
class Limits:
    account: int
    address: int
    window: timedelta
    lockout: timedelta


def limits() -> Limits:
    return Limits(
        account=settings.DIGIBRIDGE_LOGIN_MAX_FAILURES,
        address=settings.DIGIBRIDGE_LOGIN_MAX_FAILURES_PER_IP,
        window=timedelta(seconds=settings.DIGIBRIDGE_LOGIN_FAILURE_WINDOW),
        lockout=timedelta(seconds=settings.DIGIBRIDGE_LOGIN_LOCKOUT_SECONDS),
    )


def account_key(email: str) -> str:
    digest = hashlib.sha256((email or "").strip().lower().encode()).hexdigest()
    return f"account:{digest}"


def address_key(ip: str) -> str:
    return f"ip:{ip}"


def _keys(email: str | None, ip: str | None) -> list[tuple[str, int]]:
    current = limits()
    keys = []
    if email:
        keys.append((account_key(email), current.account))
    if ip:
        keys.append((address_key(ip), current.address))
    return keys


def login_lock_check(*, email: str | None = None, ip: str | None = None) -> None:
    """Raise ``LoginLocked`` if the account or the address is locked now."""
    keys = [key for key, _limit in _keys(email, ip)]
    if not keys:
        return
    now = timezone.now()
    until = (
        LoginThrottle.objects.filter(key__in=keys, locked_until__gt=now)
        .order_by("-locked_until")
        .values_list("locked_until", flat=True)
        .first()
    )
    if until is not None:
        raise LoginLocked(int((until - now).total_seconds()) + 1)


@transaction.atomic
def _count(key: str, limit: int, now) -> bool:
    """Count one failure for ``key``; True if this failure locked it."""
    current = limits()
    row, created = LoginThrottle.objects.select_for_update().get_or_create(key=key)
    if created:  # keep the table small: drop counts whose window and lock are over
        LoginThrottle.objects.filter(first_failure_at__lt=now - current.window).exclude(
            locked_until__gt=now
        ).exclude(pk=row.pk).delete()
    if row.locked_until is not None and row.locked_until > now:
        return False
    expired = row.first_failure_at is None or now - row.first_failure_at > current.window
    if expired or row.locked_until is not None:
        row.failures, row.first_failure_at, row.locked_until = 0, now, None
    row.failures += 1
    locked = row.failures >= limit
    if locked:
        row.locked_until = now + current.lockout
    row.save()
    return locked


def login_failure_record(*, email: str | None = None, ip: str | None = None) -> LoginLocked | None:
    """Count a failed attempt; returns the lock if this attempt set one (audited)."""
    from .services import audit

    now = timezone.now()
    newly_locked = None
    for key, limit in _keys(email, ip):
        if _count(key, limit, now):
            scope = "account" if key.startswith("account:") else "address"
            user = (
                User.objects.filter(email__iexact=(email or "").strip()).first()
                if scope == "account"
                else None
            )
            audit(
                actor=None,
                action="login.lock",
                obj=user,
                scope=scope,
                ip=ip or "",
                until=(now + limits().lockout).isoformat(),
            )
            newly_locked = LoginLocked(int(limits().lockout.total_seconds()))
    return newly_locked


def login_success_record(*, email: str) -> None:
    """A complete log-in clears the account's failures."""
    LoginThrottle.objects.filter(key=account_key(email)).delete()


def _over_limit(key: str, limit: int, now) -> bool:
    """Count one request for ``key``; True if it is past ``limit`` (the key is then locked)."""
    if LoginThrottle.objects.filter(key=key, locked_until__gt=now).exists():
        return True
    return _count(key, limit + 1, now)


def password_reset_allowed(*, email: str, ip: str = "") -> bool:
    """Count a password-reset request; False once the address has asked
    ``DIGIBRIDGE_PASSWORD_RESET_MAX`` times (the client ten times that) within the window, so
    that nobody can flood an inbox. The page answers the same either way."""
    now = timezone.now()
    limit = settings.DIGIBRIDGE_PASSWORD_RESET_MAX
    keys = [("reset:" + account_key(email).removeprefix("account:"), limit)]
    if ip:
        keys.append((f"reset-ip:{ip}", limit * 10))
    return not any([_over_limit(key, key_limit, now) for key, key_limit in keys])
