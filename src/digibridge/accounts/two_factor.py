"""Two-factor authentication with time-based one-time passwords (TOTP, RFC 6238).

A user enrols by scanning a QR code into an authenticator app and confirming one code; they
then get ten one-time recovery codes (only their SHA-256 is stored). At log-in, after the
password, they give a current code or a recovery code. Wrong codes count towards the log-in
throttle like wrong passwords. ``DIGIBRIDGE_OPERATOR_2FA_REQUIRED`` makes enrolment mandatory
for operators and administrators (see ``middleware.TwoFactorMiddleware``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import pyotp
import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from digibridge.common.errors import DomainError

from .models import RecoveryCode, TwoFactorDevice, User
from .services import audit
from .throttle import login_failure_record, login_lock_check

RECOVERY_CODE_COUNT = 10
STEP_SECONDS = 30


def two_factor_enabled(user) -> bool:
    return TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def two_factor_required(user) -> bool:
    """Whether this user must enrol before using the platform."""
    return bool(getattr(settings, "DIGIBRIDGE_OPERATOR_2FA_REQUIRED", False)) and user.is_operator


def _hash(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").replace(" ", "").lower().encode()).hexdigest()


def _new_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = []
    for _i in range(RECOVERY_CODE_COUNT):
        raw = secrets.token_hex(5)  # 40 bits each, one use, behind the log-in throttle
        codes.append(f"{raw[:5]}-{raw[5:]}")
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_hash(c)) for c in codes)
    return codes


@transaction.atomic
def two_factor_start(*, user: User) -> TwoFactorDevice:
    """A new secret, waiting for its first code. Replaces an unconfirmed one."""
    if two_factor_enabled(user):
        raise DomainError(_("Two-factor authentication is on already."))
    TwoFactorDevice.objects.filter(user=user).delete()
    return TwoFactorDevice.objects.create(user=user, secret=pyotp.random_base32())


def provisioning_uri(device: TwoFactorDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(
        name=device.user.email, issuer_name=getattr(settings, "PLATFORM_NAME", "DigiBridge")
    )


def provisioning_qr_svg(device: TwoFactorDevice) -> SafeString:
    svg = segno.make(provisioning_uri(device), error="m").svg_inline(
        scale=4, title=_("Scan with your authenticator app")
    )
    return mark_safe(svg)  # noqa: S308 - segno's own SVG markup, the URI is escaped by segno


def _match_totp(device: TwoFactorDevice, code: str) -> int | None:
    """The time step ``code`` belongs to (now, or one step either side), if not used yet."""
    code = code.replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(device.secret)
    now_step = int(time.time()) // STEP_SECONDS
    for step in (now_step - 1, now_step, now_step + 1):
        if step > device.last_step and hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


@transaction.atomic
def two_factor_confirm(*, user: User, code: str) -> list[str]:
    """Switch 2FA on with a first code from the app; returns the recovery codes, shown once."""
    device = (
        TwoFactorDevice.objects.select_for_update()
        .filter(user=user, confirmed_at__isnull=True)
        .first()
    )
    if device is None:
        raise DomainError(_("Start again: scan a new QR code."))
    step = _match_totp(device, code or "")
    if step is None:
        raise DomainError(
            _("That code is not right. Enter the 6 digits your app shows now."), field="code"
        )
    device.confirmed_at = timezone.now()
    device.last_step = step
    device.save(update_fields=["confirmed_at", "last_step"])
    codes = _new_recovery_codes(user)
    audit(actor=user, action="two_factor.enable", obj=user)
    return codes


def two_factor_verify(*, user: User, code: str, ip: str = "") -> str:
    """Check a log-in code (TOTP or recovery code); returns "totp" or "recovery".

    Raises ``LoginLocked`` while locked, ``DomainError`` for a wrong code (counted).
    """
    login_lock_check(email=user.email, ip=ip)
    code = (code or "").strip()
    with transaction.atomic():
        device = (
            TwoFactorDevice.objects.select_for_update()
            .filter(user=user, confirmed_at__isnull=False)
            .first()
        )
        if device is None:
            raise DomainError(_("Two-factor authentication is not on for this account."))
        step = _match_totp(device, code)
        if step is not None:
            device.last_step = step
            device.save(update_fields=["last_step"])
            return "totp"
        used = RecoveryCode.objects.filter(
            user=user, code_hash=_hash(code), used_at__isnull=True
        ).update(used_at=timezone.now())
        if used:
            audit(actor=user, action="two_factor.recovery_code_used", obj=user)
            return "recovery"
    locked = login_failure_record(email=user.email, ip=ip)
    if locked is not None:
        raise locked
    raise DomainError(_("That code is not right."), field="code")


def _check_password(user: User, password: str) -> None:
    """The password again, throttled like a log-in (a borrowed session cannot guess it)."""
    login_lock_check(email=user.email)
    if not user.check_password(password or ""):
        locked = login_failure_record(email=user.email)
        if locked is not None:
            raise locked
        raise DomainError(_("Your password is not right."), field="password")


def two_factor_disable(*, user: User, password: str) -> None:
    """Switch 2FA off; asks for the password again (checked outside the transaction, so that a
    wrong one stays counted)."""
    _check_password(user, password)
    if two_factor_required(user):
        raise DomainError(_("Operators must keep two-factor authentication on."))
    with transaction.atomic():
        TwoFactorDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        audit(actor=user, action="two_factor.disable", obj=user)


def recovery_codes_renew(*, user: User, password: str) -> list[str]:
    _check_password(user, password)
    if not two_factor_enabled(user):
        raise DomainError(_("Two-factor authentication is not on for this account."))
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        audit(actor=user, action="two_factor.recovery_codes_renew", obj=user)
    return codes


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
