"""Outreach endpoints: notifications, conversations and messages, invitation answers."""

import datetime as dt
from typing import Literal

from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from digibridge.common.api import READ_AUTH, WRITE_AUTH, LimitOffsetPagination, actor
from digibridge.common.errors import DomainError, NotFoundError, PermissionDeniedError
from digibridge.directory.models import Organisation
from digibridge.directory.selectors import is_operator

from . import notifications, selectors, services
from .models import Conversation, Invitation

router = Router(tags=["outreach"])


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
    created_at: dt.datetime


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


@router.get("/conversations", response=list[ConversationOut], auth=WRITE_AUTH)
@paginate(LimitOffsetPagination)
def conversation_list(request):
    return selectors.conversation_list(user=actor(request))


@router.post("/conversations", response={201: ConversationDetailOut}, auth=WRITE_AUTH)
def conversation_create(request, payload: ConversationIn):
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None:
        raise DomainError("Unknown organisation.", field="organisation")
    counterpart = None
    if payload.counterpart is not None:
        counterpart = Organisation.objects.filter(pk=payload.counterpart).first()
        if counterpart is None:
            raise DomainError("Unknown organisation.", field="counterpart")
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

    event = network = None
    if event_id is not None:
        event = Event.objects.filter(pk=event_id).first()
        if event is None:
            raise DomainError("Unknown event.", field="event")
    if network_id is not None:
        network = Network.objects.filter(pk=network_id).first()
        if network is None:
            raise DomainError("Unknown network.", field="network")
    return event, network


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


@router.post(
    "/invitations/upload",
    response={200: InvitationUploadOut, 201: InvitationUploadOut, 422: InvitationUploadOut},
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
