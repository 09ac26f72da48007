"""Domain errors raised by services; views and the API turn them into messages."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused the operation. ``message`` is already translated."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class PermissionDeniedError(DomainError):
    """The acting user may not do this."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="forbidden")


class NotFoundError(DomainError):
    """The object does not exist or is not visible to the acting user."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="not_found")
