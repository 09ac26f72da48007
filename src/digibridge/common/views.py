from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibridge.common.selectors import home_figures


def home(request):
    return render(request, "common/home.html", home_figures(user=request.user))


@require_POST
def set_time_zone(request):
    """Remember the viewer's time zone choice (in the profile when logged in)."""
    tzname = request.POST.get("time_zone", "")
    if tzname not in settings.PLATFORM_TIME_ZONES:
        try:
            zoneinfo.ZoneInfo(tzname)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            messages.error(request, _("Unknown time zone."))
            tzname = ""
    if tzname:
        request.session["time_zone"] = tzname
        if request.user.is_authenticated:
            request.user.time_zone = tzname
            request.user.save(update_fields=["time_zone"])
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


def healthz(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
