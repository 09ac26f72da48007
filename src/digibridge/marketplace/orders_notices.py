"""Who hears what about global orders.

Every notice goes through ``digibridge.outreach.notifications.notify``: in the platform and/or
by e-mail as each recipient's per-kind preferences say, in their language, the e-mail sent by
the background task once the transaction commits (a rolled-back change tells nobody).

Privacy: a notice names only its recipient's own side of the request. A supplier never learns
who else responded, how many did, or at what price; the requester is not told about responses
it cannot see yet (sealed until the deadline). Deadlines are written in each recipient's own
time zone (recipients are grouped by language and time zone for that).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy, ngettext_lazy

from digibridge.directory.models import Organisation
from digibridge.outreach.models import Notification
from digibridge.outreach.notifications import notify

from .models import Clarification, Rfq, RfqResponse

Kind = Notification.Kind
RS = RfqResponse.Status
ACTIVE = (RS.SUBMITTED, RS.SHORTLISTED, RS.DECLINED, RS.AWARDED)


def format_deadline(moment: dt.datetime) -> str:
    """The deadline in the reader's time zone, with the zone's name so nobody misreads it."""
    local = timezone.localtime(moment)
    return (
        f"{formats.date_format(local, 'DATETIME_FORMAT')} ({timezone.get_current_timezone_name()})"
    )


def members_of(organisation_ids: Iterable[int], *, exclude=None) -> list:
    """Active members of the organisations (each user once), without ``exclude``."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, memberships__organisation_id__in=list(organisation_ids))
        .distinct()
        .order_by("pk")
    )
    if exclude is not None and getattr(exclude, "pk", None):
        users = users.exclude(pk=exclude.pk)
    return list(users)


def _zone(name: str):
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _tell(
    *,
    users: Iterable,
    kind: str,
    title,
    body,
    link: str,
    params: Mapping | None = None,
    deadline: dt.datetime | None = None,
) -> int:
    """``notify`` the users; with ``deadline``, ``%(deadline)s`` is written for each language
    and time zone. Returns how many users were told."""
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for user in users:
        if user is not None:
            language = user.language or settings.LANGUAGE_CODE
            groups[(language, getattr(user, "time_zone", "") or settings.TIME_ZONE)].append(user)
    told = 0
    for (language, zone), group in groups.items():
        values = dict(params or {})
        if deadline is not None:
            with translation.override(language), timezone.override(_zone(zone)):
                values["deadline"] = format_deadline(deadline)
        notify(users=group, kind=kind, title=title, body=body, link=link, params=values)
        told += len(group)
    return told


def _rfq_link(rfq: Rfq) -> str:
    return reverse("marketplace:rfq", args=[rfq.pk])


def _response_link(response: RfqResponse) -> str:
    return reverse("marketplace:response", args=[response.pk])


# --- opening and invitations -------------------------------------------------------------


def request_opened(
    *, rfq: Rfq, invited: Iterable[Organisation] = (), matched: Iterable[Organisation] = ()
) -> int:
    """Tell invited organisations (kind invitation) and best-matching suppliers (kind match)
    that ``rfq`` takes responses; each organisation's members separately."""
    told = 0
    body = gettext_lazy(
        "%(requester)s asks for responses to “%(title)s” until %(deadline)s. "
        "Open it on the platform to respond."
    )
    for kind, title, organisations in (
        (
            Kind.INVITATION,
            gettext_lazy("%(supplier)s is invited to respond to “%(title)s”"),
            invited,
        ),
        (Kind.MATCH, gettext_lazy("A request for responses that fits %(supplier)s"), matched),
    ):
        for organisation in organisations:
            told += _tell(
                users=members_of([organisation.pk]),
                kind=kind,
                title=title,
                body=body,
                link=_rfq_link(rfq),
                params={
                    "supplier": organisation.name,
                    "requester": rfq.opportunity.owner.name,
                    "title": rfq.opportunity.title,
                },
                deadline=rfq.response_deadline,
            )
    return told


