from __future__ import annotations

import zoneinfo

from django.utils import timezone


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
