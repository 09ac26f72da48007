"""Cooperation writes: agreements, their parties, status and documents; follow-ups; overseas
service requests.

Rules, enforced here and nowhere else:
- operators may do everything; a member of an organisation may record an agreement their
  organisation is party to, and edit, move or document agreements it is party to;
- an agreement moves only along ``AGREEMENT_TRANSITIONS``; signing needs two signatories and a
  signing date that is not in the future;
- documents are PDF, office files or images, at most ``MAX_DOCUMENT_BYTES``, checked by
  extension, declared content type and the file's first bytes;
- follow-ups belong to operators; service requests are asked by an organisation's members and
  handled by operators, who refer them to service providers of the directory.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibridge.accounts.services import audit
from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.common.parsing import full_clean_or_error, parse_decimal
from digibridge.directory.models import Organisation
from digibridge.directory.selectors import (
    can_act_for,
    is_operator,
    operator_covers,
    operator_covers_any,
    user_organisation_ids,
)
from digibridge.marketplace.models import Opportunity

from .models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    FollowUp,
    ServiceCatalogueItem,
    ServiceRequest,
)

S = Agreement.Status
AGREEMENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    # A memorandum signed at a ceremony often skips negotiation: proposed → signed is allowed.
    S.PROPOSED: (S.NEGOTIATING, S.SIGNED, S.WITHDRAWN),
    S.NEGOTIATING: (S.SIGNED, S.WITHDRAWN),
    S.SIGNED: (S.IN_EXECUTION, S.COMPLETED, S.WITHDRAWN),
    S.IN_EXECUTION: (S.COMPLETED, S.WITHDRAWN),
    S.COMPLETED: (),
    S.WITHDRAWN: (),
}
DESTRUCTIVE_STATUSES = (S.WITHDRAWN,)

R = ServiceRequest.Status
SERVICE_REQUEST_TRANSITIONS: dict[str, tuple[str, ...]] = {
    R.SUBMITTED: (R.TAKEN, R.CANCELLED),
    R.TAKEN: (R.REFERRED, R.IN_PROGRESS, R.DONE, R.CANCELLED),
    R.REFERRED: (R.IN_PROGRESS, R.DONE, R.CANCELLED),
    R.IN_PROGRESS: (R.DONE, R.CANCELLED),
    R.DONE: (),
    R.CANCELLED: (),
}

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# extension → (accepted declared content types, accepted leading bytes)
_OFFICE_ZIP = (b"PK\x03\x04",)
DOCUMENT_TYPES: dict[str, tuple[tuple[str, ...], tuple[bytes, ...]]] = {
    "pdf": (("application/pdf",), (b"%PDF-",)),
    "docx": (
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
        _OFFICE_ZIP,
    ),
    "xlsx": (
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
        _OFFICE_ZIP,
    ),
    "pptx": (
        ("application/vnd.openxmlformats-officedocument.presentationml.presentation",),
        _OFFICE_ZIP,
    ),
    "odt": (("application/vnd.oasis.opendocument.text",), _OFFICE_ZIP),
    "png": (("image/png",), (b"\x89PNG\r\n\x1a\n",)),
    "jpg": (("image/jpeg",), (b"\xff\xd8\xff",)),
    "jpeg": (("image/jpeg",), (b"\xff\xd8\xff",)),
}
# Browsers sometimes declare office files generically; the leading bytes still decide.
_GENERIC_TYPES = ("application/octet-stream", "application/zip", "")

AGREEMENT_FIELDS = (
    "kind",
    "title",
    "description",
    "value",
    "currency",
    "signed_on",
    "signing_place",
    "signing_event",
)


# --- permissions -------------------------------------------------------------------------


def can_manage_agreement(user, agreement: Agreement) -> bool:
    if operator_covers_any(user, (p.organisation for p in agreement.parties.all())):
        return True
    own = user_organisation_ids(user)
    return bool(own) and any(p.organisation_id in own for p in agreement.parties.all())


def _require_manage(user, agreement: Agreement) -> None:
    if not can_manage_agreement(user, agreement):
        raise PermissionDeniedError(_("Only the parties and operators can change this agreement."))


def _require_operator(user, *organisations) -> None:
    """An operator; with ``organisations``, one whose centre looks after one of them."""
    if not (operator_covers_any(user, organisations) if organisations else is_operator(user)):
        raise PermissionDeniedError(_("Only operators can do this."))


def _organisations_of(agreement=None, opportunities=(), meeting=None) -> list[Organisation]:
    """The organisations a follow-up is about, for the centre check."""
    found = [o.owner for o in opportunities if o is not None]
    if agreement is not None:
        found += [p.organisation for p in agreement.parties.select_related("organisation")]
    if meeting is not None:
        seats = meeting.seats.select_related("registration__organisation")
        found += [s.registration.organisation for s in seats]
    return found


# --- agreements --------------------------------------------------------------------------


def _assign(agreement: Agreement, data: dict[str, Any]) -> None:
    for field in AGREEMENT_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field == "value":
            value = parse_decimal(value, field)
        elif field in ("description", "signing_place", "signing_event", "title"):
            value = (value or "").strip()
        elif value is None and field != "signed_on":
            continue
        setattr(agreement, field, value)


def _validate(agreement: Agreement) -> None:
    if not agreement.title:
        raise DomainError(_("Give the agreement a title."), field="title")
    if agreement.signed_on and agreement.signed_on > timezone.localdate():
        raise DomainError(_("The signing date cannot be in the future."), field="signed_on")
    full_clean_or_error(
        agreement,
        exclude=["created_by", "source_opportunity", "counterpart_opportunity", "source_meeting"],
    )


def _normalise_parties(parties) -> list[tuple[Organisation, str]]:
    """``parties``: iterable of (Organisation, role); at most one entry per organisation."""
    seen: set[int] = set()
    result = []
    roles = set(AgreementParty.Role.values)
    for organisation, role in parties:
        if role not in roles:
            raise DomainError(_("Unknown party role %(role)s.") % {"role": role}, field="parties")
        if organisation.pk in seen:
            raise DomainError(
                _("%(name)s is listed twice among the parties.") % {"name": organisation.name},
                field="parties",
            )
        seen.add(organisation.pk)
        result.append((organisation, role))
    if len(result) < 2:
        raise DomainError(_("An agreement needs at least two parties."), field="parties")
    return result


def _signatory_count(agreement: Agreement) -> int:
    return agreement.parties.filter(role=AgreementParty.Role.SIGNATORY).count()


def _set_parties(agreement: Agreement, parties: list[tuple[Organisation, str]]) -> None:
    agreement.parties.all().delete()
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=agreement, organisation=org, role=role, position=index)
        for index, (org, role) in enumerate(parties)
    )


def _check_opportunities(by, opportunities) -> list[Opportunity]:
    from digibridge.marketplace.selectors import opportunities_visible_to

    opportunities = [o for o in (opportunities or []) if o is not None]
    if not opportunities:
        return []
    visible = set(
        opportunities_visible_to(by)
        .filter(pk__in=[o.pk for o in opportunities])
        .values_list("pk", flat=True)
    )
    for opportunity in opportunities:
        if opportunity.pk not in visible:
            raise DomainError(_("Unknown opportunity."), field="opportunities")
    return opportunities


def _check_meeting(by, meeting, *, field: str):
    if meeting is None:
        return None
    from .selectors import meetings_visible_to

    if not meetings_visible_to(by).filter(pk=meeting.pk).exists():
        raise DomainError(_("Unknown meeting."), field=field)
    return meeting


@transaction.atomic
def agreement_create(
    *,
    by,
    data: dict[str, Any],
    parties,
    opportunities=(),
    source_opportunity: Opportunity | None = None,
    counterpart_opportunity: Opportunity | None = None,
    source_meeting=None,
    status: str = S.PROPOSED,
) -> Agreement:
    """Record an agreement with its parties (``[(organisation, role), ...]``).

    A member may record only an agreement their own organisation is party to. ``status`` may be
    any status reachable from proposed in one step (e.g. a MoU recorded as already signed)."""
    parties = _normalise_parties(parties)
    if not operator_covers_any(by, [org for org, _role in parties]):
        own = user_organisation_ids(by)
        if not any(org.pk in own for org, _role in parties):
            raise PermissionDeniedError(
                _("You can only record agreements your organisation is party to.")
            )
    agreement = Agreement(created_by=by, status=S.PROPOSED)
    _assign(agreement, data)
    _check_opportunities(by, [source_opportunity, counterpart_opportunity])
    agreement.source_opportunity = source_opportunity
    agreement.counterpart_opportunity = counterpart_opportunity
    agreement.source_meeting = _check_meeting(by, source_meeting, field="source_meeting")
    _validate(agreement)
    agreement.status_changed_at = timezone.now()
    agreement.save()
    _set_parties(agreement, parties)
    linked = _check_opportunities(by, opportunities)
    pair = [o for o in (source_opportunity, counterpart_opportunity) if o is not None]
    agreement.opportunities.set({o.pk: o for o in [*linked, *pair]}.values())
    audit(actor=by, action="agreement.create", obj=agreement)
    if status != S.PROPOSED:
        agreement = agreement_transition(agreement=agreement, to=status, by=by)
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    by,
    data: dict[str, Any],
    parties=None,
    opportunities=None,
    links: dict[str, Any] | None = None,
) -> Agreement:
    """Edit fields, parties, linked opportunities and, with ``links``, where it came from
    (``source_opportunity``, ``counterpart_opportunity``, ``source_meeting``)."""
    _require_manage(by, agreement)
    if agreement.status in (S.COMPLETED, S.WITHDRAWN):
        raise DomainError(_("A completed or withdrawn agreement can no longer be edited."))
    _assign(agreement, data)
    _validate(agreement)
    if parties is not None:
        parties = _normalise_parties(parties)
        if not operator_covers_any(by, [org for org, _role in parties]):
            own = user_organisation_ids(by)
            if not any(org.pk in own for org, _role in parties):
                raise PermissionDeniedError(
                    _("You cannot remove your own organisation from the parties.")
                )
        if agreement.is_signed and (
            sum(1 for _org, role in parties if role == AgreementParty.Role.SIGNATORY) < 2
        ):
            raise DomainError(
                _("A signed agreement keeps at least two signatories."), field="parties"
            )
        _set_parties(agreement, parties)
    if opportunities is not None:
        agreement.opportunities.set(_check_opportunities(by, opportunities))
    if links is not None:
        source = links.get("source_opportunity")
        counterpart = links.get("counterpart_opportunity")
        _check_opportunities(by, [source, counterpart])
        agreement.source_opportunity, agreement.counterpart_opportunity = source, counterpart
        agreement.source_meeting = _check_meeting(
            by, links.get("source_meeting"), field="source_meeting"
        )
        agreement.opportunities.add(*[o for o in (source, counterpart) if o is not None])
    agreement.save()
    audit(actor=by, action="agreement.update", obj=agreement)
    return agreement


def allowed_transitions(agreement: Agreement) -> tuple[str, ...]:
    return AGREEMENT_TRANSITIONS.get(agreement.status, ())


@transaction.atomic
def agreement_transition(
    *, agreement: Agreement, to: str, by, signed_on: dt.date | None = None
) -> Agreement:
    """Move the agreement to status ``to`` if the transition is allowed.

    Signing needs at least two signatories; without a signing date it takes today's."""
    _require_manage(by, agreement)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if to not in AGREEMENT_TRANSITIONS.get(agreement.status, ()):
        raise DomainError(
            _("An agreement cannot go from %(current)s to %(target)s.")
            % {
                "current": agreement.get_status_display(),
                "target": S(to).label if to in S.values else to,
            },
            field="status",
        )
    if to == S.SIGNED:
        if _signatory_count(agreement) < 2:
            raise DomainError(
                _("An agreement needs at least two signatories to be signed."), field="parties"
            )
        if signed_on is not None:
            agreement.signed_on = signed_on
        agreement.signed_on = agreement.signed_on or timezone.localdate()
        if agreement.signed_on > timezone.localdate():
            raise DomainError(_("The signing date cannot be in the future."), field="signed_on")
    previous = agreement.status
    agreement.status = to
    agreement.status_changed_at = timezone.now()
    agreement.save(update_fields=["status", "signed_on", "status_changed_at", "updated_at"])
    audit(actor=by, action="agreement.transition", obj=agreement, previous=previous, status=to)
    return agreement


