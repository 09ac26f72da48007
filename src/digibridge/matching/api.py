"""Matching endpoints: ranked counterparts with reasons, and feedback."""

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from digibridge.common.api import READ_AUTH, WRITE_AUTH, actor
from digibridge.common.errors import DomainError
from digibridge.marketplace.api import opportunity_for

from . import selectors, services
from .presentation import reason_text

router = Router(tags=["matching"])


class ReasonOut(Schema):
    code: str
    text: str
    params: dict
    weight: float


class MatchOut(Schema):
    opportunity: int
    title: str
    kind: str
    owner: int
    owner_name: str
    country: str
    score: float
    pinned: bool
    verdict: str | None
    reasons: list[ReasonOut]


class MatchListOut(Schema):
    matches: list[MatchOut]
    hidden: int


class FeedbackIn(Schema):
    target: int
    verdict: Literal["interested", "not_relevant"]


@router.get("/opportunities/{opportunity_id}/matches", response=MatchListOut, auth=READ_AUTH)
def opportunity_matches(request, opportunity_id: int, limit: int = 10):
    """Counterpart opportunities ranked by the engine, with reasons in the caller's language."""
    opportunity = opportunity_for(request, opportunity_id)
    found = selectors.matches_for(
        opportunity=opportunity, viewer=actor(request), k=max(1, min(limit, 50))
    )
    if found.error:
        raise DomainError(_("Matching is unavailable: %(error)s") % {"error": found.error})
    return {
        "hidden": found.hidden,
        "matches": [
            {
                "opportunity": m.opportunity.pk,
                "title": m.opportunity.title,
                "kind": m.opportunity.kind,
                "owner": m.opportunity.owner_id,
                "owner_name": m.opportunity.owner.name,
                "country": m.opportunity.owner.country.code or "",
                "score": round(m.score, 4),
                "pinned": m.pinned,
                "verdict": m.verdict,
                "reasons": [
                    {
                        "code": r.code,
                        "text": reason_text(r),
                        "params": r.params,
                        "weight": round(r.weight, 4),
                    }
                    for r in m.reasons
                ],
            }
            for m in found.matches
        ],
    }


@router.post(
    "/opportunities/{opportunity_id}/matches/feedback", response={201: dict}, auth=WRITE_AUTH
)
def match_feedback(request, opportunity_id: int, payload: FeedbackIn):
    source = opportunity_for(request, opportunity_id)
    target = opportunity_for(request, payload.target)
    found = selectors.matches_for(opportunity=source, viewer=actor(request), k=50)
    features = next((m.features for m in found.matches if m.opportunity.pk == target.pk), {})
    feedback = services.match_feedback_record(
        source=source, target=target, by=actor(request), verdict=payload.verdict, features=features
    )
    return Status(201, {"source": source.pk, "target": target.pk, "verdict": feedback.verdict})
