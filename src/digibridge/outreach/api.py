"""Outreach endpoints: notifications, conversations and messages, invitation answers."""

import datetime as dt
from typing import Literal

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from digibridge.common.api import READ_AUTH, WRITE_AUTH, LimitOffsetPagination, actor
from digibridge.common.errors import DomainError, NotFoundError, PermissionDeniedError
from digibridge.directory.models import Organisation, Person
from digibridge.directory.selectors import is_operator

from . import notifications, selectors, services
from .downloads import attachment_response
from .models import (
    Conversation,
    Delegation,
    DelegationMember,
    Invitation,
    Message,
    Notification,
)

router = Router(tags=["outreach"])
API_PREFIX = "/api/v1"


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    link: str
    read_at: dt.datetime | None
    created_at: dt.datetime


class MarkReadIn(Schema):
    ids: list[int] | None = Field(None, description="leave out to mark all as read")


class MarkReadOut(Schema):
    marked: int


class ConversationOut(Schema):
    id: int
    subject: str
    side_a: int = Field(..., alias="side_a_id")
    side_a_name: str = Field(..., alias="side_a.name")
    side_b: int | None = Field(None, alias="side_b_id")
    side_b_name: str | None = None
    origin: str
    status: str
    contacts_revealed: bool
    last_message_at: dt.datetime | None
    unread: int = 0

    @staticmethod
    def resolve_side_b_name(obj: Conversation) -> str | None:
        return obj.side_b.name if obj.side_b_id else None


class MessageOut(Schema):
    id: int
    sender: int | None = Field(None, alias="sender_id")
    organisation: int | None = Field(None, alias="sender_organisation_id")
    body: str
    attachment_name: str
    attachment_url: str | None = Field(None, description="download (same permissions)")
    created_at: dt.datetime

    @staticmethod
    def resolve_attachment_url(obj: Message) -> str | None:
        if not obj.attachment:
            return None
        return f"{API_PREFIX}/conversations/{obj.conversation_id}/messages/{obj.pk}/attachment"


class ConversationDetailOut(ConversationOut):
    messages: list[MessageOut]

    @staticmethod
    def resolve_messages(obj: Conversation) -> list:
        return list(selectors.conversation_messages(conversation=obj))


class ConversationIn(Schema):
    organisation: int = Field(..., description="id of the organisation you write for")
    counterpart: int | None = Field(None, description="empty: the service centre")
    subject: str = Field(..., min_length=1, max_length=200)
    body: str = Field("", max_length=5000)


class MessageIn(Schema):
    body: str = Field(..., min_length=1, max_length=5000)


class RsvpIn(Schema):
    answer: Literal["accepted", "declined", "maybe"]
    comment: str = Field("", max_length=2000)


class InvitationOut(Schema):
    target: str
    name: str
    status: str
    comment: str
    responded_at: dt.datetime | None
    registration: int | None = Field(None, alias="registration_id")

    @staticmethod
    def resolve_target(obj: Invitation) -> str:
        target = obj.target
        return getattr(target, "local_name", None) or target.name


def _existing(model_or_queryset, pk: int | None, field: str):
    """The row with ``pk`` (None when ``pk`` is None); an unknown id is a 422 on ``field``."""
    if pk is None:
        return None
    queryset = getattr(model_or_queryset, "objects", model_or_queryset)
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise DomainError(f"Unknown {field}: {pk}.", field=field)
    return found


def _conversation_for(request, conversation_id: int) -> Conversation:
    conversation = (
        Conversation.objects.select_related("side_a", "side_b").filter(pk=conversation_id).first()
    )
    user = actor(request)
    if conversation is None or not selectors.can_read_conversation(
        conversation=conversation, user=user
    ):
        raise NotFoundError("Conversation not found.")
    return conversation


@router.get("/notifications", response=list[NotificationOut], auth=WRITE_AUTH)
@paginate(LimitOffsetPagination)
def notification_list(request, unread: bool = False):
    return selectors.notifications_of(user=actor(request), unread_only=unread)


@router.post("/notifications/read", response=MarkReadOut, auth=WRITE_AUTH)
def notification_mark_read(request, payload: MarkReadIn):
    return {"marked": notifications.notifications_mark_read(user=actor(request), ids=payload.ids)}


class PreferenceOut(Schema):
    kind: str
    in_app: bool
    email: bool


class PreferencesOut(Schema):
    kinds: list[PreferenceOut]
    min_score: float | None = Field(None, description="new-match threshold; null: the default")
    min_score_default: float


