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


def _check_database() -> dict:
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means "down"; say which
        return {"status": "down", "error": str(exc)[:200]}
    return {"status": "ok", "engine": connection.vendor}


def _check_broker() -> dict:
    if not settings.CELERY_BROKER_URL:
        return {"status": "not_configured", "mode": "in-process"}
    from digibridge.config.celery import app

    timeout = settings.DIGIBRIDGE_HEALTH_TIMEOUT
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=timeout)
    except Exception as exc:  # noqa: BLE001
        return {
            "status": "down",
            "error": str(exc)[:200],
            "fallback": "tasks run in-process on the app servers until the broker is back",
        }
    return {"status": "ok", "transport": app.conf.broker_url.split(":", 1)[0]}


def _check_matching() -> dict:
    from digibridge.matching.index_store import health

    try:
        return health()
    except Exception as exc:  # noqa: BLE001
        return {"status": "down", "error": str(exc)[:200]}


def healthz(request):
    """Liveness and readiness for load balancers and monitors, as JSON.

    503 when the database is down: this server cannot do its work. A broker that is down or a
    matching model that failed only degrade the service (tasks then run in-process; the
    marketplace works without matches), so they show as ``"status": "degraded"`` with 200.
    No check takes longer than ``DIGIBRIDGE_HEALTH_TIMEOUT`` seconds for the broker; nothing
    is built or loaded here.
    """
    from django.http import JsonResponse

    checks = {"database": _check_database(), "broker": _check_broker()}
    checks["matching"] = (
        _check_matching() if checks["database"]["status"] == "ok" else {"status": "unknown"}
    )
    down = checks["database"]["status"] == "down"
    degraded = checks["matching"]["status"] != "ok" or checks["broker"]["status"] == "down"
    status = "down" if down else "degraded" if degraded else "ok"
    return JsonResponse({"status": status, "checks": checks}, status=503 if down else 200)
