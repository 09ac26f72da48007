"""What other apps ask about consent. Small, read-only, one query each.

The current consent of a subject for a purpose is its latest :class:`ConsentRecord`. Without
any record the platform keeps its own default (``DEFAULTS``: everything allowed, as before
consent records existed, with the events app's own per-registration "list me" tick still
applying to participant lists). A withdrawal therefore always wins; a grant never lists
someone who did not tick "list me" for an event.

The subject of a record is a user account (``user``, with the user's directory entry in
``person``) or, for a directory person without an account, the person. For a person with an
account the records on the account count; records on the person alone (made before the person
had an account) count only while the account has none.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import BooleanField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from .models import ConsentRecord, Purpose

# Bump when the consent texts on the privacy page change; each record keeps the version shown.
TEXT_VERSION = "2026-11"

DEFAULTS: dict[str, bool] = {
    Purpose.LISTED: True,
    Purpose.SHARE_CONTACTS: True,
    Purpose.EMAIL: True,
}


def _latest(records: QuerySet[ConsentRecord]) -> QuerySet[ConsentRecord]:
    return records.order_by("-created_at", "-pk")


def _ranked(records) -> list[ConsentRecord]:
    """Current first: records on an account before records on a person alone, then newest."""
    return sorted(records, key=lambda r: (r.user_id is not None, r.created_at, r.pk), reverse=True)


def current_consents(*, user=None, person=None) -> dict[str, ConsentRecord | None]:
    """The current record per purpose (None where there is none) of a user or a person."""
    records = ConsentRecord.objects.filter(_subject_q(user=user, person=person))
    current: dict[str, ConsentRecord | None] = {purpose: None for purpose in Purpose.values}
    for record in _ranked(records):
        if current[record.purpose] is None:
            current[record.purpose] = record
    return current


def _subject_q(*, user=None, person=None) -> Q:
    q = Q(pk__in=[])
    if user is not None and getattr(user, "pk", None):
        q |= Q(user_id=user.pk)
        if person is None and _has_person(user):
            person = user.person
    if person is not None and person.pk:
        q |= Q(person_id=person.pk)
        if person.user_id:
            q |= Q(user_id=person.user_id)
    return q


def _has_person(user) -> bool:
    try:
        return user.person is not None
    except Exception:  # RelatedObjectDoesNotExist: a user without a directory entry
        return False


def consent_allows(*, purpose: str, user=None, person=None) -> bool:
    """Whether the user's (or person's) current consent allows ``purpose``."""
    records = ConsentRecord.objects.filter(_subject_q(user=user, person=person), purpose=purpose)
    ranked = _ranked(records.only("user_id", "granted", "created_at"))
    return ranked[0].granted if ranked else DEFAULTS[purpose]


def users_refusing(*, purpose: str, user_ids: Iterable[int]) -> set[int]:
    """Ids among ``user_ids`` whose current consent refuses ``purpose``. One query."""
    ids = {int(pk) for pk in user_ids if pk is not None}
    if not ids:
        return set()
    latest: dict[int, bool] = {}
    rows = _latest(ConsentRecord.objects.filter(purpose=purpose, user_id__in=ids)).values_list(
        "user_id", "granted"
    )
    for user_id, granted in rows:
        latest.setdefault(user_id, granted)
    default = DEFAULTS[purpose]
    return {pk for pk in ids if not latest.get(pk, default)}


def consenting(queryset: QuerySet, *, purpose: str, person_path: str = "") -> QuerySet:
    """``queryset`` without the rows whose person's current consent refuses ``purpose``.

    ``person_path`` leads from the queryset's model to ``directory.Person`` ("" for a Person
    queryset, "person" for registrations). One subquery, no extra round trip.
    """
    return queryset.filter(_allowed(purpose, person_path))


def _allowed(purpose: str, person_path: str):
    """A boolean SQL expression: the current consent of the row's person for ``purpose``."""
    prefix = f"{person_path}__" if person_path else ""
    records = ConsentRecord.objects.filter(purpose=purpose)
    # Two index lookups per row (an OR of both would scan the table on SQLite).
    by_user = _latest(records.filter(user_id=OuterRef(f"{prefix}user_id"))).values("granted")
    by_person = _latest(records.filter(user_id__isnull=True, person_id=OuterRef(f"{prefix}pk")))
    return Coalesce(
        Subquery(by_user[:1]),
        Subquery(by_person.values("granted")[:1]),
        Value(DEFAULTS[purpose]),
        output_field=BooleanField(),
    )


def listed_for(queryset: QuerySet, *, viewer, person_path: str = "") -> QuerySet:
    """People (or rows about people) that ``viewer`` may see listed: operators see everyone,
    a person sees themselves and their colleagues; others only who consents to be listed."""
    from digibridge.directory.selectors import (
        centre_q,
        is_operator,
        operator_centre,
        user_organisation_ids,
    )

    if is_operator(viewer) and operator_centre(viewer) is None:
        return queryset
    prefix = f"{person_path}__" if person_path else ""
    own = Q(**{f"{prefix}organisation_id__in": user_organisation_ids(viewer)})
    if is_operator(viewer):  # limited to a service centre: everyone of the centre
        own |= centre_q(viewer, f"{prefix}organisation")
    if viewer is not None and viewer.is_authenticated:
        own |= Q(**{f"{prefix}user_id": viewer.pk})
    return queryset.alias(_consents_listed=_allowed(Purpose.LISTED, person_path)).filter(
        own | Q(_consents_listed=True)
    )


def may_email_invitee(invitation) -> bool:
    """Whether an invitation may be e-mailed: not to an erased address, and not to a directory
    person (or their account) whose consent to e-mail is withdrawn."""
    from .services import ERASED_DOMAIN

    if invitation.email.lower().endswith("@" + ERASED_DOMAIN):
        return False
    if invitation.person_id is None:
        return True
    return consent_allows(purpose=Purpose.EMAIL, person=invitation.person)