class PreferenceIn(Schema):
    in_app: bool
    email: bool


class PreferencesIn(Schema):
    kinds: dict[str, PreferenceIn] = Field({}, description="only the kinds to change")
    min_score: float | None = Field(None, ge=0, le=services.MATCH_THRESHOLD_MAX)
    reset_min_score: bool = Field(False, description="back to the default threshold")


def _preferences(user) -> dict:
    from .models import MATCH_THRESHOLD_DEFAULT, NotificationPreference

    chosen = notifications.preferences_of([user])[user.pk]
    return {
        "kinds": [
            {"kind": kind, "in_app": in_app, "email": email}
            for kind, (in_app, email) in chosen.items()
        ],
        "min_score": NotificationPreference.objects.filter(user=user, kind=Notification.Kind.MATCH)
        .values_list("min_score", flat=True)
        .first(),
        "min_score_default": MATCH_THRESHOLD_DEFAULT,
    }


@router.get("/notifications/preferences", response=PreferencesOut, auth=WRITE_AUTH)
def notification_preferences(request):
    """Per kind: in the platform and/or by e-mail; the new-match threshold."""
    return _preferences(actor(request))


@router.put("/notifications/preferences", response=PreferencesOut, auth=WRITE_AUTH)
def notification_preferences_update(request, payload: PreferencesIn):
    """Change the kinds given (others stay) and the new-match threshold when given."""
    user = actor(request)
    with transaction.atomic():
        notifications.notification_preferences_set(
            user=user, choices={k: (v.in_app, v.email) for k, v in payload.kinds.items()}
        )
        if payload.reset_min_score:
            services.match_threshold_set(user=user, min_score=None)
        elif payload.min_score is not None:
            services.match_threshold_set(user=user, min_score=payload.min_score)
    return _preferences(user)


@router.get("/conversations", response=list[ConversationOut], auth=WRITE_AUTH)
@paginate(LimitOffsetPagination)
def conversation_list(request):
    return selectors.conversation_list(user=actor(request))


@router.post("/conversations", response={201: ConversationDetailOut}, auth=WRITE_AUTH)
def conversation_create(request, payload: ConversationIn):
    organisation = _existing(Organisation, payload.organisation, "organisation")
    counterpart = _existing(Organisation, payload.counterpart, "counterpart")
    conversation = services.conversation_open(
        organisation=organisation,
        counterpart=counterpart,
        by=actor(request),
        subject=payload.subject,
        body=payload.body,
    )
    return Status(201, conversation)


@router.get("/conversations/{conversation_id}", response=ConversationDetailOut, auth=WRITE_AUTH)
def conversation_detail(request, conversation_id: int):
    conversation = _conversation_for(request, conversation_id)
    services.conversation_access(conversation=conversation, by=actor(request))
    return conversation


@router.post(
    "/conversations/{conversation_id}/messages", response={201: MessageOut}, auth=WRITE_AUTH
)
def message_create(request, conversation_id: int, payload: MessageIn):
    conversation = _conversation_for(request, conversation_id)
    message = services.message_post(conversation=conversation, by=actor(request), body=payload.body)
    return Status(201, message)


@router.post(
    "/conversations/{conversation_id}/attachments", response={201: MessageOut}, auth=WRITE_AUTH
)
def attachment_create(
    request,
    conversation_id: int,
    file: File[UploadedFile],
    body: Form[str] = "",
):
    """Post a message with an attachment (multipart: ``file``, optional ``body``): PDF,
    images, text/CSV or office documents up to 5 MB."""
    conversation = _conversation_for(request, conversation_id)
    message = services.message_post(
        conversation=conversation, by=actor(request), body=body, attachment=file
    )
    return Status(201, message)


@router.get(
    "/conversations/{conversation_id}/messages/{message_id}/attachment",
    auth=WRITE_AUTH,
)
def attachment_download(request, conversation_id: int, message_id: int):
    """Download an attachment: only the two sides (and operators, audited) of the thread."""
    conversation = _conversation_for(request, conversation_id)
    message = (
        Message.objects.filter(pk=message_id, conversation=conversation)
        .exclude(attachment="")
        .first()
    )
    if message is None:
        raise NotFoundError("Attachment not found.")
    services.conversation_access(conversation=conversation, by=actor(request))
    return attachment_response(message)


