from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.cooperation.selectors import agreement_search
from digibridge.directory.selectors import centre_q, is_operator, operator_centre

from . import exports, importing, pdf, selectors, services
from .forms import DashboardFilterForm, ImportUploadForm
from .models import ImportedRecord, ImportJob

PREVIEW_ROWS = 20
SESSION_KEY = "reports_imports"


def _operator_only(request) -> None:
    if not is_operator(request.user):
        raise Http404


def _download(content: bytes, filename: str, fmt: str) -> HttpResponse:
    content_type = exports.XLSX_CONTENT_TYPE if fmt == "xlsx" else exports.CSV_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _stamp() -> str:
    return timezone.localdate().isoformat()


def _events_for_reports(user):
    from digibridge.events.models import Event

    return (
        Event.objects.filter(centre_q(user, "host"))
        .order_by("-start")
        .only("pk", "slug", "name", "names", "start")
    )


def _dashboard_filters(request, form) -> selectors.DashboardFilters:
    """The form's filters, limited to the service centre of an operator who has one."""
    return replace(form.dashboard_filters(), centre=operator_centre(request.user))


@login_required
def dashboard(request):
    _operator_only(request)
    form = DashboardFilterForm(request.GET or None)
    data = selectors.dashboard(_dashboard_filters(request, form))
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "data": data,
            "chart_labels": {
                "count": _("Count"),
                "agreements": _("Agreements"),
                "value": _("Value (%(currency)s)") % {"currency": data["valuation"]["currency"]},
            },
            "query": request.GET.urlencode(),
            "tables": selectors.dashboard_tables(data),
            "events": _events_for_reports(request.user),
            "pdf_font_missing": not pdf.font_available(),
        },
    )


@login_required
def event_report(request, slug: str):
    """The event's report for the bureau as a PDF, in the user's language."""
    from digibridge.events.models import Event

    # An operator limited to a service centre reports on that centre's events only.
    event = Event.objects.select_related("host").filter(centre_q(request.user, "host"), slug=slug)
    event = event.first()
    if event is None:
        raise Http404
    try:
        content = services.event_report_pdf(event=event, by=request.user)
    except PermissionDeniedError as exc:
        raise Http404 from exc
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="event-report-{event.slug}-{_stamp()}.pdf"'
    )
    return response


@login_required
def dashboard_export(request, fmt: str):
    _operator_only(request)
    form = DashboardFilterForm(request.GET or None)
    tables = selectors.dashboard_tables(selectors.dashboard(_dashboard_filters(request, form)))
    if fmt == "xlsx":
        return _download(exports.to_xlsx(tables.values()), f"dashboard-{_stamp()}", "xlsx")
    if fmt == "csv":
        name = request.GET.get("table", "funnel")
        if name not in tables:
            raise Http404
        _title, headers, rows = tables[name]
        return _download(exports.to_csv(headers, rows), f"{name}-{_stamp()}", "csv")
    raise Http404


@login_required
def agreements_export(request, fmt: str):
    """The agreements the user may see (operators: all), with the list page's filters."""
    from digibridge.cooperation.forms import AgreementFilterForm

    form = AgreementFilterForm(request.GET or None)
    agreements = agreement_search(user=request.user, **form.filters()).select_related(
        "source_opportunity__owner", "counterpart_opportunity__owner"
    )
    headers, rows = selectors.agreement_table(agreements)
    if fmt == "xlsx":
        content = exports.to_xlsx([(_("Agreements"), headers, rows)])
    elif fmt == "csv":
        content = exports.to_csv(headers, rows)
    else:
        raise Http404
    return _download(content, f"agreements-{_stamp()}", fmt)


# --- import: upload → preview with the validation report → import ----------------------


def _kind_choices():
    return [(k.value, k.label) for k in ImportedRecord.Kind]


