"""Outreach invitations as seen from the registration page.

An accepted event invitation links to the registration page with the invitee's data in the
query string (``outreach.services.invitation_registration_link``): ``invitation`` (the
personal token), ``name``, ``email``, ``organisation`` (an id) and ``participant_type``. The
token is checked against the invitation of this event; the other values only pre-fill the
form, and only with choices the user may make anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .models import Event, Registration


def invitation_for(*, event: Event, token: str | None):
    """The accepted invitation to ``event`` with this personal token, else None."""
    from digibridge.outreach.models import Invitation

    token = (token or "").strip()
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.filter(event=event, token=token, status=Invitation.Status.ACCEPTED)
        .select_related("organisation")
        .first()
    )


def invitation_prefill(
    *, invitation, query: Mapping[str, str], organisations: Iterable
) -> dict[str, str]:
    """Initial values of the registration form from an invitation link."""
    allowed = {str(o.pk) for o in organisations}
    initial: dict[str, str] = {}
    for candidate in (str(invitation.organisation_id or ""), query.get("organisation", "")):
        if candidate in allowed:
            initial["organisation"] = candidate
            break
    kind = query.get("participant_type", "")
    if kind in Registration.ParticipantType.values:
        initial["participant_type"] = kind
    return initial