def _supplier_side_ids(rfq: Rfq, *, statuses=ACTIVE) -> set[int]:
    """Organisations that were invited to ``rfq`` or responded to it (with ``statuses``)."""
    ids = set(rfq.invited.values_list("pk", flat=True))
    ids |= set(rfq.responses.filter(status__in=statuses).values_list("supplier_id", flat=True))
    ids.discard(rfq.opportunity.owner_id)
    return ids


# --- changes of the rules ----------------------------------------------------------------


def rules_changed(*, rfq: Rfq, changes: Mapping, by=None) -> int:
    """Tell the suppliers who were invited or responded (withdrawn ones too: a later deadline
    may bring them back) what changed. Kind deadline when the deadline moved."""
    parts = []
    params = {"title": rfq.opportunity.title}
    if "response_deadline" in changes:
        parts.append(gettext_lazy("Responses are now accepted until %(deadline)s."))
    if "max_responses" in changes:
        cap = changes["max_responses"][1]
        if cap is None:
            parts.append(gettext_lazy("The request no longer limits the number of responses."))
        else:
            parts.append(gettext_lazy("The request now accepts up to %(cap)s responses."))
            params["cap"] = cap
    if "budget_visible" in changes:
        opportunity = rfq.opportunity
        if changes["budget_visible"][1]:
            parts.append(gettext_lazy("The budget is now shown: %(budget)s."))
            params["budget"] = (
                f"{opportunity.budget_min or '…'} – {opportunity.budget_max or '…'} "
                f"{opportunity.currency}"
            )
        else:
            parts.append(gettext_lazy("The budget is no longer shown to suppliers."))
    if not parts:
        return 0
    body = format_lazy("\n\n".join("{}" for _part in parts), *parts)
    suppliers = _supplier_side_ids(rfq, statuses=(*ACTIVE, RS.WITHDRAWN))
    return _tell(
        users=members_of(suppliers, exclude=by),
        kind=Kind.DEADLINE if "response_deadline" in changes else Kind.RESPONSE,
        title=gettext_lazy("The requester changed the rules of “%(title)s”"),
        body=body,
        link=_rfq_link(rfq),
        params=params,
        deadline=rfq.response_deadline,
    )


# --- responses ---------------------------------------------------------------------------


def response_received(*, response: RfqResponse, by=None) -> int:
    """Tell the requester's members about a new response, unless responses are sealed (then
    they hear the count when the request closes)."""
    rfq = response.rfq
    if rfq.sealed:
        return 0
    kind_label = (
        gettext_lazy("a full response")
        if response.kind == RfqResponse.Kind.FULL
        else gettext_lazy("an expression of interest")
    )
    return _tell(
        users=members_of([rfq.opportunity.owner_id], exclude=by),
        kind=Kind.RESPONSE,
        title=gettext_lazy("New response to “%(title)s”"),
        body=gettext_lazy("%(supplier)s sent %(what)s. Compare the responses on the platform."),
        link=_response_link(response),
        params={
            "title": rfq.opportunity.title,
            "supplier": response.supplier.name,
            "what": kind_label,
        },
    )


_DECISIONS = {
    RS.SHORTLISTED: (
        gettext_lazy("Your response to “%(title)s” is shortlisted"),
        gettext_lazy("%(requester)s put your response on its shortlist."),
    ),
    RS.DECLINED: (
        gettext_lazy("Your response to “%(title)s” was declined"),
        gettext_lazy("%(requester)s declined your response. Reason: %(reason)s"),
    ),
    RS.AWARDED: (
        gettext_lazy("Your response to “%(title)s” was awarded"),
        gettext_lazy(
            "%(requester)s awards you the order; it is now followed in the cooperation pipeline."
        ),
    ),
}


def response_decided(*, response: RfqResponse, by=None) -> int:
    """Tell the supplier's members that their response was shortlisted, declined (with the
    reason) or awarded. Nothing about the other responses."""
    title, body = _DECISIONS[response.status]
    rfq = response.rfq
    return _tell(
        users=members_of([response.supplier_id], exclude=by),
        kind=Kind.RESPONSE,
        title=title,
        body=body,
        link=_response_link(response),
        params={
            "title": rfq.opportunity.title,
            "requester": rfq.opportunity.owner.name,
            "reason": response.decline_reason,
        },
    )


