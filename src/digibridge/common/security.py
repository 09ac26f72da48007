"""Security helpers shared by every app: client address, safe redirects, sanitised rich text,
the Content-Security-Policy header and the serving of uploaded files.

See docs/security.md for what each protects against and the settings that tune it.
"""

from __future__ import annotations

import mimetypes
import secrets

import nh3
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.views.static import serve

# --- the client's address ---------------------------------------------------------------------


def client_ip(request: HttpRequest | None) -> str:
    """The address the request came from.

    Behind ``DIGIBRIDGE_TRUSTED_PROXIES`` reverse proxies, each appends the address it saw to
    ``X-Forwarded-For``; the client is that many entries from the right. Entries further left
    come from the client itself and are not trusted.
    """
    if request is None:
        return ""
    proxies = getattr(settings, "DIGIBRIDGE_TRUSTED_PROXIES", 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies][:64]
    return (request.META.get("REMOTE_ADDR") or "")[:64]


# --- redirects --------------------------------------------------------------------------------


def safe_next(request: HttpRequest, target: str | None, fallback: str) -> str:
    """``target`` if it stays on this site (same host, no other scheme), else ``fallback``.

    Refuses ``//evil.example``, ``https://evil.example``, ``/\\evil.example`` and the like:
    every view that redirects to a user-supplied ``next`` goes through here.
    """
    if target and url_has_allowed_host_and_scheme(
        target,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return target
    return fallback


# --- rich text --------------------------------------------------------------------------------

RICH_TEXT_TAGS = {
    "a",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
RICH_TEXT_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan"}, "th": {"colspan"}}


def sanitize_html(html: str | None) -> SafeString:
    """User-written HTML reduced to harmless formatting: no scripts, styles, event handlers,
    frames, forms or images; links only to http(s) and mail addresses, with
    ``rel="noopener noreferrer nofollow"``."""
    cleaned = nh3.clean(
        html or "",
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        clean_content_tags={"script", "style"},
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just removed everything unsafe


# --- Content-Security-Policy ------------------------------------------------------------------


def content_security_policy(nonce: str) -> str:
    """The policy: everything from this site only, scripts and style elements also with the
    response's nonce; no plug-ins, no framing, forms post only here."""
    configured = getattr(settings, "DIGIBRIDGE_CSP", "")
    if configured:
        return configured.replace("{nonce}", nonce)
    return (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        f"style-src 'self' 'nonce-{nonce}'; "
        "img-src 'self' data:; "
        "font-src 'self'; "
        "connect-src 'self'; "
        "object-src 'none'; "
        "base-uri 'self'; "
        "form-action 'self'; "
        "frame-ancestors 'none'"
    )


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy (or its report-only form) and Permissions-Policy.

    A template that needs an inline ``<script>`` gives it ``nonce="{{ request.csp_nonce }}"``.
    A response that already carries a policy (downloads with ``sandbox``) keeps its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        nonce = secrets.token_urlsafe(16)
        request.csp_nonce = SimpleLazyObject(lambda: nonce)
        response = self.get_response(request)
        mode = getattr(settings, "DIGIBRIDGE_CSP_MODE", "enforce")
        if mode != "off" and "Content-Security-Policy" not in response:
            header = (
                "Content-Security-Policy-Report-Only"
                if mode == "report-only"
                else "Content-Security-Policy"
            )
            response[header] = content_security_policy(nonce)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response


# --- request size -----------------------------------------------------------------------------


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than ``DIGIBRIDGE_MAX_REQUEST_BYTES`` with 413 before
    anything reads it (Django limits form fields, not files: a huge upload would otherwise
    fill the temporary folder before a view could say no). Each upload's own limit is
    checked by its service; this is the outer bound."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = getattr(settings, "DIGIBRIDGE_MAX_REQUEST_BYTES", 0)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            with translation.override(translation.get_language_from_request(request)):
                message = gettext("The upload is too large: at most %(size)s MB at once.") % {
                    "size": limit // (1024 * 1024)
                }
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


# --- uploaded files ---------------------------------------------------------------------------

# Types a browser may show inline from the media URL: raster images only. Everything else
# (SVG, HTML, PDF, office files, unknown) is sent as a download that the browser does not
# render or sniff.
INLINE_MEDIA_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


def serve_media(request, path: str, document_root=None):
    """Serve a public upload from MEDIA_ROOT (read per request), never as a page of this site.

    Only folders named in ``DIGIBRIDGE_PUBLIC_MEDIA`` (organisation logos) are served: agreement
    and order documents also live under MEDIA_ROOT but leave only through their views, which
    check permissions. Only raster images are shown inline; anything else is an attachment of
    type ``application/octet-stream``. Every file gets ``nosniff`` and a sandboxing policy.
    """
    public = getattr(settings, "DIGIBRIDGE_PUBLIC_MEDIA", ("logos/",))
    if not path.startswith(tuple(public)) or ".." in path.split("/"):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    guessed, _encoding = mimetypes.guess_type(path)
    if guessed not in INLINE_MEDIA_TYPES:
        filename = path.rsplit("/", 1)[-1].replace('"', "")
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
