from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from digibridge.accounts.services import audit
from digibridge.common.errors import DomainError
from digibridge.common.pagination import paginate
from digibridge.directory.models import Person
from digibridge.directory.selectors import is_operator, operator_centre

from . import selectors, services
from .export import personal_data
from .forms import AuditFilterForm, ConsentForm, EraseForm


def _operator_only(request) -> None:
    if not is_operator(request.user):
        raise Http404


@login_required
def my_data(request):
    overview = selectors.consent_overview(user=request.user)
    current = {item["purpose"]: item["granted"] for item in overview}
    form = ConsentForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.consents_set(
                user=request.user, by=request.user, choices=form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if created:
                messages.success(request, _("Your choices are saved."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect("privacy:my_data")
    return render(
        request,
        "privacy/my_data.html",
        {
            "form": form,
            "overview": overview,
            "history": selectors.consent_history(user=request.user)[:50],
        },
    )


@login_required
def export(request):
    data = personal_data(user=request.user)
    audit(actor=request.user, action="privacy.export", obj=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="digibridge-my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def erase(request):
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_erase(
                user=request.user, by=request.user, password=form.cleaned_data["password"]
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            logout(request)
            messages.success(request, _("Your personal data has been erased. Goodbye."))
            return redirect("common:home")
    return render(request, "privacy/erase.html", {"form": form})


@login_required
def person_erase(request, pk: int):
    _operator_only(request)
    person = get_object_or_404(Person.objects.select_related("organisation", "user"), pk=pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            services.person_erase(person=person, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The person's data has been erased."))
            return redirect("directory:detail", person.organisation.slug)
    return render(request, "privacy/person_erase.html", {"person": person})


@login_required
def processing_record(request):
    _operator_only(request)
    return render(
        request,
        "privacy/processing_record.html",
        {
            "activities": selectors.processing_record(),
            "location": selectors.data_location(),
            "retention_days": services.retention_days(),
            "due": services.registrations_past_retention().count(),
            "anonymised": selectors.anonymisation_counts(),
        },
    )


@login_required
def audit_log(request):
    _operator_only(request)
    form = AuditFilterForm(request.GET or None, object_types=selectors.audit_object_types())
    centre = operator_centre(request.user)
    page = paginate(request, selectors.audit_search(**form.filters(), centre=centre))
    return render(request, "privacy/audit_log.html", {"form": form, "page_obj": page})


@login_required
@require_POST
def retention_run(request):
    _operator_only(request)
    if request.POST.get("confirm") != "yes":
        return redirect("privacy:processing")
    count = services.registrations_anonymise_expired()
    messages.success(
        request,
        ngettext(
            "%(count)s registration past the retention period was anonymised.",
            "%(count)s registrations past the retention period were anonymised.",
            count,
        )
        % {"count": count},
    )
    return redirect("privacy:processing")
