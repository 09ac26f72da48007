"""The REST API under /api/v1/: one router per app, JSON errors everywhere."""

from __future__ import annotations

import logging

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from digibridge.accounts.throttle import LoginLocked
from digibridge.common.api import field_error
from digibridge.common.errors import DomainError, NotFoundError, PermissionDeniedError
from digibridge.cooperation.api import router as cooperation_router
from digibridge.directory.api import router as directory_router
from digibridge.events.api import router as events_router
from digibridge.marketplace.api import router as marketplace_router
from digibridge.marketplace.orders_api import router as orders_router
from digibridge.matching.api import router as matching_router
from digibridge.outreach.api import router as outreach_router
from digibridge.privacy.api import router as privacy_router

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="DigiBridge API",
    version="1",
    description=(
        "Organisations, people, sectors, networks and opportunities of a DigiBridge platform. "
        "Authenticate with a session (the web pages' login) or with "
        "`Authorization: Bearer <token>` (create a token on your profile page)."
    ),
    docs_url="/docs",
    urls_namespace="api",
)
api.add_router("/", directory_router)
api.add_router("/", marketplace_router)
api.add_router("/", orders_router)


api.add_router("/", matching_router)
api.add_router("/", events_router)
api.add_router("/", cooperation_router)
api.add_router("/", outreach_router)
api.add_router("/", privacy_router)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    return api.create_response(request, {"detail": exc.errors}, status=422)


@api.exception_handler(PermissionDeniedError)
def on_forbidden(request, exc: PermissionDeniedError):
    return api.create_response(request, {"detail": exc.message}, status=403)


@api.exception_handler(NotFoundError)
def on_not_found(request, exc: NotFoundError):
    return api.create_response(request, {"detail": exc.message}, status=404)


@api.exception_handler(LoginLocked)
def on_login_locked(request, exc: LoginLocked):
    response = api.create_response(request, {"detail": exc.message}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return api.create_response(request, field_error(exc.message, exc.field), status=422)


@api.exception_handler(PermissionDenied)
def on_django_forbidden(request, exc):
    return api.create_response(request, {"detail": _("Permission denied.")}, status=403)


@api.exception_handler(Http404)
def on_404(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(ObjectDoesNotExist)
def on_does_not_exist(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(request, {"detail": _("Authentication required.")}, status=401)


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(Exception)
def on_unexpected(request, exc: Exception):
    logger.exception("Unexpected API error on %s", request.path)
    return api.create_response(
        request, {"detail": _("Something went wrong on our side; it has been logged.")}, status=500
    )