@login_required
def import_upload(request):
    _operator_only(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None, kinds=_kind_choices())
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            form.add_error("file", _("Upload an .xlsx or a .csv file."))
        else:
            token = uuid.uuid4().hex
            target = services.imports_dir() / f"{token}{suffix}"
            with open(target, "wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            pending = request.session.get(SESSION_KEY, {})
            pending[token] = {
                "kind": form.cleaned_data["kind"],
                "file": target.name,
                "name": upload.name[:200],
            }
            request.session[SESSION_KEY] = pending
            return redirect("reports:import_preview", token)
    return render(
        request,
        "reports/import_upload.html",
        {
            "form": form,
            "columns": [(k, importing.template_headers(k.value)) for k in ImportedRecord.Kind],
            "jobs": ImportJob.objects.filter(created_by=request.user)[:10],
        },
    )


def _pending(request, token: str) -> tuple[dict, Path]:
    pending = request.session.get(SESSION_KEY, {}).get(token)
    if pending is None:
        raise Http404
    path = services.imports_dir() / pending["file"]
    if not path.exists():
        raise Http404
    return pending, path


def _forget(request, token: str, path: Path) -> None:
    pending = request.session.get(SESSION_KEY, {})
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    path.unlink(missing_ok=True)


@login_required
def import_preview(request, token: str):
    _operator_only(request)
    pending, path = _pending(request, token)
    try:
        outcome = services.import_file(path, kind=pending["kind"], by=request.user, dry_run=True)
    except DomainError as exc:
        _forget(request, token, path)
        messages.error(request, exc.message)
        return redirect("reports:import")
    report = outcome.report
    if pending.get("rows") != report.rows_read:
        pending["rows"] = report.rows_read
        request.session[SESSION_KEY] = {**request.session.get(SESSION_KEY, {}), token: pending}
    headers = importing.template_headers(pending["kind"])
    preview = [[record.get(h, "") for h in headers] for record in report.records[:PREVIEW_ROWS]]
    return render(
        request,
        "reports/import_preview.html",
        {
            "token": token,
            "pending": pending,
            "report": report,
            "headers": headers,
            "preview": preview,
            "kind_label": ImportedRecord.Kind(pending["kind"]).label,
        },
    )


@login_required
@require_POST
def import_confirm(request, token: str):
    _operator_only(request)
    pending, path = _pending(request, token)
    if request.POST.get("action") == "cancel":
        _forget(request, token, path)
        messages.info(request, _("Import cancelled; nothing was imported."))
        return redirect("reports:import")
    job = services.import_job_start(
        by=request.user,
        kind=pending["kind"],
        file_name=pending["file"],
        original_name=pending["name"],
        expected_rows=pending.get("rows") or 0,
    )
    # The job owns the file now: forget the pending upload without deleting it.
    request.session[SESSION_KEY] = {
        k: v for k, v in request.session.get(SESSION_KEY, {}).items() if k != token
    }
    return redirect("reports:import_job", job.token)


def _job_context(request, token: str) -> dict:
    _operator_only(request)
    job = services.import_job_for(token=token, user=request.user)
    if job is None:
        raise Http404
    progress = services.import_job_progress(job) if not job.finished else {}
    stage_labels = {
        "validate": _("Checking the rows…"),
        "write": _("Writing the rows…"),
    }
    return {
        "job": job,
        "progress": progress,
        "stage_label": stage_labels.get(progress.get("stage", ""), _("Waiting to start…")),
        "kind_label": ImportedRecord.Kind(job.kind).label,
    }


@login_required
def import_job(request, token: str):
    """The import's progress while it runs, its report when it is done."""
    return render(request, "reports/import_job.html", _job_context(request, token))


@login_required
def import_job_progress(request, token: str):
    """The progress fragment the job page polls (htmx) until the job has finished."""
    return render(request, "reports/_import_progress.html", _job_context(request, token))


@login_required
def import_template(request, kind: str, fmt: str):
    """An empty spreadsheet with the columns of ``kind``."""
    _operator_only(request)
    if kind not in importing.KINDS:
        raise Http404
    headers = importing.template_headers(kind)
    if fmt == "xlsx":
        return _download(exports.to_xlsx([(kind, headers, [])]), f"{kind}-template", "xlsx")
    if fmt == "csv":
        return _download(exports.to_csv(headers, []), f"{kind}-template", "csv")
    raise Http404
