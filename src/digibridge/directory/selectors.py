"""Directory reads shared by pages, the API and other apps."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from digibridge.common.trigram import text_search_q

from .models import Network, NetworkMembership, Organisation, OrganisationMember, Person, Sector


def user_organisation_ids(user) -> frozenset[int]:
    """Ids of the organisations ``user`` acts for (cached on the user object per request)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_organisation_ids", None)
    if cached is None:
        rows = list(
            OrganisationMember.objects.filter(user=user).values_list(
                "organisation_id", "organisation__status"
            )
        )
        cached = frozenset(org_id for org_id, _status in rows)
        user._organisation_ids = cached
        user._unapproved_organisation_ids = frozenset(
            org_id for org_id, status in rows if status != Organisation.Status.APPROVED
        )
    return cached


def user_unapproved_organisation_ids(user) -> frozenset[int]:
    """The user's organisations that are not (or no longer) approved: the only ones a
    visibility rule has to add to what everyone sees (read with ``user_organisation_ids``)."""
    if not user_organisation_ids(user):  # reads both sets in one query
        return frozenset()
    return user._unapproved_organisation_ids


def user_network_ids(user) -> frozenset[int]:
    """Ids of the networks that any of the user's organisations belongs to."""
    org_ids = user_organisation_ids(user)
    if not org_ids:
        return frozenset()
    cached = getattr(user, "_network_ids", None)
    if cached is None:
        cached = frozenset(
            NetworkMembership.objects.filter(organisation_id__in=org_ids).values_list(
                "network_id", flat=True
            )
        )
        user._network_ids = cached
    return cached


def is_operator(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_operator)


def operator_centre(user) -> int | None:
    """The id of the service centre an operator is limited to, or None when ``user`` is not
    limited: platform administrators, superusers and operators without a centre (a
    single-centre deployment) see everything. Meaningful together with ``is_operator``."""
    if not is_operator(user) or user.is_superuser or user.role != user.Role.OPERATOR:
        return None
    return user.centre_id


def operator_covers(user, organisation: Organisation | None) -> bool:
    """Whether ``user`` is an operator whose scope includes ``organisation``. An organisation
    without a centre is covered by unlimited operators only."""
    if not is_operator(user):
        return False
    centre = operator_centre(user)
    return centre is None or (organisation is not None and organisation.centre_id == centre)


def operator_covers_any(user, organisations) -> bool:
    """``operator_covers`` for an object of several organisations (an agreement's parties)."""
    if not is_operator(user):
        return False
    return operator_centre(user) is None or any(operator_covers(user, o) for o in organisations)


def centre_rows_q(centre: int | None, *organisation_paths: str) -> Q:
    """A filter keeping the rows service centre ``centre`` looks after: rows whose organisation
    at any of ``organisation_paths`` ("host", "owner", "parties__organisation"; "" for an
    organisation itself) belongs to the centre. ``Q()`` (no limit) when ``centre`` is None.
    Paths through many-to-many relations may repeat rows: see ``in_centre``."""
    if centre is None:
        return Q()
    q = Q()
    for path in organisation_paths:
        q |= Q(**{f"{path}__centre_id" if path else "centre_id": centre})
    return q


def in_centre(qs: QuerySet, centre: int | None, *organisation_paths: str) -> QuerySet:
    """``qs`` limited by ``centre_rows_q`` through a sub-query on primary keys, so that paths
    through many-to-many relations neither repeat rows nor disturb annotations."""
    if centre is None:
        return qs
    inside = qs.model._default_manager.filter(centre_rows_q(centre, *organisation_paths))
    return qs.filter(pk__in=inside.values("pk"))


def centre_q(user, *organisation_paths: str) -> Q:
    """``centre_rows_q`` for the centre ``user`` is limited to (``Q()`` when unlimited)."""
    return centre_rows_q(operator_centre(user), *organisation_paths)


def limit_to_centre(qs: QuerySet, user, *organisation_paths: str) -> QuerySet:
    """``in_centre`` for the centre ``user`` is limited to (``qs`` itself when unlimited)."""
    return in_centre(qs, operator_centre(user), *organisation_paths)


# Users not limited to a service centre (a filter on active platform staff).
UNLIMITED_STAFF = Q(centre__isnull=True) | ~Q(role="operator") | Q(is_superuser=True)