# --- clarifications ----------------------------------------------------------------------


def clarification_asked(*, clarification: Clarification, by=None) -> int:
    response = clarification.response
    return _tell(
        users=members_of([response.supplier_id], exclude=by),
        kind=Kind.MESSAGE,
        title=gettext_lazy("A question about your response to “%(title)s”"),
        body=gettext_lazy("%(question)s"),
        link=_response_link(response),
        params={"title": response.rfq.opportunity.title, "question": clarification.question},
    )


def clarification_answered(*, clarification: Clarification, by=None) -> int:
    """Tell the requester's members, and whoever asked (an operator, say)."""
    response = clarification.response
    users = {u.pk: u for u in members_of([response.rfq.opportunity.owner_id], exclude=by)}
    asker = clarification.asked_by
    if asker is not None and asker.is_active and (by is None or asker.pk != by.pk):
        users.setdefault(asker.pk, asker)
    return _tell(
        users=users.values(),
        kind=Kind.MESSAGE,
        title=gettext_lazy("%(supplier)s answered your question about “%(title)s”"),
        body=gettext_lazy("%(answer)s"),
        link=_response_link(response),
        params={
            "title": response.rfq.opportunity.title,
            "supplier": response.supplier.name,
            "answer": clarification.answer,
        },
    )


# --- deadlines ---------------------------------------------------------------------------


def deadline_approaching(*, rfq: Rfq) -> int:
    """24 hours before: suppliers invited or with a response under consideration may still
    send or edit it; the requester is told when comparing can start."""
    params = {"title": rfq.opportunity.title}
    told = _tell(
        users=members_of(_supplier_side_ids(rfq, statuses=(RS.SUBMITTED, RS.SHORTLISTED))),
        kind=Kind.DEADLINE,
        title=gettext_lazy("Responses to “%(title)s” close soon"),
        body=gettext_lazy(
            "Responses are accepted until %(deadline)s. You can still send or edit yours."
        ),
        link=_rfq_link(rfq),
        params=params,
        deadline=rfq.response_deadline,
    )
    told += _tell(
        users=members_of([rfq.opportunity.owner_id]),
        kind=Kind.DEADLINE,
        title=gettext_lazy("Your request “%(title)s” closes for responses soon"),
        body=gettext_lazy(
            "Responses are accepted until %(deadline)s; then you can compare and award them."
        ),
        link=_rfq_link(rfq),
        params=params,
        deadline=rfq.response_deadline,
    )
    return told


def request_closed(*, rfq: Rfq) -> int:
    """The requester hears how many responses arrived (kind response); each supplier with a
    response that stands hears only that comparing has begun (kind deadline)."""
    count = rfq.responses.exclude(status=RS.WITHDRAWN).count()
    params = {"title": rfq.opportunity.title, "count": count}
    told = _tell(
        users=members_of([rfq.opportunity.owner_id]),
        kind=Kind.RESPONSE,
        title=gettext_lazy("Responses to “%(title)s” are closed"),
        body=ngettext_lazy(
            "%(count)s response arrived before the deadline; compare it now.",
            "%(count)s responses arrived before the deadline; compare them now.",
            count,  # a number, not the key: notify renders the text with str() first
        ),
        link=_rfq_link(rfq),
        params=params,
    )
    suppliers = set(
        rfq.responses.exclude(status=RS.WITHDRAWN).values_list("supplier_id", flat=True)
    )
    told += _tell(
        users=members_of(suppliers),
        kind=Kind.DEADLINE,
        title=gettext_lazy("Responses to “%(title)s” are closed"),
        body=gettext_lazy(
            "The requester is now comparing the responses; you will hear the outcome."
        ),
        link=_rfq_link(rfq),
        params={"title": rfq.opportunity.title},
    )
    return told
