from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibridge.common.errors import DomainError
from digibridge.common.pagination import paginate
from digibridge.common.security import safe_next
from digibridge.directory.selectors import (
    can_act_for,
    centre_q,
    is_operator,
    organisations_visible_to,
)
from digibridge.marketplace.models import Opportunity
from digibridge.marketplace.selectors import opportunities_visible_to, opportunity_search

from . import selectors, services
from .forms import ConsoleFilterForm
from .index_store import status as index_status


def _opportunity(request, pk: int) -> Opportunity:
    opportunity = (
        opportunities_visible_to(request.user).select_related("owner").filter(pk=pk).first()
    )
    if opportunity is None:
        raise Http404
    return opportunity


def opportunity_matches(request, pk: int):
    """The matches panel of an opportunity page (loaded in place with htmx)."""
    opportunity = _opportunity(request, pk)
    found = selectors.matches_for(opportunity=opportunity, viewer=request.user)
    return render(
        request,
        "matching/matches_panel.html",
        {
            "opportunity": opportunity,
            "found": found,
            "can_judge": can_act_for(request.user, opportunity.owner),
            "is_operator": is_operator(request.user),
        },
    )


def organisation_matches(request, slug: str):
    organisation = organisations_visible_to(request.user).filter(slug=slug).first()
    if organisation is None:
        raise Http404
    rows = selectors.organisation_matches(organisation=organisation, viewer=request.user)
    return render(
        request, "matching/organisation_matches.html", {"org": organisation, "rows": rows}
    )


@login_required
@require_POST
def feedback(request, pk: int, target: int):
    source = _opportunity(request, pk)
    target_opportunity = _opportunity(request, target)
    verdict = request.POST.get("verdict", "")
    try:
        if verdict == "clear":
            services.match_feedback_clear(source=source, target=target_opportunity, by=request.user)
        else:
            found = selectors.matches_for(opportunity=source, viewer=request.user, k=50)
            features = next(
                (m.features for m in found.matches if m.opportunity.pk == target_opportunity.pk),
                {},
            )
            services.match_feedback_record(
                source=source,
                target=target_opportunity,
                by=request.user,
                verdict=verdict,
                features=features,
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    if request.htmx:
        return opportunity_matches(request, pk)
    return redirect("marketplace:detail", pk)


@login_required
@require_POST
def override(request, pk: int, target: int):
    source = _opportunity(request, pk)
    target_opportunity = _opportunity(request, target)
    action = request.POST.get("action") or None
    try:
        services.match_override_set(
            source=source,
            target=target_opportunity,
            by=request.user,
            action=None if action == "clear" else action,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    if request.htmx:
        return opportunity_matches(request, pk)
    return redirect("marketplace:detail", pk)


@login_required
@require_POST
def introduce(request, pk: int, target: int):
    source = _opportunity(request, pk)
    target_opportunity = _opportunity(request, target)
    try:
        sent = services.match_introduce(
            source=source,
            target=target_opportunity,
            by=request.user,
            message=request.POST.get("message", "")[:2000],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Introduction sent to %(count)s people.") % {"count": sent})
    return redirect(safe_next(request, request.POST.get("next"), reverse("matching:console")))


@login_required
@require_POST
def propose_meeting(request, pk: int, target: int):
    source = _opportunity(request, pk)
    target_opportunity = _opportunity(request, target)
    try:
        meeting_request = services.match_propose_meeting(
            source=source, target=target_opportunity, by=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Meeting proposed at %(event)s; %(name)s is asked to accept it.")
            % {
                "event": meeting_request.sender.event.name,
                "name": meeting_request.recipient.person,
            },
        )
    return redirect(safe_next(request, request.POST.get("next"), reverse("matching:console")))


@login_required
def console(request):
    """The operators' matchmaking console: every open request with its best offers."""
    if not is_operator(request.user):
        raise Http404
    form = ConsoleFilterForm(request.GET or None)
    requests = opportunity_search(
        user=request.user, kind=Opportunity.Kind.REQUEST, open_only=True, **form.filters()
    ).filter(centre_q(request.user, "owner"))
    page = paginate(request, requests, per_page=10)
    rows = [
        (opportunity, selectors.matches_for(opportunity=opportunity, viewer=request.user, k=3))
        for opportunity in page
    ]
    return render(
        request,
        "matching/console.html",
        {
            "form": form,
            "page_obj": page,
            "rows": rows,
        },
    )


def matching_status(request):
    return render(request, "matching/status.html", {"status": index_status()})
