"""Outreach writes: conversations, blocking and reports, invitations with RSVP, delegations and
the weekly digest.

Every service checks that ``by`` may do what it asks and raises ``DomainError`` /
``PermissionDeniedError``; views and the API only translate them. E-mails leave through
Celery tasks queued in ``transaction.on_commit``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from pathlib import PurePath
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digibridge.accounts.services import audit
from digibridge.common.errors import DomainError, NotFoundError, PermissionDeniedError
from digibridge.directory.models import Network, Organisation, Person
from digibridge.directory.selectors import (
    can_act_for,
    is_operator,
    operator_covers,
    operator_covers_any,
    operators_covering,
    user_organisation_ids,
)

from . import selectors
from .models import (
    AbuseReport,
    Block,
    Conversation,
    ConversationRead,
    Delegation,
    DelegationMember,
    Invitation,
    Message,
    Notification,
)
from .notifications import absolute, notify, preferences_of

ATTACHMENT_EXTENSIONS = {
    ".pdf",
    ".png",
    ".jpg",
    ".jpeg",
    ".txt",
    ".csv",
    ".docx",
    ".xlsx",
    ".pptx",
    ".odt",
    ".ods",
    ".odp",
}
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
UI_LANGUAGES = [code for code, _name in settings.LANGUAGES]
COUNTRY_LANGUAGE = {"CN": "zh-hans", "TW": "zh-hans", "HK": "zh-hans", "ES": "es", "AD": "ca"}


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # the app's URLs are not wired into this URLconf
        return ""


# --- conversations ----------------------------------------------------------------------------


def _conversation_link(conversation: Conversation) -> str:
    return _url("outreach:conversation", conversation.pk)


def _require_side(conversation: Conversation, by) -> str:
    side = selectors.side_of(conversation=conversation, user=by)
    if side is None:
        raise PermissionDeniedError(_("Only the two sides of a conversation can write in it."))
    return side


def _check_not_blocked(from_org_id: int | None, to_org_id: int | None) -> None:
    block = selectors.blocked_between(from_org_id, to_org_id)
    if block is None:
        return
    if block.blocker_id == from_org_id:
        raise DomainError(
            _("Your organisation has blocked this organisation; unblock it to write."),
            code="blocked",
        )
    raise DomainError(
        _("This organisation does not accept messages from your organisation."), code="blocked"
    )


def _validate_attachment(attachment) -> None:
    if attachment is None:
        return
    name = PurePath(attachment.name or "").name
    if PurePath(name).suffix.lower() not in ATTACHMENT_EXTENSIONS:
        raise DomainError(
            _("Attach a PDF, image, text, CSV or office document (%(types)s).")
            % {"types": ", ".join(sorted(ATTACHMENT_EXTENSIONS))},
            field="attachment",
        )
    if attachment.size is None or attachment.size > ATTACHMENT_MAX_BYTES:
        raise DomainError(
            _("Attachments can be at most %(size)s MB.")
            % {"size": ATTACHMENT_MAX_BYTES // (1024 * 1024)},
            field="attachment",
        )
    if attachment.size == 0:
        raise DomainError(_("The attached file is empty."), field="attachment")


def _side_org_id(conversation: Conversation, side: str) -> int | None:
    return conversation.side_a_id if side == selectors.SIDE_A else conversation.side_b_id


def _other(side: str) -> str:
    return selectors.SIDE_B if side == selectors.SIDE_A else selectors.SIDE_A


@transaction.atomic
def message_post(*, conversation: Conversation, by, body: str, attachment=None) -> Message:
    """Post a message for ``by``'s side; notifies the other side's users (as they chose).

    Refused when the conversation is closed or when either side blocked the other.
    """
    side = _require_side(conversation, by)
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if conversation.status == Conversation.Status.CLOSED:
        raise DomainError(_("This conversation was closed by an operator."), code="closed")
    from_org = _side_org_id(conversation, side)
    to_org = _side_org_id(conversation, _other(side))
    _check_not_blocked(from_org, to_org)
    body = (body or "").strip()
    if not body and attachment is None:
        raise DomainError(_("Write a message."), field="body")
    if len(body) > 5000:
        raise DomainError(_("A message can be at most 5000 characters."), field="body")
    _validate_attachment(attachment)
    message = Message(
        conversation=conversation,
        sender=by,
        sender_organisation_id=from_org,
        body=body,
    )
    if attachment is not None:
        message.attachment_name = PurePath(attachment.name).name[:200]
        message.attachment.save(message.attachment_name, attachment, save=False)
    message.save()
    conversation.last_message_at = message.created_at
    conversation.save(update_fields=["last_message_at"])
    ConversationRead.objects.update_or_create(
        conversation=conversation, user=by, defaults={"last_read_at": message.created_at}
    )
    sender_name = (
        conversation.side_a.name
        if side == selectors.SIDE_A
        else (conversation.side_b.name if conversation.side_b else _("the service centre"))
    )
    recipients = selectors.side_users(conversation=conversation, side=_other(side)).exclude(
        pk=by.pk
    )
    notify(
        users=recipients,
        kind=Notification.Kind.MESSAGE,
        title=gettext_lazy("New message from %(organisation)s"),
        body=gettext_lazy("%(subject)s: %(excerpt)s"),
        params={
            "organisation": sender_name,
            "subject": conversation.subject,
            "excerpt": body[:200] or message.attachment_name,
        },
        link=_conversation_link(conversation),
    )
    return message


@transaction.atomic
def conversation_open(
    *,
    organisation: Organisation,
    counterpart: Organisation | None,
    by,
    subject: str,
    body: str = "",
    origin: str = Conversation.Origin.DIRECT,
    source_opportunity=None,
    target_opportunity=None,
    meeting_request=None,
    meeting=None,
    rfq_response=None,
) -> Conversation:
    """Open a thread between ``organisation`` (``by`` acts for it) and ``counterpart`` (an
    organisation, or None for the service centre), or return the open thread the two sides
    already have about the same thing. Posts ``body`` as the first message when given."""
    if not can_act_for(by, organisation):
        raise PermissionDeniedError(_("You can only write for your own organisation."))
    if counterpart is not None and counterpart.pk == organisation.pk:
        raise DomainError(_("Choose another organisation to write to."), field="counterpart")
    _check_not_blocked(organisation.pk, counterpart.pk if counterpart else None)
    subject = (subject or "").strip()[:200]
    if not subject:
        raise DomainError(_("Give the conversation a subject."), field="subject")
    pair = Q(side_a=organisation, side_b=counterpart) | (
        Q(side_a=counterpart, side_b=organisation) if counterpart else Q(pk__in=[])
    )
    same_thing = Q(
        origin=origin,
        source_opportunity=source_opportunity,
        target_opportunity=target_opportunity,
        meeting_request=meeting_request,
        meeting=meeting,
        rfq_response=rfq_response,
    )
    if source_opportunity is not None:
        # A match is one thing whichever side opens it.
        same_thing |= Q(
            origin=origin,
            source_opportunity=target_opportunity,
            target_opportunity=source_opportunity,
        )
    conversation = (
        Conversation.objects.filter(pair, same_thing, status=Conversation.Status.OPEN)
        .order_by("pk")
        .first()
    )
    if conversation is None:
        conversation = Conversation.objects.create(
            side_a=organisation,
            side_b=counterpart,
            subject=subject,
            origin=origin,
            source_opportunity=source_opportunity,
            target_opportunity=target_opportunity,
            meeting_request=meeting_request,
            meeting=meeting,
            rfq_response=rfq_response,
            created_by=by,
        )
        audit(actor=by, action="outreach.conversation_open", obj=conversation)
    if (body or "").strip():
        message_post(conversation=conversation, by=by, body=body)
    return conversation


def conversation_open_from_match(*, source, target, by, body: str = "") -> Conversation:
    """A thread between the owners of two matched opportunities; ``by`` acts for ``source``."""
    from digibridge.marketplace.selectors import opportunities_visible_to

    if not opportunities_visible_to(by).filter(pk=target.pk).exists():
        raise NotFoundError(_("Opportunity not found."))
    return conversation_open(
        organisation=source.owner,
        counterpart=target.owner,
        by=by,
        subject=f"{source.title} ↔ {target.title}"[:200],
        body=body,
        origin=Conversation.Origin.MATCH,
        source_opportunity=source,
        target_opportunity=target,
    )


def conversation_open_from_meeting_request(*, request, by, body: str = "") -> Conversation:
    """A thread between the two organisations of a meeting request (``by`` is one of them)."""
    orgs = user_organisation_ids(by)
    sender, recipient = request.sender, request.recipient
    if sender.person.user_id == by.pk or sender.organisation_id in orgs:
        mine, theirs = sender, recipient
    elif recipient.person.user_id == by.pk or recipient.organisation_id in orgs:
        mine, theirs = recipient, sender
    else:
        raise PermissionDeniedError(_("Only the two sides of the meeting request can write."))
    return conversation_open(
        organisation=mine.organisation,
        counterpart=theirs.organisation,
        by=by,
        subject=_("Meeting at %(event)s") % {"event": request.event.local_name},
        body=body,
        origin=Conversation.Origin.MEETING_REQUEST,
        meeting_request=request,
    )


def conversation_open_follow_up(*, meeting, by, body: str = "") -> Conversation:
    """A follow-up thread after a meeting, with the first other organisation at the table."""
    orgs = user_organisation_ids(by)
    seats = list(meeting.seats.select_related("registration__organisation", "registration__person"))
    mine = next(
        (
            s.registration
            for s in seats
            if s.registration.person.user_id == by.pk or s.registration.organisation_id in orgs
        ),
        None,
    )
    if mine is None:
        raise PermissionDeniedError(_("Only participants of the meeting can follow it up."))
    theirs = next(
        (s.registration for s in seats if s.registration.organisation_id != mine.organisation_id),
        None,
    )
    if theirs is None:
        raise DomainError(_("There is no other organisation in this meeting."))
    return conversation_open(
        organisation=mine.organisation,
        counterpart=theirs.organisation,
        by=by,
        subject=_("Follow-up of our meeting at %(event)s")
        % {"event": meeting.block.event.local_name},
        body=body,
        origin=Conversation.Origin.FOLLOW_UP,
        meeting=meeting,
    )


def conversation_open_from_response(*, response, by, body: str = "") -> Conversation:
    """A thread between the buyer of an order and a supplier who responded to it.

    The supplier may write at any time; the buyer only once responses are no longer sealed
    (an unsealed request, or after the response deadline), so a sealed round stays blind."""
    rfq = response.rfq
    buyer = rfq.opportunity.owner
    if can_act_for(by, response.supplier) and not is_operator(by):
        mine, theirs = response.supplier, buyer
    elif can_act_for(by, buyer):
        if rfq.sealed and not rfq.deadline_passed:
            raise DomainError(
                _("Responses are sealed until the deadline; write to suppliers after it."),
                code="sealed",
            )
        mine, theirs = buyer, response.supplier
    else:
        raise PermissionDeniedError(_("Only the buyer and the supplier can write."))
    return conversation_open(
        organisation=mine,
        counterpart=theirs,
        by=by,
        subject=_("Response to “%(title)s”") % {"title": rfq.opportunity.title},
        body=body,
        origin=Conversation.Origin.RESPONSE,
        rfq_response=response,
    )


@transaction.atomic
def conversation_access(*, conversation: Conversation, by) -> str | None:
    """Check that ``by`` may read the thread and mark it read; returns ``by``'s side.

    Operators who are not a side may read any thread (to act on reports); each such access is
    recorded in the audit log.
    """
    side = selectors.side_of(conversation=conversation, user=by)
    if side is None:
        if not selectors.can_read_conversation(conversation=conversation, user=by):
            raise NotFoundError(_("Conversation not found."))
        audit(actor=by, action="outreach.conversation_read_by_operator", obj=conversation)
        return None
    ConversationRead.objects.update_or_create(
        conversation=conversation, user=by, defaults={"last_read_at": timezone.now()}
    )
    return side


@transaction.atomic
def conversation_share_contacts(*, conversation: Conversation, by, share: bool = True):
    """Record that ``by``'s side agrees (or no longer agrees) to show its contact details.

    Details show only when both sides agree."""
    side = _require_side(conversation, by)
    field = "consent_a" if side == selectors.SIDE_A else "consent_b"
    setattr(conversation, field, bool(share))
    conversation.save(update_fields=[field])
    audit(actor=by, action="outreach.contacts_consent", obj=conversation, side=side, share=share)
    return conversation


@transaction.atomic
def conversation_report(*, conversation: Conversation, by, reason: str) -> AbuseReport:
    """A side reports the thread to the operators (who are notified)."""
    _require_side(conversation, by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say what is wrong."), field="reason")
    report = AbuseReport.objects.create(
        conversation=conversation, reporter=by, reason=reason[:2000]
    )
    operators = operators_covering([conversation.side_a, conversation.side_b])
    notify(
        users=operators,
        kind=Notification.Kind.MODERATION,
        title=gettext_lazy("A conversation was reported"),
        body=gettext_lazy("Conversation %(subject)s was reported: %(reason)s"),
        params={"subject": conversation.subject, "reason": reason[:300]},
        link=_conversation_link(conversation),
    )
    audit(actor=by, action="outreach.conversation_report", obj=conversation)
    return report


@transaction.atomic
def conversation_close(*, conversation: Conversation, by, reason: str = "") -> Conversation:
    """Operators close a thread (after a report): no one can write in it any more."""
    if not operator_covers_any(by, (conversation.side_a, conversation.side_b)):
        raise PermissionDeniedError(_("Only operators can close a conversation."))
    conversation.status = Conversation.Status.CLOSED
    conversation.closed_reason = (reason or "").strip()[:500]
    conversation.save(update_fields=["status", "closed_reason"])
    conversation.reports.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=by
    )
    audit(actor=by, action="outreach.conversation_close", obj=conversation, reason=reason)
    return conversation


@transaction.atomic
def organisation_block(*, blocker: Organisation, blocked: Organisation, by) -> Block:
    if not can_act_for(by, blocker):
        raise PermissionDeniedError(_("You can only block for your own organisation."))
    if blocker.pk == blocked.pk:
        raise DomainError(_("An organisation cannot block itself."))
    block, _created = Block.objects.get_or_create(
        blocker=blocker, blocked=blocked, defaults={"created_by": by}
    )
    audit(actor=by, action="outreach.block", obj=blocked, blocker=blocker.pk)
    return block


@transaction.atomic
def organisation_unblock(*, blocker: Organisation, blocked: Organisation, by) -> None:
    if not can_act_for(by, blocker):
        raise PermissionDeniedError(_("You can only unblock for your own organisation."))
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    audit(actor=by, action="outreach.unblock", obj=blocked, blocker=blocker.pk)


# --- new-match threshold ---------------------------------------------------------------------

MATCH_THRESHOLD_MAX = 10.0


@transaction.atomic
def match_threshold_set(*, user, min_score: float | None) -> None:
    """The lowest score of a new match the user wants a ``match`` notice for (``None``: the
    platform's default). Kept with the user's ``match`` notification preference."""
    from .models import PREFERENCE_DEFAULTS, NotificationPreference

    if min_score is not None and not 0 <= min_score <= MATCH_THRESHOLD_MAX:
        raise DomainError(
            _("Choose a score between 0 and %(max)s.") % {"max": f"{MATCH_THRESHOLD_MAX:g}"},
            field="min_score",
        )
    in_app, email = PREFERENCE_DEFAULTS[Notification.Kind.MATCH]
    preference, _created = NotificationPreference.objects.get_or_create(
        user=user, kind=Notification.Kind.MATCH, defaults={"in_app": in_app, "email": email}
    )
    preference.min_score = min_score
    preference.save(update_fields=["min_score"])


# --- invitations ------------------------------------------------------------------------------

_ROW = re.compile(r"^\s*(?:(?P<name>[^<]*?)\s*<(?P<bracket>[^>]+)>|(?P<plain>.+?))\s*$")


def _language_for(*, user=None, person: Person | None = None, organisation=None) -> str:
    if user is not None and getattr(user, "language", "") in UI_LANGUAGES:
        return user.language
    if person is not None:
        if person.user_id and person.user.language in UI_LANGUAGES:
            return person.user.language
        for language in person.languages or []:
            if language in UI_LANGUAGES:
                return language
    if organisation is not None:
        for language in organisation.languages or []:
            if language in UI_LANGUAGES:
                return language
        return COUNTRY_LANGUAGE.get(str(organisation.country), "en")
    return settings.LANGUAGE_CODE


LANGUAGE_ALIASES = {"zh": "zh-hans", "zh-cn": "zh-hans", "zh_hans": "zh-hans", "cn": "zh-hans"}


def _check_invitee_row(row: dict) -> dict:
    """Normalise ``row``'s e-mail and language and set ``error`` when either is unusable."""
    row["email"] = (row.get("email") or "").strip().lower()
    language = (row.get("language") or "").strip().lower()
    row["language"] = LANGUAGE_ALIASES.get(language, language)
    try:
        validate_email(row["email"])
    except ValidationError:
        missing = not row["email"]
        row["error"] = (
            _("The e-mail address is missing.") if missing else _("Not a valid e-mail address.")
        )
    else:
        if row["language"] and row["language"] not in UI_LANGUAGES:
            row["error"] = _("Unknown language %(language)s (use %(choices)s).") % {
                "language": row["language"],
                "choices": ", ".join(UI_LANGUAGES),
            }
    return row


def parse_invitee_rows(text: str) -> list[dict]:
    """Rows of a pasted list: ``e-mail``, ``Name <e-mail>`` or ``e-mail; name; language``
    (comma, semicolon or tab separated). Each row: input, email, name, language, error."""
    rows = []
    for line_no, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        row = {"line": line_no, "input": line[:300], "email": "", "name": "", "language": ""}
        parts = [p.strip() for p in re.split(r"[;,\t]", line)]
        if len(parts) > 1 and "@" in parts[0] and "<" not in parts[0]:
            row["email"], row["name"] = parts[0], parts[1]
            row["language"] = parts[2] if len(parts) > 2 else ""
        else:
            match = _ROW.match(line)
            row["name"] = (match.group("name") or "").strip().strip('"') if match else ""
            row["email"] = (match.group("bracket") or match.group("plain")) if match else line
        rows.append(_check_invitee_row(row))
    return rows


# Columns of an uploaded list of invitees, and the other headers accepted for them.
INVITEE_COLUMNS = ("name", "email", "organisation", "language")
INVITEE_HEADER_ALIASES = {
    "e-mail": "email",
    "e_mail": "email",
    "mail": "email",
    "email_address": "email",
    "full_name": "name",
    "organization": "organisation",
    "company": "organisation",
    "lang": "language",
}
INVITEE_FILE_MAX_ROWS = 2000
INVITEE_FILE_MAX_BYTES = 5 * 1024 * 1024


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_invitee_file(upload, filename: str | None = None) -> list[dict]:
    """The rows of an uploaded .xlsx or .csv list of invitees (columns name, email,
    organisation, language; only email is required), each checked like a pasted row, with
    ``line`` the spreadsheet's row number (the header is row 1).

    Raises ``DomainError`` when the file cannot be used at all: not a spreadsheet, empty,
    no e-mail column, unknown or repeated columns, too many rows."""
    from digibridge.reports.importing import ImportFileError, read_table

    name = filename or getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    if size is not None and size > INVITEE_FILE_MAX_BYTES:
        raise DomainError(
            _("The file can be at most %(size)s MB.")
            % {"size": INVITEE_FILE_MAX_BYTES // (1024 * 1024)},
            field="file",
        )
    try:
        header, body = read_table(upload, filename=name)
        # A column without a name (an empty spreadsheet column) is passed over.
        columns = [INVITEE_HEADER_ALIASES.get(h, h) for h in header]
        unknown = [h for h in columns if h and h not in INVITEE_COLUMNS]
        repeated = sorted({h for h in columns if h and columns.count(h) > 1})
        if unknown or repeated or "email" not in columns:
            expected = ", ".join(INVITEE_COLUMNS)
            if unknown:
                message = _("Unknown column “%(column)s”; the columns are %(expected)s.") % {
                    "column": unknown[0],
                    "expected": expected,
                }
            elif repeated:
                message = _("The column “%(column)s” appears twice.") % {"column": repeated[0]}
            else:
                message = _("The file needs an “email” column (the columns are %(expected)s).") % {
                    "expected": expected
                }
            raise DomainError(message, field="file")
        rows = []
        for line, cells in enumerate(body, start=2):
            values = [_cell_text(c) for c in cells]
            if not any(values):
                continue
            if len(rows) >= INVITEE_FILE_MAX_ROWS:
                raise DomainError(
                    _("The file has more than %(count)s invitees; split it.")
                    % {"count": INVITEE_FILE_MAX_ROWS},
                    field="file",
                )
            record = dict(zip(columns, values, strict=False))
            row = {
                "line": line,
                "input": " · ".join(v for v in values if v)[:300],
                "email": record.get("email", ""),
                "name": record.get("name", ""),
                "organisation_name": record.get("organisation", ""),
                "language": record.get("language", ""),
            }
            _check_invitee_row(row)
            if not row.get("error"):
                if len(row["name"]) > 200:
                    row["error"] = _("The name is longer than 200 characters.")
                elif len(row["organisation_name"]) > 200:
                    row["error"] = _("The organisation is longer than 200 characters.")
            rows.append(row)
    except ImportFileError as exc:
        raise DomainError(str(exc), field="file") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DomainError(_("Save the CSV file as UTF-8."), field="file") from exc
    if not rows:
        raise DomainError(_("The file has no invitees."), field="file")
    return rows


def _contact_of(organisation: Organisation) -> tuple[Person | None, str, str]:
    people = list(organisation.people.select_related("user").exclude(email="").order_by("pk"))
    people.sort(key=lambda p: not p.is_executive)
    if people:
        return people[0], people[0].email, people[0].full_name
    member = organisation.memberships.select_related("user").order_by("pk").first()
    if member is not None:
        return None, member.user.email, member.user.get_full_name()
    return None, "", ""


def _candidate_from_row(row: dict) -> dict:
    """A pasted or uploaded row as an invitee: the directory person with that e-mail, the
    directory organisation with that name (else the person's), the language given or guessed."""
    person = None
    if row["email"] and not row.get("error"):
        person = (
            Person.objects.filter(email__iexact=row["email"])
            .select_related("organisation", "user")
            .order_by("pk")
            .first()
        )
    organisation_name = (row.get("organisation_name") or "").strip()[:200]
    organisation = None
    if organisation_name:
        organisation = (
            Organisation.objects.filter(name__iexact=organisation_name).order_by("pk").first()
        )
    if organisation is None and person is not None:
        organisation = person.organisation
    return {
        "line": row.get("line"),
        "input": row["input"],
        "email": row["email"],
        "name": row.get("name") or (person.full_name if person else ""),
        "organisation": organisation,
        "organisation_name": organisation_name or (organisation.name if organisation else ""),
        "person": person,
        "language": row.get("language") or _language_for(person=person, organisation=organisation),
        "error": row.get("error", ""),
    }


@transaction.atomic
def invitations_create(
    *,
    by,
    event=None,
    network: Network | None = None,
    organisations: Iterable[Organisation] = (),
    people: Iterable[Person] = (),
    pasted: str = "",
    rows: Iterable[dict] = (),
    message: str = "",
    dry_run: bool = False,
    all_or_nothing: bool = False,
) -> list[dict]:
    """Invite directory organisations/people, pasted e-mail addresses and the ``rows`` of an
    uploaded list (``read_invitee_file``) to an event or a network.

    Returns one report row per invitee (``line``, ``input``, ``email``, ``status``,
    ``message``, ``invitation``): ``status`` is ``invited``, ``duplicate`` (already invited,
    or twice in the input: skipped) or ``invalid`` with a reason. With ``dry_run`` nothing is
    written and the rows to be invited say ``ready``; with ``all_or_nothing`` one invalid row
    means nothing is written either (the others say ``ready``). Invitation e-mails leave
    after commit, each in the invitee's language."""
    if not is_operator(by):
        raise PermissionDeniedError(_("Only operators send invitations."))
    if (event is None) == (network is None):
        raise DomainError(_("Invite to one event or one network."), field="target")
    if event is not None and not operator_covers(by, event.host):
        raise PermissionDeniedError(_("Only the operators of the event's centre invite to it."))
    message = (message or "").strip()[:3000]
    candidates: list[dict] = []
    for organisation in organisations:
        person, email, name = _contact_of(organisation)
        candidates.append(
            {
                "input": organisation.name,
                "email": email.lower(),
                "name": name or organisation.name,
                "organisation": organisation,
                "organisation_name": organisation.name,
                "person": person,
                "language": _language_for(person=person, organisation=organisation),
                "error": "" if email else _("This organisation has no contact e-mail address."),
            }
        )
    for person in people:
        candidates.append(
            {
                "input": person.full_name,
                "email": (person.email or (person.user.email if person.user_id else "")).lower(),
                "name": person.full_name,
                "organisation": person.organisation,
                "organisation_name": person.organisation.name if person.organisation else "",
                "person": person,
                "language": _language_for(person=person, organisation=person.organisation),
                "error": "" if (person.email or person.user_id) else _("No e-mail address."),
            }
        )
    for row in [*parse_invitee_rows(pasted), *(_check_invitee_row(dict(r)) for r in rows)]:
        candidates.append(_candidate_from_row(row))
    already = {
        e.lower()
        for e in Invitation.objects.filter(
            event=event,
            network=network,
            email__in=[c["email"] for c in candidates if c["email"]],
        ).values_list("email", flat=True)
    }
    report: list[dict] = []
    seen: set[str] = set()
    ready: list[tuple[dict, dict]] = []
    for candidate in candidates:
        row = {
            "line": candidate.get("line"),
            "input": candidate["input"],
            "email": candidate["email"],
            "invitation": None,
        }
        if candidate["error"]:
            report.append({**row, "status": "invalid", "message": candidate["error"]})
            continue
        if candidate["email"] in seen or candidate["email"] in already:
            report.append(
                {**row, "status": "duplicate", "message": _("Already invited; not sent again.")}
            )
            continue
        seen.add(candidate["email"])
        row.update(status="ready", message="")
        report.append(row)
        ready.append((row, candidate))
    if dry_run or (all_or_nothing and any(r["status"] == "invalid" for r in report)):
        return report
    created: list[Invitation] = []
    for row, candidate in ready:
        invitation = Invitation.objects.create(
            event=event,
            network=network,
            organisation=candidate["organisation"],
            organisation_name=candidate["organisation_name"][:200],
            person=candidate["person"],
            name=candidate["name"][:200],
            email=candidate["email"],
            language=candidate["language"] or settings.LANGUAGE_CODE,
            message=message,
            invited_by=by,
        )
        created.append(invitation)
        row.update(status="invited", invitation=invitation)
    if created:
        audit(
            actor=by,
            action="outreach.invite",
            obj=event or network,
            invitations=[i.pk for i in created],
        )
        ids = [i.pk for i in created]

        def queue() -> None:
            from .tasks import send_invitation_email

            for pk in ids:
                send_invitation_email.delay(invitation_id=pk)

        transaction.on_commit(queue)
    return report


def invitation_link(invitation: Invitation) -> str:
    return absolute(_url("outreach:rsvp", invitation.token))


def invitation_send_email(*, invitation_id: int, reminder: bool = False) -> bool:
    """Send (or re-send as a reminder) the invitation e-mail in the invitee's language."""
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string

    invitation = (
        Invitation.objects.select_related("event", "network", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return False
    from digibridge.privacy.consent import may_email_invitee  # consent withdrawn, or erased

    if not may_email_invitee(invitation):
        return False
    with translation.override(invitation.language):
        target = invitation.target
        target_name = getattr(target, "local_name", None) or target.name
        if reminder:
            subject = _("Reminder: you are invited to %(target)s") % {"target": target_name}
        else:
            subject = _("You are invited to %(target)s") % {"target": target_name}
        context = {
            "invitation": invitation,
            "target_name": target_name,
            "reminder": reminder,
            "link": invitation_link(invitation),
            "name": invitation.name,
        }
        text = render_to_string("outreach/email/invitation.txt", context)
        html = render_to_string("outreach/email/invitation.html", context)
    mail = EmailMultiAlternatives(subject, text, None, [invitation.email])
    mail.attach_alternative(html, "text/html")
    mail.send()
    if not reminder:
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return True


def _participant_type_for(organisation: Organisation | None) -> str:
    from digibridge.events.models import Registration

    types = {
        Organisation.Type.GOVERNMENT: Registration.ParticipantType.GOVERNMENT_OFFICIAL,
        Organisation.Type.CITY: Registration.ParticipantType.GOVERNMENT_OFFICIAL,
        Organisation.Type.ASSOCIATION: Registration.ParticipantType.ASSOCIATION,
        Organisation.Type.RESEARCH: Registration.ParticipantType.ASSOCIATION,
        Organisation.Type.SERVICE_PROVIDER: Registration.ParticipantType.SERVICE_PROVIDER,
    }
    kind = organisation.type if organisation is not None else ""
    return types.get(kind, Registration.ParticipantType.ENTERPRISE_EXECUTIVE)


@transaction.atomic
def invitation_respond(*, invitation: Invitation, answer: str, comment: str = "") -> Invitation:
    """The invitee answers from the personal link (no account needed).

    Accepting an event invitation of a directory person creates their registration (pending,
    as if the inviting operator had entered it), so the event's organisers only confirm it.
    Invitees who are not in the directory get a pre-filled link to the registration page.
    The inviting operator is notified of every answer."""
    if answer not in (
        Invitation.Status.ACCEPTED,
        Invitation.Status.DECLINED,
        Invitation.Status.MAYBE,
    ):
        raise DomainError(_("Answer accept, decline or maybe."), field="answer")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.event_id and invitation.event.end < timezone.now():
        raise DomainError(_("This event is over."), code="closed")
    invitation.status = answer
    invitation.comment = (comment or "").strip()[:2000]
    invitation.responded_at = timezone.now()
    fields = ["status", "comment", "responded_at"]
    if (
        answer == Invitation.Status.ACCEPTED
        and invitation.event_id
        and invitation.person_id
        and invitation.registration_id is None
        and invitation.invited_by is not None
    ):
        from digibridge.events.models import Registration
        from digibridge.events.services import registration_create

        registration = Registration.objects.filter(
            event_id=invitation.event_id, person_id=invitation.person_id
        ).first()
        if registration is None:
            try:
                registration = registration_create(
                    event=invitation.event,
                    person=invitation.person,
                    organisation=invitation.person.organisation,
                    participant_type=_participant_type_for(invitation.person.organisation),
                    by=invitation.invited_by,
                )
            except DomainError:  # e.g. full: the organisers see the acceptance and decide
                registration = None
        if registration is not None:
            invitation.registration = registration
            fields.append("registration")
    invitation.save(update_fields=fields)
    if invitation.invited_by is not None:
        notify(
            users=[invitation.invited_by],
            kind=Notification.Kind.INVITATION,
            title=gettext_lazy("%(name)s answered your invitation: %(answer)s"),
            body=gettext_lazy("%(comment)s"),
            params={
                "name": invitation.name or invitation.email,
                "answer": invitation.get_status_display(),
                "comment": invitation.comment,
            },
            link=_url(
                "outreach:invitation_tracker",
                "event" if invitation.event_id else "network",
                invitation.event_id or invitation.network_id,
            ),
        )
    return invitation


def invitation_registration_link(invitation: Invitation) -> str:
    """The event's registration page with the invitee's data in the query string."""
    if not invitation.event_id:
        return ""
    base = _url("events:register", invitation.event.slug)
    data = {"invitation": invitation.token, "name": invitation.name, "email": invitation.email}
    if invitation.organisation_id:
        data["organisation"] = str(invitation.organisation_id)
    data["participant_type"] = _participant_type_for(invitation.organisation)
    return f"{base}?{urlencode(data)}" if base else ""


def invitations_remind(
    *, after_days: int = 3, max_reminders: int = 3, now: dt.datetime | None = None
) -> int:
    """Queue a reminder to every invitee who has not answered ``after_days`` after the last
    e-mail, at most ``max_reminders`` times, and not for events that are over."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=after_days)
    due = (
        Invitation.objects.filter(
            status=Invitation.Status.PENDING,
            sent_at__isnull=False,
            reminder_count__lt=max_reminders,
        )
        .filter(Q(reminded_at__isnull=True, sent_at__lte=cutoff) | Q(reminded_at__lte=cutoff))
        .filter(Q(event__isnull=True) | Q(event__end__gt=now))
    )
    ids = list(due.values_list("pk", flat=True))
    if not ids:
        return 0
    from django.db.models import F

    with transaction.atomic():
        Invitation.objects.filter(pk__in=ids).update(
            reminded_at=now, reminder_count=F("reminder_count") + 1
        )

        def queue() -> None:
            from .tasks import send_invitation_email

            for pk in ids:
                send_invitation_email.delay(invitation_id=pk, reminder=True)

        transaction.on_commit(queue)
    return len(ids)


# --- delegations ------------------------------------------------------------------------------


def _require_operator(by) -> None:
    if not is_operator(by):
        raise PermissionDeniedError(_("Only operators manage delegations."))


@transaction.atomic
def delegation_create(
    *,
    name: str,
    by,
    leader: Person | None = None,
    members: Iterable[Person] = (),
    event=None,
    travel_from: dt.date | None = None,
    travel_to: dt.date | None = None,
    notes: str = "",
) -> Delegation:
    _require_operator(by)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the delegation a name."), field="name")
    if travel_from and travel_to and travel_to < travel_from:
        raise DomainError(_("The delegation must leave after it arrives."), field="travel_to")
    delegation = Delegation.objects.create(
        name=name[:200],
        leader=leader,
        event=event,
        travel_from=travel_from,
        travel_to=travel_to,
        notes=(notes or "")[:5000],
        created_by=by,
    )
    people = list(members)
    if leader is not None and leader not in people:
        people.insert(0, leader)
    delegation_add_members(delegation=delegation, people=people, by=by)
    audit(actor=by, action="outreach.delegation_create", obj=delegation)
    return delegation


@transaction.atomic
def delegation_add_members(*, delegation: Delegation, people: Iterable[Person], by) -> int:
    _require_operator(by)
    before = delegation.members.count()
    DelegationMember.objects.bulk_create(
        [DelegationMember(delegation=delegation, person=p) for p in people],
        ignore_conflicts=True,
    )
    return delegation.members.count() - before


@transaction.atomic
def delegation_register(
    *, delegation: Delegation, event, by, approve: bool = False
) -> dict[str, list]:
    """Register every member for ``event`` through the events services (pending, like any
    registration an organiser enters; with ``approve`` also approved, as the organisers
    would). Members already registered are reported, not re-registered; any other refusal (a
    full event) is reported per member in ``refused`` (not registered) or ``not_approved``."""
    _require_operator(by)
    from digibridge.events.models import Registration
    from digibridge.events.services import registration_approve, registration_create

    result: dict[str, list] = {
        "registered": [],
        "already": [],
        "refused": [],
        "approved": [],
        "not_approved": [],
    }
    members = delegation.members.select_related("person__organisation").order_by("pk")
    for member in members:
        person = member.person
        registration = Registration.objects.filter(event=event, person=person).first()
        if registration is not None:
            result["already"].append(person)
        else:
            try:
                with transaction.atomic():
                    registration = registration_create(
                        event=event,
                        person=person,
                        organisation=person.organisation,
                        participant_type=_participant_type_for(person.organisation),
                        by=by,
                    )
            except (DomainError, IntegrityError) as exc:
                result["refused"].append((person, getattr(exc, "message", str(exc))))
                continue
            result["registered"].append(person)
        if approve and registration.status == Registration.Status.PENDING:
            try:
                with transaction.atomic():
                    registration_approve(registration=registration, by=by)
            except DomainError as exc:
                result["not_approved"].append((person, exc.message))
            else:
                result["approved"].append(person)
    if delegation.event_id != event.pk:
        delegation.event = event
        delegation.save(update_fields=["event"])
    audit(
        actor=by,
        action="outreach.delegation_register",
        obj=delegation,
        event=event.pk,
        registered=len(result["registered"]),
        approved=len(result["approved"]),
    )
    return result


def _delegates_at(delegation: Delegation, event_id: int) -> list:
    from digibridge.events.models import Registration

    return list(
        Registration.objects.filter(
            event_id=event_id,
            person_id__in=delegation.members.values("person_id"),
        )
        .exclude(status=Registration.Status.DECLINED)
        .select_related("person", "organisation")
        .order_by("pk")
    )


@transaction.atomic
def delegation_meeting_create(
    *, delegation: Delegation, block, slot: int, counterparts: Iterable, by, table=None
):
    """The delegation meets ``counterparts`` (registrations of the same event) as one meeting:
    every registered member and every counterpart sit at one table in one slot. Goes through
    the events service for brokered meetings, so the events' double-booking rules hold."""
    _require_operator(by)
    from digibridge.events.services import meeting_create_brokered

    delegates = _delegates_at(delegation, block.event_id)
    if not delegates:
        raise DomainError(_("No member of the delegation is registered for this event."))
    others = [r for r in counterparts if r.pk not in {d.pk for d in delegates}]
    if not others:
        raise DomainError(_("Choose whom the delegation meets."), field="counterparts")
    meeting = meeting_create_brokered(
        block=block, registrations=[*delegates, *others], slot=slot, by=by, table=table
    )
    audit(actor=by, action="outreach.delegation_meeting", obj=delegation, meeting=meeting.pk)
    return meeting


def delegation_meeting_book(
    *, delegation: Delegation, block, slot: int, organisation: Organisation, by, table=None
):
    """The delegation meets a company: all its registered members and all the company's
    registered people (not declined) of the block's event, as ONE meeting."""
    _require_operator(by)
    from digibridge.events.models import Registration

    counterparts = list(
        Registration.objects.filter(event_id=block.event_id, organisation=organisation)
        .exclude(status=Registration.Status.DECLINED)
        .exclude(person_id__in=delegation.members.values("person_id"))
        .select_related("person")
        .order_by("pk")
    )
    if not counterparts:
        raise DomainError(
            _("No one of %(organisation)s is registered for this event.")
            % {"organisation": organisation.name},
            field="organisation",
        )
    return delegation_meeting_create(
        delegation=delegation,
        block=block,
        slot=slot,
        counterparts=counterparts,
        by=by,
        table=table,
    )


# --- weekly digest ----------------------------------------------------------------------------


def digest_for(*, user, since: dt.datetime) -> list[dict]:
    """Per open opportunity of the user's organisations: the matches published since ``since``
    (as ``matches_for`` ranks them for this user)."""
    from digibridge.marketplace.models import Opportunity
    from digibridge.matching.selectors import matches_for

    sections = []
    opportunities = Opportunity.objects.filter(
        owner_id__in=user_organisation_ids(user), status=Opportunity.Status.PUBLISHED
    ).order_by("pk")
    for opportunity in opportunities:
        if not opportunity.is_open:
            continue
        found = matches_for(opportunity=opportunity, viewer=user)
        fresh = [
            m
            for m in found.matches
            if m.opportunity.published_at is not None and m.opportunity.published_at >= since
        ]
        if fresh:
            sections.append({"opportunity": opportunity, "matches": fresh})
    return sections


def digest_send(*, user, days: int = 7, now: dt.datetime | None = None) -> bool:
    """Send ``user`` the digest of the last ``days`` when there is something new and the user
    wants it (the ``digest`` preference); the text is in the user's language."""
    now = now or timezone.now()
    in_app, by_email = preferences_of([user])[user.pk][Notification.Kind.DIGEST]
    if not (in_app or by_email):
        return False
    sections = digest_for(user=user, since=now - dt.timedelta(days=days))
    if not sections:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        count = sum(len(s["matches"]) for s in sections)
        title = _("%(count)s new matches for your opportunities this week") % {"count": count}
        parts = []
        for section in sections:
            lines = [
                _("For “%(title)s”:") % {"title": section["opportunity"].title},
            ]
            for match in section["matches"]:
                lines.append(
                    _("- %(title)s (%(organisation)s), score %(score)s: %(link)s")
                    % {
                        "title": match.opportunity.title,
                        "organisation": match.opportunity.owner.name,
                        "score": f"{match.score:.2f}",
                        "link": absolute(_url("marketplace:detail", match.opportunity.pk)),
                    }
                )
            parts.append("\n".join(lines))
        body = "\n\n".join(parts)
    notify(
        users=[user],
        kind=Notification.Kind.DIGEST,
        title=title,
        body=body,
        link=_url("marketplace:mine"),
    )
    return True


def digest_send_all(*, days: int = 7) -> int:
    """The weekly digest for every active user who acts for an organisation."""
    User = get_user_model()
    users = User.objects.filter(is_active=True, memberships__isnull=False).distinct().order_by("pk")
    return sum(1 for user in users if digest_send(user=user, days=days))
