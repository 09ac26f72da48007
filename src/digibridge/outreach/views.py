from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibridge.common.errors import DomainError
from digibridge.common.pagination import paginate
from digibridge.common.security import safe_next
from digibridge.directory.models import Network, Organisation
from digibridge.directory.selectors import centre_q, is_operator, user_organisation_ids

from . import notifications, selectors, services
from .downloads import attachment_response
from .forms import (
    DelegationMeetingForm,
    DelegationRegisterForm,
    InvitationForm,
    InvitationUploadForm,
    MessageForm,
    NewConversationForm,
    PreferencesForm,
    ReportForm,
    RsvpForm,
)
from .models import Conversation, Invitation, Message, Notification

# --- notifications ----------------------------------------------------------------------------


@login_required
def notification_list(request):
    page = paginate(request, selectors.notifications_of(user=request.user))
    form = PreferencesForm(
        current=notifications.preferences_of([request.user])[request.user.pk],
        min_score=_own_min_score(request.user),
    )
    return render(
        request,
        "outreach/notifications.html",
        {"page_obj": page, "form": form},
    )


@login_required
@require_POST
def notifications_read(request):
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
    notifications.notifications_mark_read(user=request.user, ids=ids)
    fallback = reverse("outreach:notifications")
    return redirect(safe_next(request, request.POST.get("next"), fallback))


