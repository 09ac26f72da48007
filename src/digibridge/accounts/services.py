"""Account writes: sign-up, profile, API tokens, audit."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from digibridge.common.errors import DomainError

from .models import ApiToken, AuditEntry, User


def audit(*, actor: User | None, action: str, obj=None, **detail) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail,
    )


@transaction.atomic
def user_sign_up(
    *,
    email: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    language: str = "en",
    role: str = User.Role.ENTERPRISE,
) -> User:
    """Create an enterprise or partner account. Operators are made by administrators."""
    email = (email or "").strip().lower()
    if role not in (User.Role.ENTERPRISE, User.Role.PARTNER):
        raise DomainError(_("Choose enterprise or partner."), field="role")
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(_("An account with this e-mail address exists already."), field="email")
    candidate = User(email=email, first_name=first_name, last_name=last_name)
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from exc
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                first_name=first_name,
                last_name=last_name,
                language=language,
                role=role,
            )
    except IntegrityError as exc:  # a concurrent sign-up with the same address
        raise DomainError(
            _("An account with this e-mail address exists already."), field="email"
        ) from exc
    audit(actor=user, action="user.sign_up", obj=user)
    return user


@transaction.atomic
def user_update_profile(
    *, user: User, first_name: str, last_name: str, language: str, time_zone: str
) -> User:
    user.first_name = first_name
    user.last_name = last_name
    user.language = language
    user.time_zone = time_zone
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name", "language", "time_zone"])
    return user


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with the raw key, which is never stored."""
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the token a name."), field="name")
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user, name=name[:100], key_hash=ApiToken.hash(raw), prefix=raw[4:12]
    )
    audit(actor=user, action="api_token.create", obj=token)
    return token, raw


def api_token_user(raw: str, *, ip: str = "") -> User | None:
    """The active user a raw token belongs to, else None.

    With the caller's address, an unknown token counts as a failed log-in for that address
    (see ``throttle``); once the address is locked, raises ``LoginLocked`` instead of
    answering, so tokens cannot be guessed. A valid token costs no extra query."""
    from .throttle import login_failure_record, login_lock_check

    token = (
        ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(raw or "")).first()
    )
    if token is None or not token.user.is_active:
        if ip:
            login_lock_check(ip=ip)
            locked = login_failure_record(ip=ip)
            if locked is not None:
                raise locked
        return None
    return token.user
