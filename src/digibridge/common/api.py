"""Shared pieces of the REST API: authentication, the acting user, error shapes."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from digibridge.accounts.services import api_token_user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer dgb_...`` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_user(token)
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
