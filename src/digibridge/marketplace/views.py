from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibridge.common.errors import DomainError
from digibridge.common.pagination import paginate
from digibridge.directory.models import Organisation
from digibridge.directory.selectors import (
    can_act_for,
    centre_q,
    is_operator,
    user_organisation_ids,
)

from . import selectors, services
from .forms import OpportunityFilterForm, OpportunityForm
from .models import Opportunity


def _visible_or_404(request, pk: int) -> Opportunity:
    opportunity = (
        selectors.opportunities_visible_to(request.user)
        .select_related("owner")
        .filter(pk=pk)
        .first()
    )
    if opportunity is None:
        raise Http404
    return opportunity


def _owners_for(user):
    if is_operator(user):
        return Organisation.objects.filter(centre_q(user, "")).order_by("name")
    return Organisation.objects.filter(pk__in=user_organisation_ids(user)).order_by("name")


def opportunity_list(request):
    form = OpportunityFilterForm(request.GET or None)
    filters = form.filters()
    page = paginate(
        request, selectors.opportunity_search(user=request.user, open_only=True, **filters)
    )
    return render(
        request,
        "marketplace/opportunity_list.html",
        {"form": form, "page_obj": page},
    )


def opportunity_detail(request, pk: int):
    opportunity = _visible_or_404(request, pk)
    return render(
        request,
        "marketplace/opportunity_detail.html",
        {"opportunity": opportunity, "can_edit": can_act_for(request.user, opportunity.owner)},
    )


def _save(request, form, opportunity=None):
    owner_id, data, sectors = form.service_data()
    owner = _owners_for(request.user).filter(pk=owner_id).first()
    if owner is None:
        form.add_error("owner", _("You cannot publish for this organisation."))
        return None
    try:
        if opportunity is None:
            return services.opportunity_create(
                owner=owner,
                by=request.user,
                data=data,
                sectors=sectors,
                publish=request.POST.get("action") == "publish",
            )
        return services.opportunity_update(
            opportunity=opportunity, by=request.user, data=data, sectors=sectors
        )
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None


@login_required
def opportunity_create(request):
    owners = list(_owners_for(request.user))
    if not owners:
        messages.info(request, _("Register your organisation first; then you can publish."))
        return redirect("directory:create")
    initial = {"owner": request.GET.get("owner", ""), "kind": request.GET.get("kind", "offer")}
    form = OpportunityForm(request.POST or None, owners=owners, initial=initial)
    if request.method == "POST" and form.is_valid():
        opportunity = _save(request, form)
        if opportunity is not None:
            if opportunity.status == Opportunity.Status.PUBLISHED:
                messages.success(request, _("Published."))
            else:
                messages.success(request, _("Saved as a draft; publish it when it is ready."))
            return redirect("marketplace:detail", opportunity.pk)
    return render(request, "marketplace/opportunity_form.html", {"form": form, "opportunity": None})


@login_required
def opportunity_edit(request, pk: int):
    opportunity = _visible_or_404(request, pk)
    if not can_act_for(request.user, opportunity.owner):
        raise Http404
    form = OpportunityForm(
        request.POST or None,
        owners=[opportunity.owner],
        initial=OpportunityForm.initial_for(opportunity),
    )
    if request.method == "POST" and form.is_valid():
        if _save(request, form, opportunity) is not None:
            messages.success(request, _("Saved."))
            return redirect("marketplace:detail", opportunity.pk)
    return render(
        request, "marketplace/opportunity_form.html", {"form": form, "opportunity": opportunity}
    )


@login_required
@require_POST
def opportunity_action(request, pk: int, action: str):
    opportunity = _visible_or_404(request, pk)
    try:
        if action == "publish":
            services.opportunity_publish(opportunity=opportunity, by=request.user)
            messages.success(request, _("Published."))
        elif action == "close":
            services.opportunity_close(opportunity=opportunity, by=request.user)
            messages.success(request, _("Closed."))
        elif action == "delete":
            if request.POST.get("confirm") != "yes":
                return render(
                    request, "marketplace/opportunity_delete.html", {"opportunity": opportunity}
                )
            services.opportunity_delete(opportunity=opportunity, by=request.user)
            messages.success(request, _("Deleted."))
            return redirect("marketplace:list")
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("marketplace:detail", opportunity.pk)


def showcase(request):
    return render(
        request,
        "marketplace/showcase.html",
        {"groups": selectors.showcase_by_sector(user=request.user)},
    )


@login_required
def my_opportunities(request):
    page = paginate(
        request,
        selectors.opportunity_search(user=request.user).filter(
            owner_id__in=user_organisation_ids(request.user)
        ),
    )
    return render(
        request,
        "marketplace/my_opportunities.html",
        {"page_obj": page},
    )
