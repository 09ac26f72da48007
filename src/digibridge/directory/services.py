"""Directory writes. Every service checks the acting user's rights itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from digibridge.accounts.services import audit
from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.common.parsing import full_clean_or_error

from .models import Network, NetworkMembership, Organisation, OrganisationMember, Person, Sector
from .selectors import can_act_for, is_operator, operator_centre, operator_covers

ORGANISATION_FIELDS = (
    "name",
    "names",
    "type",
    "country",
    "city",
    "website",
    "description",
    "description_language",
    "size",
    "languages",
)


def unique_slug(model, text: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(text, allow_unicode=False)[:200] or model._meta.model_name
    slug, n = base, 1
    qs = model.objects.all()
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def sectors_from_slugs(slugs) -> list[Sector]:
    slugs = list(dict.fromkeys(s for s in (slugs or []) if s))
    found = list(Sector.objects.filter(slug__in=slugs))
    missing = sorted(set(slugs) - {s.slug for s in found})
    if missing:
        raise DomainError(
            _("Unknown sector: %(slugs)s") % {"slugs": ", ".join(missing)}, field="sectors"
        )
    return found


def _apply(obj, data: dict[str, Any], fields) -> None:
    for field in fields:
        if field in data and data[field] is not None:
            setattr(obj, field, data[field])


@transaction.atomic
def organisation_create(*, by, data: dict[str, Any], sectors=()) -> Organisation:
    """Register an organisation. The creator becomes its administrator; it stays pending
    (not public) until an operator approves it, unless an operator creates it."""
    if by is None or not by.is_authenticated:
        raise PermissionDeniedError(_("Log in to register an organisation."))
    org = Organisation(created_by=by)
    _apply(org, data, ORGANISATION_FIELDS)
    org.name = (org.name or "").strip()
    org.slug = unique_slug(Organisation, org.name)
    if is_operator(by):
        org.status = Organisation.Status.APPROVED
        org.centre_id = operator_centre(by)
    full_clean_or_error(org, exclude=["slug"])
    org.save()
    org.sectors.set(sectors_from_slugs(sectors))
    if not is_operator(by):
        OrganisationMember.objects.create(organisation=org, user=by, is_admin=True)
        for cached in ("_organisation_ids", "_unapproved_organisation_ids"):
            by.__dict__.pop(cached, None)
    audit(actor=by, action="organisation.create", obj=org)
    return org


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, by, data: dict[str, Any], sectors=None
) -> Organisation:
    if not can_act_for(by, organisation):
        raise PermissionDeniedError(_("You can only edit your own organisation."))
    _apply(organisation, data, ORGANISATION_FIELDS)
    full_clean_or_error(organisation, exclude=["slug"])
    organisation.save()
    if sectors is not None:
        organisation.sectors.set(sectors_from_slugs(sectors))
    audit(actor=by, action="organisation.update", obj=organisation)
    return organisation


@transaction.atomic
def organisation_review(*, organisation: Organisation, by, approve: bool) -> Organisation:
    """An operator approves (makes public) or rejects a newly registered organisation."""
    if not operator_covers(by, organisation):
        raise PermissionDeniedError(_("Only operators approve organisations."))
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    org.status = Organisation.Status.APPROVED if approve else Organisation.Status.REJECTED
    org.save(update_fields=["status", "updated_at"])
    audit(actor=by, action="organisation.approve" if approve else "organisation.reject", obj=org)
    return org


@transaction.atomic
def organisation_set_verified(*, organisation: Organisation, by, verified: bool) -> Organisation:
    if not operator_covers(by, organisation):
        raise PermissionDeniedError(_("Only operators verify organisations."))
    organisation.verified = verified
    organisation.save(update_fields=["verified", "updated_at"])
    audit(actor=by, action="organisation.verify", obj=organisation, verified=verified)
    return organisation


PERSON_FIELDS = ("first_name", "last_name", "title", "languages", "email", "phone", "is_executive")


@transaction.atomic
def person_create(*, organisation: Organisation, by, data: dict[str, Any]) -> Person:
    if not can_act_for(by, organisation):
        raise PermissionDeniedError(_("You can only add people to your own organisation."))
    person = Person(organisation=organisation)
    _apply(person, data, PERSON_FIELDS)
    full_clean_or_error(person)
    person.save()
    audit(actor=by, action="person.create", obj=person)
    return person


@transaction.atomic
def person_update(*, person: Person, by, data: dict[str, Any]) -> Person:
    if not can_act_for(by, person.organisation):
        raise PermissionDeniedError(_("You can only edit people of your own organisation."))
    _apply(person, data, PERSON_FIELDS)
    full_clean_or_error(person)
    person.save()
    audit(actor=by, action="person.update", obj=person)
    return person


@transaction.atomic
def network_create(*, by, name: str, kind: str, description: str = "") -> Network:
    if not is_operator(by):
        raise PermissionDeniedError(_("Only operators create networks."))
    network = Network(name=name.strip(), kind=kind, description=description)
    network.slug = unique_slug(Network, network.name)
    full_clean_or_error(network, exclude=["slug"])
    network.save()
    audit(actor=by, action="network.create", obj=network)
    return network


@transaction.atomic
def network_member_add(
    *,
    network: Network,
    organisation: Organisation,
    by,
    role: str = NetworkMembership.Role.MEMBER,
    joined_on: dt.date | None = None,
) -> NetworkMembership:
    if not is_operator(by):
        raise PermissionDeniedError(_("Only operators manage network members."))
    if role not in NetworkMembership.Role.values:
        raise DomainError(_("Unknown role."), field="role")
    membership, _created = NetworkMembership.objects.update_or_create(
        network=network, organisation=organisation, defaults={"role": role, "joined_on": joined_on}
    )
    audit(actor=by, action="network.member_add", obj=membership)
    return membership
