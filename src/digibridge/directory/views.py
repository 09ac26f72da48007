from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibridge.common.errors import DomainError
from digibridge.common.pagination import paginate
from digibridge.marketplace.selectors import opportunity_search

from . import selectors, services
from .forms import DirectoryFilterForm, OrganisationForm
from .models import Network, Organisation


def organisation_list(request):
    form = DirectoryFilterForm(request.GET or None)
    page = paginate(request, selectors.organisation_search(user=request.user, **form.filters()))
    return render(
        request,
        "directory/organisation_list.html",
        {"form": form, "page_obj": page},
    )


def organisation_detail(request, slug: str):
    org = selectors.organisations_visible_to(request.user).filter(slug=slug).first()
    if org is None:
        raise Http404
    from digibridge.privacy.consent import listed_for  # who withdrew consent is not listed

    people = [
        (person, selectors.person_contact_visible(person=person, viewer=request.user))
        for person in listed_for(org.people.all(), viewer=request.user)
    ]
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "org": org,
            "people": people,
            "can_edit": selectors.can_act_for(request.user, org),
            "networks": org.network_memberships.select_related("network"),
            "opportunities": opportunity_search(user=request.user, owner=org.pk)[:50],
        },
    )


@login_required
def organisation_create(request):
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, sectors = form.service_data()
        try:
            org = services.organisation_create(by=request.user, data=data, sectors=sectors)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if org.is_public:
                messages.success(request, _("The organisation is registered."))
            else:
                messages.success(
                    request,
                    _("The organisation is registered; an operator will approve it shortly."),
                )
            return redirect("directory:detail", org.slug)
    return render(request, "directory/organisation_form.html", {"form": form, "org": None})


@login_required
def organisation_edit(request, slug: str):
    org = get_object_or_404(Organisation, slug=slug)
    if not selectors.can_act_for(request.user, org):
        raise Http404
    form = OrganisationForm(request.POST or None, initial=OrganisationForm.initial_for(org))
    if request.method == "POST" and form.is_valid():
        data, sectors = form.service_data()
        try:
            services.organisation_update(
                organisation=org, by=request.user, data=data, sectors=sectors
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("directory:detail", org.slug)
    return render(request, "directory/organisation_form.html", {"form": form, "org": org})


@login_required
def review_queue(request):
    if not selectors.is_operator(request.user):
        raise Http404
    pending = Organisation.objects.filter(
        selectors.centre_q(request.user, ""), status=Organisation.Status.PENDING
    ).order_by("created_at")
    return render(request, "directory/review_queue.html", {"pending": pending})


@login_required
@require_POST
def review(request, slug: str):
    org = get_object_or_404(Organisation, slug=slug)
    approve = request.POST.get("decision") == "approve"
    try:
        services.organisation_review(organisation=org, by=request.user, approve=approve)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if approve:
            messages.success(request, _("%(name)s is approved.") % {"name": org.name})
        else:
            messages.info(request, _("%(name)s is rejected.") % {"name": org.name})
    return redirect("directory:review")


def network_list(request):
    return render(request, "directory/network_list.html", {"networks": selectors.networks_list()})


def network_detail(request, slug: str):
    network = get_object_or_404(Network, slug=slug)
    page = paginate(request, selectors.network_members(network=network), per_page=50)
    return render(
        request,
        "directory/network_detail.html",
        {"network": network, "page_obj": page},
    )


def sector_list(request):
    return render(request, "directory/sector_list.html", {"sectors": selectors.sector_tree()})