def _sniff_ok(head: bytes, signatures: tuple[bytes, ...]) -> bool:
    return any(head.startswith(sig) for sig in signatures)


def validate_document(upload) -> tuple[str, str]:
    """Check an uploaded file; returns (extension, content type) or raises DomainError."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in DOCUMENT_TYPES:
        raise DomainError(
            _("Upload a PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG file."),
            field="file",
        )
    size = getattr(upload, "size", 0) or 0
    if size > MAX_DOCUMENT_BYTES:
        raise DomainError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": f"{size / 1024 / 1024:.1f}", "limit": MAX_DOCUMENT_BYTES // 1024 // 1024},
            field="file",
        )
    if size == 0:
        raise DomainError(_("The file is empty."), field="file")
    declared = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    types, signatures = DOCUMENT_TYPES[extension]
    if declared not in types and declared not in _GENERIC_TYPES:
        raise DomainError(
            _("The file's type (%(type)s) does not match its name.") % {"type": declared},
            field="file",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not _sniff_ok(head, signatures):
        raise DomainError(_("The file's content does not match its name."), field="file")
    return extension, types[0]


@transaction.atomic
def agreement_document_add(*, agreement: Agreement, by, upload) -> AgreementDocument:
    _require_manage(by, agreement)
    _extension, content_type = validate_document(upload)
    original = (getattr(upload, "name", "") or "document").replace("\\", "/").split("/")[-1]
    document = AgreementDocument(
        agreement=agreement,
        original_name=original[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    document.file.save(original, upload, save=False)
    document.save()
    audit(actor=by, action="agreement.document_add", obj=agreement, name=document.original_name)
    return document


@transaction.atomic
def agreement_document_delete(*, document: AgreementDocument, by) -> None:
    _require_manage(by, document.agreement)
    storage, name = document.file.storage, document.file.name
    audit(
        actor=by,
        action="agreement.document_delete",
        obj=document.agreement,
        name=document.original_name,
    )
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- follow-ups --------------------------------------------------------------------------

FOLLOW_UP_FIELDS = ("stage", "next_action", "due_on", "notes", "done")


@transaction.atomic
def follow_up_create(
    *,
    by,
    owner=None,
    data: dict[str, Any],
    agreement: Agreement | None = None,
    source_opportunity: Opportunity | None = None,
    counterpart_opportunity: Opportunity | None = None,
    meeting=None,
) -> FollowUp:
    """A follow-up is about an agreement, an opportunity pair (a match) or a meeting."""
    _require_operator(
        by, *_organisations_of(agreement, (source_opportunity, counterpart_opportunity), meeting)
    )
    if agreement is None and source_opportunity is None and meeting is None:
        raise DomainError(_("Say what the follow-up is about: an agreement, a match or a meeting."))
    if (source_opportunity is None) != (counterpart_opportunity is None):
        raise DomainError(_("A match needs both opportunities."), field="counterpart_opportunity")
    if source_opportunity is not None and source_opportunity.pk == counterpart_opportunity.pk:
        raise DomainError(
            _("A match pairs two different opportunities."), field="counterpart_opportunity"
        )
    owner = owner or by
    if not is_operator(owner):
        raise DomainError(_("The owner of a follow-up must be an operator."), field="owner")
    follow_up = FollowUp(
        agreement=agreement,
        source_opportunity=source_opportunity,
        counterpart_opportunity=counterpart_opportunity,
        owner=owner,
        created_by=by,
    )
    follow_up.meeting = _check_meeting(by, meeting, field="meeting")
    for field in FOLLOW_UP_FIELDS:
        if field in data and data[field] is not None:
            setattr(follow_up, field, data[field])
    follow_up.next_action = (follow_up.next_action or "").strip()
    full_clean_or_error(
        follow_up,
        exclude=[
            "owner",
            "created_by",
            "agreement",
            "source_opportunity",
            "counterpart_opportunity",
        ],
    )
    follow_up.save()
    audit(actor=by, action="follow_up.create", obj=follow_up)
    return follow_up


@transaction.atomic
def follow_up_update(*, follow_up: FollowUp, by, data: dict[str, Any], owner=None) -> FollowUp:
    opportunities = (follow_up.source_opportunity, follow_up.counterpart_opportunity)
    _require_operator(by, *_organisations_of(follow_up.agreement, opportunities, follow_up.meeting))
    for field in FOLLOW_UP_FIELDS:
        if field in data:
            value = data[field]
            if value is None and field != "due_on":
                continue
            setattr(follow_up, field, value)
    if owner is not None:
        if not is_operator(owner):
            raise DomainError(_("The owner of a follow-up must be an operator."), field="owner")
        follow_up.owner = owner
    if follow_up.stage in (FollowUp.Stage.AGREED, FollowUp.Stage.DROPPED):
        follow_up.done = True
    full_clean_or_error(
        follow_up,
        exclude=[
            "owner",
            "created_by",
            "agreement",
            "source_opportunity",
            "counterpart_opportunity",
        ],
    )
    follow_up.save()
    audit(actor=by, action="follow_up.update", obj=follow_up)
    return follow_up


# --- overseas services ------------------------------------------------------------------


@transaction.atomic
def service_request_create(
    *,
    organisation: Organisation,
    service: ServiceCatalogueItem,
    description: str,
    by,
) -> ServiceRequest:
    if not can_act_for(by, organisation):
        raise PermissionDeniedError(_("You can only ask for services for your own organisation."))
    if not service.active:
        raise DomainError(_("This service is not offered at the moment."), field="service")
    description = (description or "").strip()
    if not description:
        raise DomainError(_("Say what you need."), field="description")
    request = ServiceRequest(
        organisation=organisation, service=service, description=description, created_by=by
    )
    full_clean_or_error(request, exclude=["created_by", "operator", "provider"])
    request.save()
    audit(actor=by, action="service_request.create", obj=request)
    return request


def _move(request: ServiceRequest, to: str) -> None:
    if to not in SERVICE_REQUEST_TRANSITIONS.get(request.status, ()):
        raise DomainError(
            _("A service request cannot go from %(current)s to %(target)s.")
            % {
                "current": request.get_status_display(),
                "target": R(to).label if to in R.values else to,
            },
            field="status",
        )
    request.status = to
    if to in (R.DONE, R.CANCELLED):
        request.closed_at = timezone.now()


@transaction.atomic
def service_request_take(
    *, request: ServiceRequest, by, due_on: dt.date | None = None
) -> ServiceRequest:
    _require_operator(by, request.organisation)
    _move(request, R.TAKEN)
    request.operator = by
    if due_on is not None:
        request.due_on = due_on
    request.save()
    audit(actor=by, action="service_request.take", obj=request)
    return request


@transaction.atomic
def service_request_refer(
    *,
    request: ServiceRequest,
    provider: Organisation,
    by,
    due_on: dt.date | None = None,
    note: str = "",
) -> ServiceRequest:
    _require_operator(by, request.organisation)
    if provider.type != Organisation.Type.SERVICE_PROVIDER:
        raise DomainError(
            _("Refer requests only to service providers of the directory."), field="provider"
        )
    if request.status == R.SUBMITTED:
        _move(request, R.TAKEN)
        request.operator = by
    _move(request, R.REFERRED)
    request.provider = provider
    request.operator = request.operator or by
    if due_on is not None:
        request.due_on = due_on
    request.status_note = (note or "").strip()[:300]
    request.save()
    audit(actor=by, action="service_request.refer", obj=request, provider=provider.pk)
    return request


@transaction.atomic
def service_request_set_status(
    *,
    request: ServiceRequest,
    to: str,
    by,
    due_on: dt.date | None = None,
    note: str | None = None,
) -> ServiceRequest:
    """Operators move a request along; the requesting organisation may only cancel it."""
    own = request.organisation_id in user_organisation_ids(by)
    if not operator_covers(by, request.organisation) and not (own and to == R.CANCELLED):
        raise PermissionDeniedError(_("Only operators can change the status of this request."))
    if to == R.REFERRED:
        raise DomainError(_("Choose a service provider to refer the request to."), field="status")
    if to == R.TAKEN:
        return service_request_take(request=request, by=by, due_on=due_on)
    _move(request, to)
    if due_on is not None:
        request.due_on = due_on
    if note is not None:
        request.status_note = note.strip()[:300]
    request.save()
    audit(actor=by, action="service_request.status", obj=request, status=to)
    return request


@transaction.atomic
def service_request_update(
    *,
    request: ServiceRequest,
    by,
    status: str,
    provider: Organisation | None = None,
    due_on: dt.date | None = None,
    note: str = "",
) -> ServiceRequest:
    """An operator's edit of a request in one go: a new provider refers it, a new status
    moves it, and the due date and note are kept whatever the status."""
    _require_operator(by, request.organisation)
    if provider is not None and provider.pk != request.provider_id:
        request = service_request_refer(
            request=request, provider=provider, by=by, due_on=due_on, note=note
        )
        if status in (R.TAKEN, R.REFERRED):
            return request
    if status != request.status:
        return service_request_set_status(
            request=request, to=status, by=by, due_on=due_on, note=note
        )
    request.due_on = due_on
    request.status_note = (note or "").strip()[:300]
    request.save(update_fields=["due_on", "status_note", "updated_at"])
    audit(actor=by, action="service_request.update", obj=request)
    return request
