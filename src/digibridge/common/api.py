"""Shared pieces of the REST API: authentication, the acting user, error shapes."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination as NinjaLimitOffsetPagination
from ninja.security import HttpBearer, SessionAuth

from digibridge.accounts.services import api_token_user
from digibridge.common.counting import listing_count
from digibridge.common.security import client_ip


class TokenAuth(HttpBearer):
    """``Authorization: Bearer dgb_...`` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str):
        # Unknown tokens count as failed log-ins for the caller's address (accounts/throttle).
        user = api_token_user(token, ip=client_ip(request))
        if user is not None:
            request.user = user
        return user


class PublicRead:
    """Lets anonymous callers through; they see what an anonymous page visitor sees."""

    openapi_type = None

    def __call__(self, request: HttpRequest):
        return AnonymousUser()


token_auth = TokenAuth()
session_auth = SessionAuth()
WRITE_AUTH = [token_auth, session_auth]
READ_AUTH = [token_auth, session_auth, PublicRead()]


def actor(request: HttpRequest):
    """The user an API call acts as (a token's user, the session's user, or anonymous)."""
    auth = getattr(request, "auth", None)
    if auth is not None and getattr(auth, "is_authenticated", False):
        return auth
    user = getattr(request, "user", None)
    return user if user is not None else AnonymousUser()


def field_error(message: str, field: str | None = None, location: str = "body") -> dict:
    loc = [location, field] if field else [location]
    return {"detail": [{"loc": loc, "msg": message, "type": "value_error"}]}


MAX_LIMIT = 500
MAX_OFFSET = 10**9


class LimitOffsetPagination(NinjaLimitOffsetPagination):
    """Ninja's limit/offset pagination with both numbers bounded.

    An unbounded ``offset`` lets a caller ask for row 10^30, which the database refuses with an
    overflow (a 500); out-of-range values are a 422 with the field named instead."""

    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)

    def _items_count(self, queryset) -> int:
        if isinstance(queryset, QuerySet):
            return listing_count(queryset)
        return super()._items_count(queryset)