def _platform_staff():
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(role="operator") | Q(role="admin") | Q(is_superuser=True))
    )


def _centres_of(organisations) -> set[int]:
    return {o.centre_id for o in organisations if o is not None and o.centre_id}


def operators_covering(organisations=()):
    """Active operators whose scope includes one of ``organisations``: those not limited to a
    centre and those of the organisations' centres (whom to notify about them)."""
    return _platform_staff().filter(UNLIMITED_STAFF | Q(centre_id__in=_centres_of(organisations)))


def operator_for(organisations=()):
    """The operator to whom the platform gives work about ``organisations`` (the follow-ups it
    opens): the first active operator of the centre of one of them, else the first one not
    limited to a centre (operators before administrators); None when there is none."""
    staff = _platform_staff()
    centres = _centres_of(organisations)
    if centres:
        local = staff.filter(role="operator", is_superuser=False, centre_id__in=centres)
        found = local.order_by("pk").first()
        if found is not None:
            return found
    return staff.filter(UNLIMITED_STAFF).order_by("-role", "pk").first()


def can_act_for(user, organisation: Organisation) -> bool:
    """Operators act for the organisations of their centre (all when unlimited); members act
    for their own."""
    return operator_covers(user, organisation) or organisation.pk in user_organisation_ids(user)


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Approved organisations, plus the user's own pending ones; operators see all those of
    their centre."""
    qs = Organisation.objects.all()
    if is_operator(user) and operator_centre(user) is None:
        return qs
    # Only the user's organisations that are not approved add to what everyone sees. Naming
    # just those keeps the query the same for every member of an approved organisation, so
    # they share one cached total of the listing (common/counting.py).
    visible = Q(status=Organisation.Status.APPROVED)
    pending = user_unapproved_organisation_ids(user)
    if pending:
        visible |= Q(pk__in=pending)
    if is_operator(user):
        visible |= Q(centre_id=operator_centre(user))
    return qs.filter(visible)


def organisation_search(
    *,
    user,
    q: str = "",
    type: str = "",
    country: str = "",
    sector: str = "",
    network: str = "",
) -> QuerySet[Organisation]:
    """Search names (in any language) and descriptions; filter by type, country, sector, network.

    A sector filter includes the sector's sub-sectors.
    """
    qs = organisations_visible_to(user)
    q = (q or "").strip()[:200]
    if q:
        qs = qs.filter(text_search_q(Organisation, q, "name", "names", "description", "city"))
    if type:
        qs = qs.filter(type=type)
    if country:
        qs = qs.filter(country=country.upper())
    if sector:
        qs = qs.filter(sectors__in=sector_with_descendants(sector)).distinct()
    if network:
        qs = qs.filter(network_memberships__network__slug=network)
    return qs.prefetch_related("sectors").order_by("name")


def sector_with_descendants(slug: str) -> QuerySet[Sector]:
    return Sector.objects.filter(Q(slug=slug) | Q(parent__slug=slug))


def sector_tree() -> list[Sector]:
    """Top-level sectors with their children prefetched, in taxonomy order."""
    return list(
        Sector.objects.filter(parent__isnull=True).prefetch_related("children").order_by("position")
    )


def networks_list() -> QuerySet[Network]:
    from django.db.models import Count

    return Network.objects.annotate(member_count=Count("memberships")).order_by("name")


def network_members(*, network: Network) -> QuerySet[NetworkMembership]:
    return network.memberships.select_related("organisation").order_by("role", "organisation__name")


def person_contact_visible(*, person: Person, viewer) -> bool:
    """Contact details show to operators, to the person, to colleagues of the same organisation,
    and to people the person has connected with (an accepted meeting, once events exist)."""
    if viewer is None or not viewer.is_authenticated:
        return False
    if person.user_id == viewer.pk:
        return True
    if is_operator(viewer) and operator_covers(viewer, person.organisation):
        return True
    if person.organisation_id in user_organisation_ids(viewer):
        return True
    from digibridge.common.connections import users_connected

    if person.user_id is None or not users_connected(person.user_id, viewer.pk):
        return False
    from digibridge.privacy.consent import consent_allows

    return consent_allows(purpose="share_contacts", person=person)
