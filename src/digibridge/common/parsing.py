from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .errors import DomainError


def parse_decimal(value, field: str) -> Decimal | None:
    """An amount from a form or API value; empty is None, anything else not a number is a
    DomainError naming ``field``."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(_("Enter a number."), field=field) from exc
