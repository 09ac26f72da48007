"""Privacy reads: the audit log search, the processing record, a user's consent history."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from digibridge.accounts.models import AuditEntry

from .consent import current_consents
from .models import ConsentRecord, Purpose


def audit_search(
    *,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    centre: int | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries, newest first. ``actor`` matches an e-mail address or a name (part of it)
    or a user id; ``action`` matches the action or its prefix ("agreement" finds
    "agreement.create", "agreement.update", ...); dates are inclusive. With ``centre`` (a
    service centre's operator), the entries of that centre's people only: members of its
    organisations and its operators."""
    qs = AuditEntry.objects.select_related("actor")
    if centre is not None:
        people = get_user_model().objects.filter(
            Q(centre_id=centre) | Q(memberships__organisation__centre_id=centre)
        )
        qs = qs.filter(actor_id__in=people.values("pk"))
    actor = (actor or "").strip()[:200]
    if actor:
        q = (
            Q(actor__email__icontains=actor)
            | Q(actor__first_name__icontains=actor)
            | Q(actor__last_name__icontains=actor)
        )
        if actor.isdigit():
            q |= Q(actor_id=int(actor))
        qs = qs.filter(q)
    action = (action or "").strip()[:100]
    if action:
        qs = qs.filter(Q(action=action) | Q(action__startswith=action.rstrip(".") + "."))
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=str(object_id)[:64])
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs.order_by("-created_at", "-pk")


def audit_object_types() -> list[tuple[str, str]]:
    """(label, name) of the kinds of object the log has entries about, for the filter."""
    labels = AuditEntry.objects.exclude(object_type="").values_list("object_type", flat=True)
    choices = []
    for label in sorted(set(labels)):
        try:
            name = str(apps.get_model(label)._meta.verbose_name)
        except (LookupError, ValueError):
            name = label
        choices.append((label, f"{name} ({label})"))
    return choices


def consent_overview(*, user) -> list[dict]:
    """Per purpose: the current decision (None: never decided, the default applies) and the
    latest record, for the privacy page."""
    from .consent import DEFAULTS

    current = current_consents(user=user)
    return [
        {
            "purpose": purpose,
            "label": label,
            "record": current[purpose],
            "granted": DEFAULTS[purpose] if current[purpose] is None else current[purpose].granted,
        }
        for purpose, label in Purpose.choices
    ]


def consent_history(*, user) -> QuerySet[ConsentRecord]:
    from .consent import _subject_q

    return ConsentRecord.objects.filter(_subject_q(user=user)).select_related("recorded_by")


def anonymisation_counts() -> dict[str, int]:
    """How many erasures and retention anonymisations have been done, for the record page."""
    from django.db.models import Count

    from .models import Anonymisation

    rows = Anonymisation.objects.values("reason").annotate(n=Count("pk"))
    counts = {reason: 0 for reason in Anonymisation.Reason.values}
    counts.update({row["reason"]: row["n"] for row in rows})
    return counts


def data_location() -> str:
    return getattr(settings, "DIGIBRIDGE_DATA_LOCATION", "") or str(_("Not configured"))


def processing_record() -> list[dict]:
    """What the platform stores about people, why, on which legal basis, for how long and who
    sees it: the record of processing activities (GDPR art. 30; PIPL art. 54-55 audits)."""
    days = int(getattr(settings, "DIGIBRIDGE_RETENTION_DAYS", 730))
    return [
        {
            "what": _("User accounts: e-mail address, name, language, time zone, password hash"),
            "why": _("Logging in; telling users about what concerns them"),
            "basis": _("Contract (terms of use of the platform)"),
            "retention": _("Until the user asks for erasure"),
            "who": _("The user; operators"),
        },
        {
            "what": _("Directory people: name, title, languages, e-mail address, phone"),
            "why": _("A directory of the network's organisations and their contacts"),
            "basis": _("Legitimate interest of the programme; consent to be listed"),
            "retention": _("Until the person or their organisation asks for erasure"),
            "who": _(
                "Everyone sees names of people who consent to be listed; contact details: "
                "colleagues, operators, and people they met (with consent)"
            ),
        },
        {
            "what": _("Event registrations, meeting requests, meetings and their outcomes"),
            "why": _("Running forums and 1:1 meetings; the programme's figures"),
            "basis": _("Contract (registration for the event); consent to be listed"),
            "retention": _(
                "Anonymised %(days)s days after the event ends (DIGIBRIDGE_RETENTION_DAYS)"
            )
            % {"days": days},
            "who": _("The participant; organisers of the event; the other side of a meeting"),
        },
        {
            "what": _("Opportunities, global orders, responses and agreements"),
            "why": _("Matching demands and solutions; following cooperation to agreements"),
            "basis": _("Contract; legitimate interest in the programme's reporting"),
            "retention": _("As long as the organisation takes part; figures are kept"),
            "who": _("The organisation's members; operators; visibility set per opportunity"),
        },
        {
            "what": _("Conversations and messages, invitations, notifications"),
            "why": _("Contact between organisations; invitations to events"),
            "basis": _("Contract; consent to receive e-mail"),
            "retention": _("As long as the conversation's organisations take part"),
            "who": _("The two sides of a conversation; operators (each access is audited)"),
        },
        {
            "what": _("Consent records and the audit log"),
            "why": _("Proving consent; accountability of who changed what"),
            "basis": _("Legal obligation"),
            "retention": _("Kept; never changed (append-only)"),
            "who": _("Operators; each person sees their own in their data export"),
        },
    ]