class ConversationActionIn(Schema):
    action: Literal["share", "unshare", "block", "unblock", "report", "close"]
    reason: str = Field("", max_length=2000, description="for report and close")


@router.post("/conversations/{conversation_id}/actions", response=ConversationOut, auth=WRITE_AUTH)
def conversation_act(request, conversation_id: int, payload: ConversationActionIn):
    """Share or withhold contact details, block or unblock the other side, report the thread
    (sides) or close it (operators)."""
    conversation = _conversation_for(request, conversation_id)
    by = actor(request)
    action = payload.action
    if action in ("share", "unshare"):
        services.conversation_share_contacts(
            conversation=conversation, by=by, share=action == "share"
        )
    elif action in ("block", "unblock"):
        side = selectors.side_of(conversation=conversation, user=by)
        if side is None:
            raise DomainError("Only the two sides can block each other.", field="action")
        mine = conversation.side_a if side == selectors.SIDE_A else conversation.side_b
        other = conversation.side_b if side == selectors.SIDE_A else conversation.side_a
        if mine is None or other is None:
            raise DomainError("The service centre cannot be blocked.", field="action")
        call = services.organisation_block if action == "block" else services.organisation_unblock
        call(blocker=mine, blocked=other, by=by)
    elif action == "report":
        services.conversation_report(conversation=conversation, by=by, reason=payload.reason)
    else:
        services.conversation_close(conversation=conversation, by=by, reason=payload.reason)
    conversation.refresh_from_db()
    return conversation


class InvitationsIn(Schema):
    event: int | None = None
    network: int | None = None
    organisations: list[int] = []
    emails: str = Field("", max_length=100000, description="one a line, as on the page")
    message: str = Field("", max_length=3000)


class InvitationReportRow(Schema):
    line: int | None = Field(None, description="row of the uploaded file or pasted list")
    input: str
    email: str
    status: str
    message: str
    token: str | None = None


def _invitation_target(event_id: int | None, network_id: int | None):
    from digibridge.directory.models import Network
    from digibridge.events.models import Event

    return _existing(Event, event_id, "event"), _existing(Network, network_id, "network")


def _report_rows(report: list[dict]) -> list[dict]:
    return [
        {**row, "token": row["invitation"].token if row["invitation"] else None} for row in report
    ]


@router.post("/invitations", response={201: list[InvitationReportRow]}, auth=WRITE_AUTH)
def invitations_create(request, payload: InvitationsIn):
    """Operators invite directory organisations and pasted e-mail addresses; one report row
    per invitee."""
    event, network = _invitation_target(payload.event, payload.network)
    organisations = list(Organisation.objects.filter(pk__in=payload.organisations))
    report = services.invitations_create(
        by=actor(request),
        event=event,
        network=network,
        organisations=organisations,
        pasted=payload.emails,
        message=payload.message,
    )
    return Status(201, _report_rows(report))


class InvitationUploadOut(Schema):
    sent: bool
    rows: list[InvitationReportRow]


class InvitationUploadRefused(Schema):
    """A 422: either the row-by-row report (nothing sent) or a request the API cannot read."""

    sent: bool = False
    rows: list[InvitationReportRow] = []
    detail: list[dict] | str | None = None


@router.post(
    "/invitations/upload",
    response={200: InvitationUploadOut, 201: InvitationUploadOut, 422: InvitationUploadRefused},
    auth=WRITE_AUTH,
)
def invitations_upload(
    request,
    file: File[UploadedFile],
    event: Form[int | None] = None,
    network: Form[int | None] = None,
    message: Form[str] = "",
    dry_run: Form[bool] = False,
):
    """Operators invite the people of an .xlsx or .csv list (columns name, email,
    organisation, language), all or nothing: 201 when sent, 200 for a ``dry_run`` preview,
    422 with the row-by-row report when a row is not valid (nothing is sent)."""
    by = actor(request)
    if not is_operator(by):
        raise PermissionDeniedError("Only operators send invitations.")
    target_event, target_network = _invitation_target(event, network)
    rows = services.read_invitee_file(file)
    report = services.invitations_create(
        by=by,
        event=target_event,
        network=target_network,
        rows=rows,
        message=message[:3000],
        dry_run=dry_run,
        all_or_nothing=True,
    )
    if any(row["status"] == "invalid" for row in report):
        return Status(422, {"sent": False, "rows": _report_rows(report)})
    if dry_run:
        return Status(200, {"sent": False, "rows": _report_rows(report)})
    return Status(201, {"sent": True, "rows": _report_rows(report)})


