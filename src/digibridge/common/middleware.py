from __future__ import annotations

import json
import re
import zoneinfo

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy


class TimezoneMiddleware:
    """Activate the viewer's time zone: their profile's, else the session's choice."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tzname = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.time_zone:
            tzname = user.time_zone
        elif hasattr(request, "session"):
            tzname = request.session.get("time_zone")
        if tzname:
            try:
                timezone.activate(zoneinfo.ZoneInfo(tzname))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


INT64_MAX = 2**63 - 1
_INTEGER = re.compile(r"-?\d{19,}")


def _out_of_range(text: str) -> bool:
    return bool(_INTEGER.fullmatch(text)) and abs(int(text)) > INT64_MAX


def _json_problem(value) -> str | None:
    """``"out_of_range"`` or ``"nul"`` for the first unstorable value inside a JSON document."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return "out_of_range" if abs(value) > INT64_MAX else None
    if isinstance(value, str):
        return "nul" if "\x00" in value else None
    children = (
        value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    )
    if isinstance(value, dict) and any("\x00" in key for key in value):
        return "nul"
    for child in children:
        if problem := _json_problem(child):
            return problem
    return None


class InputGuardMiddleware:
    """Refuse input that no database column can store, before any view runs.

    * A NUL character in a query string or API body (PostgreSQL text cannot hold one: the
      query would fail with a 500 and abort the transaction). Forms refuse it on their own.
    * On the API, a whole number beyond 64 bits in a path, query string or JSON body (an id or
      offset of 10^30 overflows the database column).

    Pages answer 400; the API answers 422 saying where the value is."""

    MESSAGES = {
        "nul": _lazy("This value contains a NUL character, which is not allowed."),
        "out_of_range": _lazy("This number is out of range."),
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path.startswith("/api/")
        found = self._offending(request, api)
        if found is None:
            return self.get_response(request)
        kind, where = found
        message = str(self.MESSAGES[kind])
        if api:
            detail = [{"loc": list(where), "msg": message, "type": kind}]
            return JsonResponse({"detail": detail}, status=422)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")

    @staticmethod
    def _offending(request, api: bool) -> tuple[str, tuple[str, ...]] | None:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in v for v in values):
                return "nul", ("query", key.replace("\x00", ""))
        if not api:
            return None
        for segment in request.path.split("/"):
            if _out_of_range(segment):
                return "out_of_range", ("path", segment)
        for key, values in request.GET.lists():
            if any(_out_of_range(v.strip()) for v in values):
                return "out_of_range", ("query", key)
        if request.content_type == "application/json" and request.body:
            try:
                payload = json.loads(request.body)
            except ValueError:
                return None  # the API's own parser reports malformed JSON
            if problem := _json_problem(payload):
                return problem, ("body",)
        elif (
            request.method == "POST" and request.content_type == "application/x-www-form-urlencoded"
        ):
            # Not multipart: reading it here would consume the upload stream the API reads.
            for key, values in request.POST.lists():
                if any("\x00" in v for v in values):
                    return "nul", ("form", key)
        return None