@login_required
@require_POST
def preferences(request):
    current = notifications.preferences_of([request.user])[request.user.pk]
    form = PreferencesForm(request.POST, current=current)
    if form.is_valid():
        notifications.notification_preferences_set(user=request.user, choices=form.choices())
        services.match_threshold_set(user=request.user, min_score=form.cleaned_data["min_score"])
        messages.success(request, _("Your notification choices are saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("outreach:notifications")


def _own_min_score(user) -> float | None:
    from .models import NotificationPreference

    return (
        NotificationPreference.objects.filter(user=user, kind=Notification.Kind.MATCH)
        .values_list("min_score", flat=True)
        .first()
    )


# --- conversations ----------------------------------------------------------------------------


def _conversation_or_404(request, pk: int) -> Conversation:
    conversation = Conversation.objects.select_related("side_a", "side_b").filter(pk=pk).first()
    if conversation is None or not selectors.can_read_conversation(
        conversation=conversation, user=request.user
    ):
        raise Http404
    return conversation


@login_required
def conversation_list(request):
    page = paginate(request, selectors.conversation_list(user=request.user))
    return render(request, "outreach/conversations.html", {"page_obj": page})


@login_required
def conversation_new(request):
    own = (
        Organisation.objects.filter(centre_q(request.user, "")).order_by("name")
        if is_operator(request.user)
        else Organisation.objects.filter(pk__in=user_organisation_ids(request.user))
    )
    others = Organisation.objects.filter(status=Organisation.Status.APPROVED).order_by("name")
    initial = {"counterpart": request.GET.get("to") or None}
    form = NewConversationForm(request.POST or None, own=own, others=others, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conversation = services.conversation_open(
                organisation=data["organisation"],
                counterpart=data["counterpart"],
                by=request.user,
                subject=data["subject"],
                body=data["body"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("outreach:conversation", conversation.pk)
    return render(request, "outreach/conversation_new.html", {"form": form})


def _opened(request, call):
    try:
        conversation = call()
    except DomainError as exc:
        if exc.code in ("not_found", "forbidden"):
            raise Http404 from exc
        messages.error(request, exc.message)
        return redirect("outreach:conversations")
    return redirect("outreach:conversation", conversation.pk)


@login_required
@require_POST
def conversation_from_match(request, source: int, target: int):
    from digibridge.marketplace.models import Opportunity

    source_opp = get_object_or_404(Opportunity.objects.select_related("owner"), pk=source)
    target_opp = get_object_or_404(Opportunity.objects.select_related("owner"), pk=target)
    return _opened(
        request,
        lambda: services.conversation_open_from_match(
            source=source_opp, target=target_opp, by=request.user
        ),
    )


@login_required
@require_POST
def conversation_from_request(request, pk: int):
    from digibridge.events.selectors import requests_visible_to

    meeting_request = get_object_or_404(
        requests_visible_to(user=request.user).select_related(
            "event", "sender__person", "recipient__person"
        ),
        pk=pk,
    )
    return _opened(
        request,
        lambda: services.conversation_open_from_meeting_request(
            request=meeting_request, by=request.user
        ),
    )


@login_required
@require_POST
def conversation_from_meeting(request, pk: int):
    from digibridge.events.models import Meeting

    meeting = get_object_or_404(Meeting.objects.select_related("block__event"), pk=pk)
    return _opened(
        request, lambda: services.conversation_open_follow_up(meeting=meeting, by=request.user)
    )


@login_required
@require_POST
def conversation_from_response(request, pk: int):
    from digibridge.marketplace.models import RfqResponse

    response = get_object_or_404(
        RfqResponse.objects.select_related("rfq__opportunity__owner", "supplier"), pk=pk
    )
    return _opened(
        request,
        lambda: services.conversation_open_from_response(response=response, by=request.user),
    )


@login_required
def conversation_detail(request, pk: int):
    conversation = _conversation_or_404(request, pk)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_post(
                conversation=conversation,
                by=request.user,
                body=form.cleaned_data["body"],
                attachment=form.cleaned_data.get("attachment"),
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("outreach:conversation", conversation.pk)
    side = services.conversation_access(conversation=conversation, by=request.user)
    mine = None
    if side == selectors.SIDE_A:
        mine = conversation.side_a
    elif side == selectors.SIDE_B:
        mine = conversation.side_b
    other = conversation.side_b if side == selectors.SIDE_A else conversation.side_a
    my_consent = conversation.consent_a if side == selectors.SIDE_A else conversation.consent_b
    return render(
        request,
        "outreach/conversation.html",
        {
            "conversation": conversation,
            "messages_list": selectors.conversation_messages(conversation=conversation),
            "form": form,
            "side": side,
            "mine": mine,
            "other": other,
            "my_consent": my_consent,
            "contacts": selectors.contacts_of(conversation=conversation),
            "blocked": selectors.blocked_between(
                mine.pk if mine else None, other.pk if other else None
            ),
            "report_form": ReportForm(),
        },
    )


@login_required
def attachment(request, pk: int, message_pk: int):
    conversation = _conversation_or_404(request, pk)
    message = get_object_or_404(Message, pk=message_pk, conversation=conversation)
    if not message.attachment:
        raise Http404
    services.conversation_access(conversation=conversation, by=request.user)
    return attachment_response(message)


@login_required
@require_POST
def conversation_action(request, pk: int, action: str):
    conversation = _conversation_or_404(request, pk)
    side = selectors.side_of(conversation=conversation, user=request.user)
    mine = conversation.side_a if side == selectors.SIDE_A else conversation.side_b
    other = conversation.side_b if side == selectors.SIDE_A else conversation.side_a
    try:
        if action in ("share", "unshare"):
            services.conversation_share_contacts(
                conversation=conversation, by=request.user, share=action == "share"
            )
            messages.success(request, _("Saved."))
        elif action == "report":
            form = ReportForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Say what is wrong."), field="reason")
            services.conversation_report(
                conversation=conversation, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Thank you; the operators will look at it."))
        elif action == "close":
            services.conversation_close(
                conversation=conversation, by=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The conversation is closed."))
        elif action in ("block", "unblock"):
            if mine is None or other is None:
                raise DomainError(_("The service centre cannot be blocked."))
            call = (
                services.organisation_block if action == "block" else services.organisation_unblock
            )
            call(blocker=mine, blocked=other, by=request.user)
            messages.success(
                request,
                _("%(organisation)s is blocked.") % {"organisation": other.name}
                if action == "block"
                else _("%(organisation)s is unblocked.") % {"organisation": other.name},
            )
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("outreach:conversation", conversation.pk)


# --- invitations ------------------------------------------------------------------------------


def _require_operator(request) -> None:
    if not is_operator(request.user):
        raise Http404


@login_required
def invitation_new(request):
    _require_operator(request)
    form = InvitationForm(request.POST or None)
    report = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.invitations_create(
                by=request.user,
                event=data["event"],
                network=data["network"],
                organisations=data["organisations"],
                pasted=data["pasted"],
                message=data["message"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
    return render(request, "outreach/invitation_new.html", {"form": form, "report": report})


UPLOAD_SALT = "outreach.invitation-upload"
UPLOAD_MAX_AGE = 6 * 3600  # seconds a preview stays valid
UPLOAD_ROW_KEYS = ("line", "input", "email", "name", "organisation_name", "language")


def _upload_target(data: dict):
    from digibridge.events.models import Event

    event = Event.objects.filter(pk=data["event"]).first() if data.get("event") else None
    network = Network.objects.filter(pk=data["network"]).first() if data.get("network") else None
    return event, network


@login_required
def invitation_upload(request):
    """Invite from an uploaded list: upload → preview with a row-by-row report → send all.

    All or nothing: one invalid row and nothing is sent. The rows of the preview travel to
    the confirmation signed (not trusted from the browser) and are checked again there."""
    _require_operator(request)
    form = InvitationUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "report": None, "payload": "", "sent": False}
    if request.method == "POST" and "payload" in request.POST:
        if request.POST.get("action") == "cancel":
            messages.info(request, _("Nothing was sent."))
            return redirect("outreach:invitation_upload")
        try:
            data = signing.loads(request.POST["payload"], salt=UPLOAD_SALT, max_age=UPLOAD_MAX_AGE)
        except signing.BadSignature:
            messages.error(request, _("This preview has expired; upload the file again."))
            return redirect("outreach:invitation_upload")
        event, network = _upload_target(data)
        try:
            report = services.invitations_create(
                by=request.user,
                event=event,
                network=network,
                rows=data["rows"],
                message=data["message"],
                all_or_nothing=True,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("outreach:invitation_upload")
        sent = not any(row["status"] == "invalid" for row in report)
        if not sent:
            messages.error(request, _("Some rows are not valid any more; nothing was sent."))
        context.update(report=report, sent=sent, target=event or network)
        form = InvitationUploadForm()
        context["form"] = form
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rows = services.read_invitee_file(data["file"])
            report = services.invitations_create(
                by=request.user,
                event=data["event"],
                network=data["network"],
                rows=rows,
                message=data["message"],
                dry_run=True,
            )
        except DomainError as exc:
            form.add_error("file" if exc.field == "file" else None, exc.message)
        else:
            context.update(report=report, target=data["event"] or data["network"])
            if not any(row["status"] == "invalid" for row in report):
                context["payload"] = signing.dumps(
                    {
                        "event": data["event"].pk if data["event"] else None,
                        "network": data["network"].pk if data["network"] else None,
                        "message": data["message"],
                        "rows": [{k: row.get(k, "") for k in UPLOAD_ROW_KEYS} for row in rows],
                    },
                    salt=UPLOAD_SALT,
                    compress=True,
                )
    if context["report"] is not None:
        statuses = [row["status"] for row in context["report"]]
        context["counts"] = {s: statuses.count(s) for s in ("ready", "invited", "duplicate")}
        context["counts"]["invalid"] = statuses.count("invalid")
    return render(request, "outreach/invitation_upload.html", context)


INVITEE_EXAMPLE = [
    ["Montserrat Vidal", "montse@example.cat", "Associació Catalana d'Exemple", "ca"],
    ["Wei Zhang", "wei.zhang@example.cn", "Beijing Robotics Co", "zh-hans"],
]


@login_required
def invitation_template(request, fmt: str):
    """An example list of invitees with the columns the upload reads."""
    from django.http import HttpResponse

    from digibridge.reports import exports

    _require_operator(request)
    headers = list(services.INVITEE_COLUMNS)
    if fmt == "csv":
        content, content_type = exports.to_csv(headers, INVITEE_EXAMPLE), exports.CSV_CONTENT_TYPE
    elif fmt == "xlsx":
        content = exports.to_xlsx([(_("Invitees"), headers, INVITEE_EXAMPLE)])
        content_type = exports.XLSX_CONTENT_TYPE
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="invitees.{fmt}"'
    return response


@login_required
def invitation_tracker(request, kind: str, pk: int):
    _require_operator(request)
    if kind == "event":
        from digibridge.events.models import Event

        target = get_object_or_404(Event, pk=pk)
        qs = selectors.invitations_for(event=target)
    elif kind == "network":
        target = get_object_or_404(Network, pk=pk)
        qs = selectors.invitations_for(network=target)
    else:
        raise Http404
    status = request.GET.get("status", "")
    counts = selectors.invitation_counts(qs)
    if status in Invitation.Status.values:
        qs = qs.filter(status=status)
    page = paginate(request, qs)
    return render(
        request,
        "outreach/invitation_tracker.html",
        {
            "target": target,
            "kind": kind,
            "page_obj": page,
            "counts": counts,
            "status": status,
            "statuses": Invitation.Status.choices,
        },
    )


def rsvp(request, token: str):
    """The invitee's personal page: no account needed, the token is the key."""
    invitation = (
        Invitation.objects.select_related("event", "network", "organisation")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise Http404
    from django.utils import translation

    initial = {}
    if invitation.status != Invitation.Status.PENDING:
        initial = {"answer": invitation.status, "comment": invitation.comment}
    form = RsvpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_respond(
                invitation=invitation,
                answer=form.cleaned_data["answer"],
                comment=form.cleaned_data["comment"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            request.session["outreach_invitation"] = {
                "token": invitation.token,
                "name": invitation.name,
                "email": invitation.email,
                "organisation": invitation.organisation_id,
            }
            messages.success(request, _("Thank you, your answer is recorded."))
            return redirect("outreach:rsvp", token)
        invitation.refresh_from_db()
    # The page speaks the invitee's language unless they chose another one.
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = invitation.language
    with translation.override(language):
        return render(
            request,
            "outreach/rsvp.html",
            {
                "invitation": invitation,
                "form": form,
                "register_link": services.invitation_registration_link(invitation)
                if invitation.status == Invitation.Status.ACCEPTED
                else "",
            },
        )


# --- delegations ------------------------------------------------------------------------------


@login_required
def delegation_list(request):
    delegations = selectors.delegations_visible_to(request.user).prefetch_related(
        "members__person__organisation"
    )
    return render(request, "outreach/delegations.html", {"delegations": delegations})


@login_required
def delegation_detail(request, pk: int):
    delegation = get_object_or_404(selectors.delegations_visible_to(request.user), pk=pk)
    members = delegation.members.select_related("person__organisation").order_by(
        "person__organisation__name", "person__last_name"
    )
    return render(
        request,
        "outreach/delegation.html",
        {
            "delegation": delegation,
            "members": members,
            "agenda": selectors.delegation_agenda(delegation=delegation),
        },
    )


def _register_messages(request, result: dict) -> None:
    messages.success(
        request,
        _("%(registered)s registered, %(already)s already registered, %(approved)s approved.")
        % {
            "registered": len(result["registered"]),
            "already": len(result["already"]),
            "approved": len(result["approved"]),
        },
    )
    for key, text in (
        ("refused", _("Not registered: %(people)s (%(reason)s)")),
        ("not_approved", _("Not approved: %(people)s (%(reason)s)")),
    ):
        for person, reason in result[key]:
            messages.error(request, text % {"people": person.full_name, "reason": reason})


@login_required
def delegation_book(request, pk: int):
    """Operators register the delegation as a whole for an event and book its meetings: the
    whole delegation meets one organisation as ONE meeting (one table, one slot)."""
    _require_operator(request)
    delegation = get_object_or_404(selectors.delegations_visible_to(request.user), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    register_form = DelegationRegisterForm(
        request.POST if action == "register" else None,
        initial={"event": delegation.event_id, "approve": True},
    )
    if action == "register" and register_form.is_valid():
        try:
            result = services.delegation_register(
                delegation=delegation,
                event=register_form.cleaned_data["event"],
                by=request.user,
                approve=register_form.cleaned_data["approve"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            _register_messages(request, result)
            return redirect("outreach:delegation_book", delegation.pk)
    booking = meeting_form = None
    if delegation.event_id:
        booking = selectors.delegation_booking(delegation=delegation, event=delegation.event)
        meeting_form = DelegationMeetingForm(
            request.POST if action == "book" else None, booking=booking
        )
        if action == "book" and meeting_form.is_valid():
            block, slot = meeting_form.cleaned_data["slot"]
            organisation = meeting_form.cleaned_data["organisation"]
            try:
                services.delegation_meeting_book(
                    delegation=delegation,
                    block=block,
                    slot=slot,
                    organisation=organisation,
                    table=meeting_form.cleaned_data["table"],
                    by=request.user,
                )
            except DomainError as exc:
                meeting_form.add_error(
                    exc.field if exc.field in meeting_form.fields else None, exc.message
                )
            else:
                messages.success(
                    request,
                    _("The delegation meets %(organisation)s.") % {"organisation": organisation},
                )
                return redirect("outreach:delegation_book", delegation.pk)
    elif action == "book":
        messages.error(request, _("Register the delegation for an event first."))
    agenda = [
        item
        for item in selectors.delegation_agenda(delegation=delegation)
        if item["event"].pk == delegation.event_id
    ]
    return render(
        request,
        "outreach/delegation_book.html",
        {
            "delegation": delegation,
            "register_form": register_form,
            "meeting_form": meeting_form,
            "booking": booking,
            "agenda": agenda,
        },
    )