@router.get("/invitations/{token}", response=InvitationOut, auth=READ_AUTH)
def invitation_detail(request, token: str):
    invitation = Invitation.objects.filter(token=token).first()
    if invitation is None:
        raise NotFoundError("Invitation not found.")
    return invitation


@router.post("/invitations/{token}/rsvp", response=InvitationOut, auth=READ_AUTH)
def invitation_rsvp(request, token: str, payload: RsvpIn):
    """Answer an invitation with its personal token; no account needed."""
    invitation = Invitation.objects.filter(token=token).first()
    if invitation is None:
        raise NotFoundError("Invitation not found.")
    return services.invitation_respond(
        invitation=invitation, answer=payload.answer, comment=payload.comment
    )


# --- delegations ------------------------------------------------------------------------------


class DelegationOut(Schema):
    id: int
    name: str
    leader: int | None = Field(None, alias="leader_id")
    leader_name: str | None = None
    event: int | None = Field(None, alias="event_id")
    event_name: str | None = None
    travel_from: dt.date | None
    travel_to: dt.date | None
    notes: str
    member_count: int = 0

    @staticmethod
    def resolve_leader_name(obj: Delegation) -> str | None:
        return obj.leader.full_name if obj.leader_id else None

    @staticmethod
    def resolve_event_name(obj: Delegation) -> str | None:
        return obj.event.local_name if obj.event_id else None


class DelegationMemberOut(Schema):
    person: int
    name: str
    organisation: int | None
    organisation_name: str | None


class ParticipantOut(Schema):
    registration: int
    person: int
    name: str
    organisation: int
    organisation_name: str


class AgendaItemOut(Schema):
    meeting: int
    event: int
    event_name: str
    start: dt.datetime
    end: dt.datetime
    table: int
    status: str
    delegates: list[ParticipantOut]
    others: list[ParticipantOut]


class DelegationDetailOut(DelegationOut):
    members: list[DelegationMemberOut] = Field(..., alias="members_out")
    agenda: list[AgendaItemOut] = Field(..., alias="agenda_out")


class DelegationIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    leader: int | None = Field(None, description="id of a directory person")
    members: list[int] = Field([], description="ids of directory people")
    event: int | None = None
    travel_from: dt.date | None = None
    travel_to: dt.date | None = None
    notes: str = Field("", max_length=5000)


class DelegationMembersIn(Schema):
    people: list[int] = Field(..., min_length=1, description="ids of directory people")


class DelegationRegisterIn(Schema):
    event: int
    approve: bool = False


class RefusalOut(Schema):
    person: int
    reason: str


class DelegationRegisterOut(Schema):
    registered: list[int]
    already: list[int]
    approved: list[int]
    refused: list[RefusalOut]
    not_approved: list[RefusalOut]


class DelegationMeetingIn(Schema):
    block: int
    slot: int = Field(..., ge=0)
    organisation: int = Field(..., description="the organisation the delegation meets")
    table: int | None = Field(None, ge=1)


def _delegation_for(request, delegation_id: int) -> Delegation:
    delegation = selectors.delegations_visible_to(actor(request)).filter(pk=delegation_id).first()
    if delegation is None:
        raise NotFoundError("Delegation not found.")
    return delegation


def _members(delegation: Delegation) -> list[dict]:
    rows = delegation.members.select_related("person__organisation").order_by(
        "person__organisation__name", "person__last_name", "pk"
    )
    return [
        {
            "person": m.person_id,
            "name": m.person.full_name,
            "organisation": m.person.organisation_id,
            "organisation_name": m.person.organisation.name if m.person.organisation_id else None,
        }
        for m in rows
    ]


def _participants(registrations) -> list[dict]:
    return [
        {
            "registration": r.pk,
            "person": r.person_id,
            "name": r.person.full_name,
            "organisation": r.organisation_id,
            "organisation_name": r.organisation.name,
        }
        for r in registrations
    ]


def _agenda(delegation: Delegation) -> list[dict]:
    return [
        {
            "meeting": item["meeting"].pk,
            "event": item["event"].pk,
            "event_name": item["event"].local_name,
            "start": item["start"],
            "end": item["end"],
            "table": item["meeting"].table,
            "status": item["meeting"].status,
            "delegates": _participants(item["delegates"]),
            "others": _participants(item["others"]),
        }
        for item in selectors.delegation_agenda(delegation=delegation)
    ]


