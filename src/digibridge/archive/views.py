from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibridge.common.errors import DomainError, NotFoundError

from . import selectors, services


def _admin_only(request) -> None:
    if not services.is_platform_admin(request.user):
        raise PermissionDenied


@login_required
def exports(request):
    _admin_only(request)
    items = selectors.exports_list(services.exports_dir())
    return render(
        request,
        "archive/exports.html",
        {"exports": items, "running": any(item["state"] == "running" for item in items)},
    )


@login_required
@require_POST
def export_new(request):
    _admin_only(request)
    try:
        name = services.export_request(by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    except Exception as exc:  # the eager task failed; its .error file says why
        messages.error(request, _("The export failed: %(error)s") % {"error": exc})
    else:
        messages.success(request, _("Export %(name)s started.") % {"name": name})
    return redirect("archive:exports")


@login_required
def export_download(request, name: str):
    _admin_only(request)
    try:
        path = services.export_path(name=name, by=request.user)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    return FileResponse(
        open(path, "rb"),  # noqa: SIM115 - FileResponse closes it
        as_attachment=True,
        filename=name,
        content_type="application/zip",
    )


@login_required
@require_POST
def export_remove(request, name: str):
    _admin_only(request)
    try:
        services.export_delete(name=name, by=request.user)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    messages.success(request, _("Export %(name)s deleted.") % {"name": name})
    return redirect("archive:exports")
