"""Matching reads: ranked counterparts with reasons, for pages, the API and the console."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from digibridge.directory.selectors import user_network_ids, user_organisation_ids
from digibridge.marketplace.models import Opportunity
from digibridge.marketplace.selectors import opportunities_visible_to

from . import engine
from .index_store import store
from .models import MatchFeedback, MatchOverride


@dataclass
class MatchView:
    """One counterpart as the reader sees it."""

    opportunity: Opportunity
    score: float
    reasons: list[engine.Reason] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    pinned: bool = False
    verdict: str | None = None


@dataclass
class MatchList:
    matches: list[MatchView]
    hidden: int = 0
    error: str | None = None


def matches_for(*, opportunity: Opportunity, viewer, k: int = 10) -> MatchList:
    """Counterparts of ``opportunity`` that ``viewer`` may see, best first.

    Operator pins come first and operator hides are dropped, for everyone; the viewer's own
    "not relevant" verdicts drop the pair from their list at once (counted in ``hidden``).
    Returns an empty list with ``error`` set when the engine is unavailable.
    """
    overrides = dict(
        MatchOverride.objects.filter(source=opportunity).values_list("target_id", "action")
    )
    verdicts: dict[int, str] = {}
    if viewer is not None and viewer.is_authenticated:
        verdicts = dict(
            MatchFeedback.objects.filter(source=opportunity, user=viewer).values_list(
                "target_id", "verdict"
            )
        )
    try:
        networks = [str(n) for n in user_network_ids(viewer)] or None
        found = store.search(str(opportunity.pk), k=k * 3 + 10, viewer_networks=networks)
    except engine.EngineError as exc:
        return MatchList(matches=[], error=str(exc))
    ranked = [(int(m.opportunity_id), m) for m in found]
    pinned = [t for t, action in overrides.items() if action == MatchOverride.Action.PIN]
    ranked_ids = {t for t, _m in ranked}
    order = [(t, None) for t in pinned if t not in ranked_ids] + ranked
    ids = [t for t, _m in order]
    # Which candidates the viewer may see, by id only; full rows are read for the k shown.
    visible = set(
        opportunities_visible_to(viewer)
        .filter(pk__in=ids)
        .filter(
            Q(status=Opportunity.Status.PUBLISHED) | Q(owner_id__in=user_organisation_ids(viewer))
        )
        .values_list("pk", flat=True)
    )
    kept: list[tuple[int, engine.Match | None]] = []
    hidden = 0
    for target_id, match in order:
        if target_id not in visible or overrides.get(target_id) == MatchOverride.Action.HIDE:
            continue
        if verdicts.get(target_id) == MatchFeedback.Verdict.NOT_RELEVANT:
            hidden += 1
            continue
        kept.append((target_id, match))
    kept.sort(key=lambda item: (item[0] not in pinned, -(item[1].score if item[1] else 0.0)))
    kept = kept[:k]
    rows = Opportunity.objects.filter(pk__in=[target_id for target_id, _m in kept])
    shown = {o.pk: o for o in rows.select_related("owner").prefetch_related("sectors")}
    result = [
        MatchView(
            opportunity=shown[target_id],
            score=match.score if match else 0.0,
            reasons=list(match.reasons) if match else [],
            features=dict(match.features) if match else {},
            pinned=target_id in pinned,
            verdict=verdicts.get(target_id),
        )
        for target_id, match in kept
        if target_id in shown  # deleted in between
    ]
    return MatchList(matches=result, hidden=hidden)


def organisation_matches(*, organisation, viewer, per_opportunity: int = 3) -> list[tuple]:
    """For each open opportunity of an organisation, its best few counterparts."""
    rows = []
    for opportunity in (
        opportunities_visible_to(viewer)
        .filter(owner=organisation, status=Opportunity.Status.PUBLISHED)
        .select_related("owner")[:20]
    ):
        found = matches_for(opportunity=opportunity, viewer=viewer, k=per_opportunity)
        if found.matches:
            rows.append((opportunity, found.matches))
    return rows
