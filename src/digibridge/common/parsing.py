from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .errors import DomainError


def parse_decimal(value, field: str, *, negative_ok: bool = True) -> Decimal | None:
    """An amount from a form or API value: empty is None; a decimal comma is accepted;
    anything else that is not a finite number (or a negative one, unless allowed) is a
    DomainError naming ``field``."""
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(_("Enter a number."), field=field) from exc
    if not number.is_finite():
        raise DomainError(_("Enter a number."), field=field)
    if number < 0 and not negative_ok:
        raise DomainError(_("The amount cannot be negative."), field=field)
    return number


def full_clean_or_error(obj, exclude=()) -> None:
    """Run the model's validation; its first problem becomes a DomainError on that field."""
    try:
        obj.full_clean(exclude=list(exclude or ()))
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from exc
