"""Privacy writes: consent decisions, erasure, the retention period.

Erasure and retention *anonymise*; they never delete what other people or the programme's
figures rely on. Rows keep their ids and links (registrations, meetings, agreements, messages
of a conversation), so every count on the dashboards stays what it was; what identifies the
person (names, e-mail address, phone, log-in, tokens) is replaced or removed.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from digibridge.accounts.services import audit
from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.directory.models import Organisation, Person
from digibridge.directory.selectors import (
    is_operator,
    operator_centre,
    operator_covers,
    operator_covers_any,
)

from .consent import TEXT_VERSION, current_consents
from .models import Anonymisation, ConsentRecord, Purpose

ERASED_DOMAIN = "erased.invalid"  # RFC 2606: never delivers
# Data written in the database (not UI text): the same in every language.
ERASED_NAME = "Erased person #%(id)s"
ANONYMISED_PARTICIPANT = "Anonymised participant #%(id)s"

# Rows that only serve the erased user and mean nothing without them.
PURGED_WITH_USER = (
    "accounts.ApiToken",
    "accounts.TwoFactorDevice",
    "accounts.RecoveryCode",
    "outreach.Notification",
    "outreach.NotificationPreference",
)


def _operator_over(by, *, user=None, person=None) -> bool:
    """An operator whose service centre looks after the person, or one of the user's
    organisations (every operator when not limited to a centre)."""
    if not is_operator(by):
        return False
    if operator_centre(by) is None:
        return True
    if person is not None:
        return operator_covers(by, person.organisation)
    return operator_covers_any(by, Organisation.objects.filter(memberships__user=user))


def _may_decide_for(by, *, user=None, person=None) -> bool:
    if _operator_over(by, user=user, person=person):
        return True
    if user is not None:
        return by.pk == user.pk
    return person is not None and person.user_id is not None and person.user_id == by.pk


@transaction.atomic
def consents_set(
    *,
    choices: Mapping[str, bool],
    by,
    user=None,
    person=None,
    source: str = ConsentRecord.Source.PRIVACY_PAGE,
    text_version: str = TEXT_VERSION,
) -> list[ConsentRecord]:
    """Record the decisions in ``choices`` ({purpose: granted}) of a user or a person.

    Only changes are recorded (a purpose whose current decision is the same gets no new row),
    so the history shows when each decision was taken. The person themselves decides, or an
    operator on their behalf (for example after a phone call), which the record says.
    Returns the new records.
    """
    if (user is None) == (person is None):
        raise ValueError("Give a user or a person.")
    if not getattr(by, "is_authenticated", False) or not _may_decide_for(
        by, user=user, person=person
    ):
        raise PermissionDeniedError(_("You can only change your own consent."))
    unknown = set(choices) - set(Purpose.values)
    if unknown:
        raise DomainError(_("Unknown purpose: %(purpose)s.") % {"purpose": sorted(unknown)[0]})
    if source not in ConsentRecord.Source.values:
        raise DomainError(_("Unknown source."), field="source")
    if person is not None and person.user_id is not None:
        user = person.user
    if user is not None:
        person = _person_of(user)
    if by.pk != getattr(user, "pk", None) and source in _SELF_SOURCES:
        source = ConsentRecord.Source.OPERATOR  # an operator decided on the person's behalf
    current = current_consents(user=user, person=person)
    created = []
    for purpose, granted in choices.items():
        record = current[purpose]
        if record is not None and record.granted == bool(granted):
            continue
        created.append(
            ConsentRecord.objects.create(
                user=user,
                person=person,
                purpose=purpose,
                granted=bool(granted),
                source=source,
                text_version=text_version,
                recorded_by=by,
            )
        )
    for record in created:
        audit(
            actor=by,
            action="privacy.consent",
            obj=user or person,
            purpose=record.purpose,
            granted=record.granted,
            source=record.source,
        )
    return created


_SELF_SOURCES = (ConsentRecord.Source.PRIVACY_PAGE, ConsentRecord.Source.API)


def _person_of(user) -> Person | None:
    return Person.objects.filter(user_id=user.pk).first()


def _withdraw_everything(*, user=None, person=None, source: str, by) -> None:
    ConsentRecord.objects.bulk_create(
        ConsentRecord(
            user=user,
            person=person,
            purpose=purpose,
            granted=False,
            source=source,
            text_version=TEXT_VERSION,
            recorded_by=by if getattr(by, "is_authenticated", False) else None,
        )
        for purpose in Purpose.values
    )


def _anonymise_person(person: Person, *, name: str) -> None:
    person.first_name = name
    person.last_name = ""
    person.title = ""
    person.email = ""
    person.phone = ""
    person.languages = []
    person.save(update_fields=["first_name", "last_name", "title", "email", "phone", "languages"])


def _fresh_tokens(registrations, **also) -> None:
    """New check-in and calendar-feed tokens: the old links and QR codes stop working."""
    Registration = apps.get_model("events", "Registration")
    for registration in registrations:
        Registration.objects.filter(pk=registration.pk).update(
            checkin_token=secrets.token_urlsafe(24),
            feed_token=secrets.token_urlsafe(24),
            consent_listed=False,
            **also,
        )


@transaction.atomic
def user_erase(*, user, by, password: str | None = None) -> Anonymisation:
    """Erase ``user`` and their directory entry by anonymising them.

    Self-service: the user confirms with their password; an operator may erase anyone but
    another operator (administrators do that in the admin). Afterwards the account cannot log
    in (inactive, no usable password, tokens and two-factor devices gone), its name reads
    "Erased person #<id>", its e-mail address is an undeliverable placeholder, and the person's
    directory entry loses name, title, e-mail address and phone. Registrations, meetings,
    agreements, messages and audit entries stay, attributed to the erased person, so that
    the other side's records and the programme's figures are unchanged.
    """
    User = get_user_model()
    if not getattr(by, "is_authenticated", False):
        raise PermissionDeniedError(_("Log in first."))
    self_service = by.pk == user.pk
    if self_service:
        if not password or not user.check_password(password):
            raise DomainError(_("The password is not correct."), field="password")
        if user.is_operator:
            raise DomainError(
                _("Operators' accounts are erased by a platform administrator."), field="password"
            )
    elif not _operator_over(by, user=user):
        raise PermissionDeniedError(_("Only operators erase other people's data."))
    elif user.is_operator and not by.is_superuser:
        raise PermissionDeniedError(_("Only a platform administrator erases an operator."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active and user.email.endswith("@" + ERASED_DOMAIN):
        raise DomainError(_("This account has been erased already."))

    people = list(Person.objects.select_for_update().filter(user_id=user.pk))
    old_email = user.email
    user.first_name = ERASED_NAME % {"id": user.pk}
    user.last_name = ""
    user.email = f"erased-{user.pk}@{ERASED_DOMAIN}"
    user.is_active = False
    user.is_staff = False
    user.set_unusable_password()  # also ends the account's sessions (their hash changes)
    user.save()
    for label in PURGED_WITH_USER:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        model.objects.filter(user_id=user.pk).delete()
    for person in people:
        _erase_person_rows(person, old_email=old_email)
    _withdraw_everything(user=user, person=people[0] if people else None, source="erasure", by=by)
    record = Anonymisation.objects.create(
        reason=Anonymisation.Reason.ERASURE,
        user=user,
        person=people[0] if people else None,
        performed_by=by,
    )
    audit(
        actor=by,
        action="privacy.erase",
        obj=user,
        people=[p.pk for p in people],
        self_service=self_service,
    )
    return record


def _erase_person_rows(person: Person, *, old_email: str = "") -> None:
    old_email = old_email or person.email
    _anonymise_person(person, name=ERASED_NAME % {"id": person.pk})
    _fresh_tokens(person.registrations.all())
    Invitation = apps.get_model("outreach", "Invitation")
    invitations = Invitation.objects.filter(person=person)
    if old_email:
        invitations = invitations | Invitation.objects.filter(email__iexact=old_email)
    for invitation in invitations:
        invitation.name = ""
        invitation.organisation_name = ""
        invitation.email = f"erased-invitation-{invitation.pk}@{ERASED_DOMAIN}"
        invitation.save(update_fields=["name", "organisation_name", "email"])


@transaction.atomic
def person_erase(*, person: Person, by) -> Anonymisation:
    """Erase a directory person (an operator's act: people without an account ask the service
    centre). A person with an account is erased with the account (:func:`user_erase`)."""
    if not _operator_over(by, person=person):
        raise PermissionDeniedError(_("Only operators erase other people's data."))
    if person.user_id is not None:
        return user_erase(user=person.user, by=by)
    person = Person.objects.select_for_update().get(pk=person.pk)
    _erase_person_rows(person)
    _withdraw_everything(person=person, source="erasure", by=by)
    record = Anonymisation.objects.create(
        reason=Anonymisation.Reason.ERASURE, person=person, performed_by=by
    )
    audit(actor=by, action="privacy.erase", obj=person)
    return record


def retention_days() -> int:
    return int(getattr(settings, "DIGIBRIDGE_RETENTION_DAYS", 730))


def registrations_past_retention(*, now: dt.datetime | None = None, days: int | None = None):
    Registration = apps.get_model("events", "Registration")
    cutoff = (now or timezone.now()) - dt.timedelta(days=retention_days() if days is None else days)
    done = Anonymisation.objects.filter(registration_id=OuterRef("pk"))
    return Registration.objects.filter(event__end__lt=cutoff).exclude(Exists(done))


def registrations_anonymise_expired(
    *, now: dt.datetime | None = None, days: int | None = None, batch: int = 500
) -> int:
    """Anonymise the registrations of events that ended more than ``days`` ago
    (``DIGIBRIDGE_RETENTION_DAYS``, default 730). Returns how many were anonymised.

    Each registration moves off the participant's directory entry onto a placeholder person of
    the same organisation ("Anonymised participant #<registration id>", no contact details,
    no consent to anything, so never listed), so counts per event, organisation, country and
    participant type, and the meetings, requests and outcomes hanging off it, stay the same.
    Its tokens are replaced, its availability, creator and the messages of the meeting
    requests it sent are cleared. The directory entry itself stays: it may be in use.
    Idempotent (an ``Anonymisation`` row per registration); works in batches, each in its own
    transaction, so a long run never holds locks for long.
    """
    MeetingRequest = apps.get_model("events", "MeetingRequest")
    total = 0
    after = 0  # a cursor: each batch starts where the last one ended
    while True:
        with transaction.atomic():
            chunk = list(
                registrations_past_retention(now=now, days=days)
                .filter(pk__gt=after)
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("pk")[:batch]
            )
            if not chunk:
                return total
            after = chunk[-1].pk
            placeholders = Person.objects.bulk_create(
                Person(
                    organisation_id=registration.organisation_id,
                    first_name=ANONYMISED_PARTICIPANT % {"id": registration.pk},
                    last_name="",
                )
                for registration in chunk
            )
            ConsentRecord.objects.bulk_create(
                ConsentRecord(
                    person=placeholder,
                    purpose=purpose,
                    granted=False,
                    source=ConsentRecord.Source.RETENTION,
                    text_version=TEXT_VERSION,
                )
                for placeholder in placeholders
                for purpose in Purpose.values
            )
            Registration = type(chunk[0])
            # One small UPDATE per row: bulk_update's CASE over 500 rows is far slower.
            for registration, placeholder in zip(chunk, placeholders, strict=True):
                Registration.objects.filter(pk=registration.pk).update(
                    person=placeholder,
                    created_by=None,
                    checkin_token=secrets.token_urlsafe(24),
                    feed_token=secrets.token_urlsafe(24),
                    consent_listed=False,
                    available_slots=None,
                )
            ids = [r.pk for r in chunk]
            MeetingRequest.objects.filter(sender_id__in=ids).update(message="")
            Anonymisation.objects.bulk_create(
                Anonymisation(
                    reason=Anonymisation.Reason.RETENTION, person=placeholder, registration=reg
                )
                for reg, placeholder in zip(chunk, placeholders, strict=True)
            )
            audit(
                actor=None,
                action="privacy.retention",
                count=len(chunk),
                registrations=ids,
            )
            total += len(chunk)