def _detail(delegation: Delegation) -> Delegation:
    delegation.members_out = _members(delegation)
    delegation.agenda_out = _agenda(delegation)
    delegation.member_count = len(delegation.members_out)
    return delegation


def _people(ids: list[int], field: str) -> list[Person]:
    found = {p.pk: p for p in Person.objects.filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise DomainError(f"Unknown person {missing[0]}.", field=field)
    return [found[i] for i in ids]


@router.get("/delegations", response=list[DelegationOut], auth=WRITE_AUTH)
@paginate(LimitOffsetPagination)
def delegation_list(request):
    """Delegations the caller sees: operators all, others those they (or their organisation's
    people) belong to or lead."""
    members = (
        DelegationMember.objects.filter(delegation=OuterRef("pk"))
        .order_by()
        .values("delegation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        selectors.delegations_visible_to(actor(request))
        .annotate(member_count=Coalesce(Subquery(members), 0))
        .order_by("name", "pk")
    )


@router.post("/delegations", response={201: DelegationDetailOut}, auth=WRITE_AUTH)
def delegation_create(request, payload: DelegationIn):
    """Operators create a delegation (the leader is a member too)."""
    from digibridge.events.models import Event

    by = actor(request)
    if not is_operator(by):
        raise PermissionDeniedError("Only operators manage delegations.")
    leader = _people([payload.leader], "leader")[0] if payload.leader is not None else None
    event = _existing(Event, payload.event, "event")
    delegation = services.delegation_create(
        name=payload.name,
        by=by,
        leader=leader,
        members=_people(payload.members, "members"),
        event=event,
        travel_from=payload.travel_from,
        travel_to=payload.travel_to,
        notes=payload.notes,
    )
    return Status(201, _detail(delegation))


@router.get("/delegations/{delegation_id}", response=DelegationDetailOut, auth=WRITE_AUTH)
def delegation_detail(request, delegation_id: int):
    """A delegation with its members and shared agenda (every member's meetings)."""
    return _detail(_delegation_for(request, delegation_id))


@router.get(
    "/delegations/{delegation_id}/members", response=list[DelegationMemberOut], auth=WRITE_AUTH
)
def delegation_members(request, delegation_id: int):
    return _members(_delegation_for(request, delegation_id))


@router.post(
    "/delegations/{delegation_id}/members",
    response={201: list[DelegationMemberOut]},
    auth=WRITE_AUTH,
)
def delegation_members_add(request, delegation_id: int, payload: DelegationMembersIn):
    """Operators add directory people; those already in it are left as they are."""
    delegation = _delegation_for(request, delegation_id)
    services.delegation_add_members(
        delegation=delegation, people=_people(payload.people, "people"), by=actor(request)
    )
    return Status(201, _members(delegation))


@router.post(
    "/delegations/{delegation_id}/register", response=DelegationRegisterOut, auth=WRITE_AUTH
)
def delegation_register(request, delegation_id: int, payload: DelegationRegisterIn):
    """Operators register every member for an event (and approve, with ``approve``)."""
    from digibridge.events.models import Event

    delegation = _delegation_for(request, delegation_id)
    event = _existing(Event, payload.event, "event")
    result = services.delegation_register(
        delegation=delegation, event=event, by=actor(request), approve=payload.approve
    )
    return {
        **{key: [p.pk for p in result[key]] for key in ("registered", "already", "approved")},
        **{
            key: [{"person": p.pk, "reason": reason} for p, reason in result[key]]
            for key in ("refused", "not_approved")
        },
    }


@router.post(
    "/delegations/{delegation_id}/meetings", response={201: AgendaItemOut}, auth=WRITE_AUTH
)
def delegation_meeting(request, delegation_id: int, payload: DelegationMeetingIn):
    """Operators book ONE meeting of all registered delegates with an organisation's
    registered people, in a slot of a meeting block of the event."""
    from digibridge.events.models import MeetingBlock

    delegation = _delegation_for(request, delegation_id)
    block = _existing(MeetingBlock.objects.select_related("event"), payload.block, "block")
    organisation = _existing(Organisation, payload.organisation, "organisation")
    meeting = services.delegation_meeting_book(
        delegation=delegation,
        block=block,
        slot=payload.slot,
        organisation=organisation,
        table=payload.table,
        by=actor(request),
    )
    item = next(row for row in _agenda(delegation) if row["meeting"] == meeting.pk)
    return Status(201, item)
