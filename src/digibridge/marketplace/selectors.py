"""Marketplace reads: who sees which opportunity, search and filters."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from digibridge.common.trigram import text_search_q
from digibridge.directory.models import NetworkMembership, Organisation
from digibridge.directory.selectors import (
    centre_q,
    is_operator,
    operator_centre,
    sector_with_descendants,
    user_network_ids,
    user_organisation_ids,
)

from .models import Opportunity

LISTED_STATUSES = (Opportunity.Status.PUBLISHED, Opportunity.Status.CLOSED)


def opportunity_visibility_q(user) -> Q:
    """The rule, as one filter: public listings to everyone; network listings to members of a
    network the owner belongs to; drafts and private ones to the owner's members; all to
    operators (those limited to a service centre: all of the centre's owners). Owners must be
    approved organisations for anyone but their members."""
    if is_operator(user) and operator_centre(user) is None:
        return Q()
    own = user_organisation_ids(user)
    listed = Q(status__in=LISTED_STATUSES, owner__status=Organisation.Status.APPROVED)
    visible = listed & Q(visibility=Opportunity.Visibility.PUBLIC)
    networks = user_network_ids(user)
    if networks:
        sharing = NetworkMembership.objects.filter(network_id__in=networks).values(
            "organisation_id"
        )
        visible |= listed & Q(visibility=Opportunity.Visibility.NETWORK, owner_id__in=sharing)
    if own:
        visible |= Q(owner_id__in=own)
    if is_operator(user):
        visible |= centre_q(user, "owner")
    return visible


def opportunities_visible_to(user) -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(opportunity_visibility_q(user))


# A term found in more organisation names than this matches their listings with a subquery
# instead of a list of ids (see _owner_named).
OWNER_IDS_INLINE_MAX = 500


def _owner_named(q: str) -> Q:
    """Listings whose owner's name contains ``q``, as a condition on this table's ``owner_id``.

    The OR of the search then names this table's columns only, so PostgreSQL can answer it with
    a BitmapOr of the title and description trigram indexes (marketplace 0005) and the owner_id
    index instead of reading every row; a condition on the joined owner's name cannot be part
    of it. The ids are read first (directory 0005's trigram index serves that) and written into
    the statement: a subquery in an OR becomes a SubPlan, which no index scan takes. Past
    ``OWNER_IDS_INLINE_MAX`` names (a term found almost everywhere) the subquery is kept, as the
    table is read anyway. Every listing has one owner: the rows are those of the join."""
    owners = Organisation.objects.filter(text_search_q(Organisation, q, "name")).order_by()
    owners = owners.values_list("pk", flat=True)
    ids = list(owners[: OWNER_IDS_INLINE_MAX + 1])
    return Q(owner_id__in=owners if len(ids) > OWNER_IDS_INLINE_MAX else ids)


def opportunity_search(
    *,
    user,
    q: str = "",
    kind: str = "",
    category: str = "",
    sector: str = "",
    country: str = "",
    status: str = "",
    language: str = "",
    owner: int | None = None,
    typical: bool | None = None,
    open_only: bool = False,
) -> QuerySet[Opportunity]:
    qs = opportunities_visible_to(user)
    q = (q or "").strip()[:200]
    if q:
        qs = qs.filter(text_search_q(Opportunity, q, "title", "description") | _owner_named(q))
    if kind:
        qs = qs.filter(kind=kind)
    if category:
        qs = qs.filter(category=category)
    if sector:
        qs = qs.filter(sectors__in=sector_with_descendants(sector)).distinct()
    if country:
        code = country.upper()
        qs = qs.filter(Q(owner__country=code) | Q(target_countries__contains=code))
    if status:
        qs = qs.filter(status=status)
    if language:
        qs = qs.filter(language=language)
    if owner:
        qs = qs.filter(owner_id=owner)
    if typical is not None:
        qs = qs.filter(typical=typical)
    if open_only:
        qs = qs.filter(status=Opportunity.Status.PUBLISHED).filter(
            Q(deadline__isnull=True) | Q(deadline__gte=timezone.localdate())
        )
    return qs.select_related("owner").prefetch_related("sectors")


def showcase_by_sector(*, user) -> list[tuple]:
    """Typical solutions grouped by top-level sector, for the operator's showcase page."""
    from digibridge.directory.selectors import sector_tree

    items = list(
        opportunities_visible_to(user)
        .filter(typical=True, kind=Opportunity.Kind.OFFER, status=Opportunity.Status.PUBLISHED)
        .select_related("owner")
        .prefetch_related("sectors")
    )
    groups = []
    for top in sector_tree():
        slugs = {top.slug} | {child.slug for child in top.children.all()}
        in_sector = [o for o in items if any(s.slug in slugs for s in o.sectors.all())]
        if in_sector:
            groups.append((top, in_sector))
    return groups
