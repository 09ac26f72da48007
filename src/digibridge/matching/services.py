"""Matching writes: embeddings and the index log, feedback, operator overrides, training.

Embedding happens in ``opportunity_vectors_refresh`` (a background task in production; run
in-process after commit in the embedded default). If the model cannot be loaded the error is
logged and reported by the status page; the marketplace keeps working without matches.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from digibridge.accounts.services import audit
from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.directory.selectors import can_act_for, operator_covers_any
from digibridge.marketplace.models import Opportunity

from . import engine
from .adapter import text_hash, text_of, vector_to_bytes
from .models import FusionWeights, IndexEvent, MatchFeedback, MatchOverride, OpportunityVector

logger = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


def opportunity_vectors_refresh(
    *,
    opportunity_ids: Iterable[int] | None = None,
    force: bool = False,
    batch_size: int = 128,
    progress: Progress | None = None,
) -> int:
    """Embed the opportunities whose text changed (or all with ``force``) and log the change.

    Returns how many were (re-)embedded. Metadata-only changes (status, sectors) still log an
    upsert so every process refreshes its copy. Raises ``EngineError`` without a model.
    """
    qs = Opportunity.objects.all().select_related("vector").order_by("pk")
    if opportunity_ids is not None:
        qs = qs.filter(pk__in=list(opportunity_ids))
    rows = list(qs)
    stale = []
    for row in rows:
        current = getattr(row, "vector", None) if hasattr(row, "vector") else None
        if force or current is None or current.text_hash != text_hash(row):
            stale.append(row)
    embedder = engine.get_embedder()
    done = 0
    for start in range(0, len(stale), batch_size):
        chunk = stale[start : start + batch_size]
        languages = [row.language or engine.detect_language(text_of(row)) for row in chunk]
        vectors = embedder.encode_with_pivot([text_of(row) for row in chunk], languages)
        with transaction.atomic():
            for row, language, vector in zip(chunk, languages, vectors, strict=True):
                OpportunityVector.objects.update_or_create(
                    opportunity=row,
                    defaults={
                        "vector": vector_to_bytes(vector),
                        "text_hash": text_hash(row),
                        "language": language or "",
                    },
                )
        done += len(chunk)
        if progress is not None:
            progress(done, len(stale))
    if opportunity_ids is None:
        IndexEvent.objects.create(action=IndexEvent.Action.REBUILD)
    else:
        IndexEvent.objects.bulk_create(
            IndexEvent(opportunity_id=row.pk, action=IndexEvent.Action.UPSERT) for row in rows
        )
    return done


def opportunity_index_remove(*, opportunity_id: int) -> None:
    IndexEvent.objects.create(opportunity_id=opportunity_id, action=IndexEvent.Action.REMOVE)


def on_opportunity_changed(sender, opportunity, deleted: bool = False, **kwargs) -> None:
    """Keep the index in step with the marketplace (connected in ``MatchingConfig.ready``)."""
    from .tasks import index_opportunity

    if deleted:
        opportunity_index_remove(opportunity_id=opportunity.pk)
        return
    try:
        index_opportunity.delay(opportunity.pk)
    except Exception:  # a broker outage must not break publishing; reindex catches up
        logger.exception("could not queue indexing of opportunity %s", opportunity.pk)


def _own_source(*, source: Opportunity, by) -> None:
    if not can_act_for(by, source.owner):
        raise PermissionDeniedError(_("You can only judge matches of your own opportunities."))


@transaction.atomic
def match_feedback_record(
    *, source: Opportunity, target: Opportunity, by, verdict: str, features: dict | None = None
) -> MatchFeedback:
    """Record (or change) a verdict; it applies to the pair at once and feeds training."""
    _own_source(source=source, by=by)
    if verdict not in MatchFeedback.Verdict.values:
        raise DomainError(_("Unknown verdict."), field="verdict")
    if source.pk == target.pk or source.kind == target.kind:
        raise DomainError(_("An offer matches a request, and a request an offer."))
    feedback, _created = MatchFeedback.objects.update_or_create(
        user=by,
        source=source,
        target=target,
        defaults={"verdict": verdict, "features": features or {}},
    )
    return feedback


@transaction.atomic
def match_feedback_clear(*, source: Opportunity, target: Opportunity, by) -> None:
    MatchFeedback.objects.filter(user=by, source=source, target=target).delete()


@transaction.atomic
def match_override_set(
    *, source: Opportunity, target: Opportunity, by, action: str | None
) -> MatchOverride | None:
    """Operators pin a pair to the top or hide it, for everyone; ``None`` removes the override."""
    if not operator_covers_any(by, (source.owner, target.owner)):
        raise PermissionDeniedError(_("Only operators pin or hide matches."))
    if action is None:
        MatchOverride.objects.filter(source=source, target=target).delete()
        audit(actor=by, action="match.override_clear", obj=source, target=target.pk)
        return None
    if action not in MatchOverride.Action.values:
        raise DomainError(_("Unknown action."), field="action")
    override_row, _created = MatchOverride.objects.update_or_create(
        source=source, target=target, defaults={"action": action, "by": by}
    )
    audit(actor=by, action=f"match.{action}", obj=source, target=target.pk)
    return override_row


def fusion_weights_train(*, min_examples: int = 20) -> tuple[engine.Weights, int, dict]:
    """Learn fusion weights from all feedback; store and announce them only if they rank the
    users' judged pairs better under cross-validation than the weights in use.

    Returns (weights in use afterwards, examples used, cross-validation report).
    """
    from .index_store import current_weights

    examples = [
        engine.FeedbackExample(
            features=row.features,
            label=1 if row.verdict == MatchFeedback.Verdict.INTERESTED else 0,
            group=str(row.source_id),
        )
        for row in MatchFeedback.objects.exclude(features={}).order_by("pk")
    ]
    before = current_weights()
    if len(examples) < min_examples:
        return before, len(examples), {}
    learned, report = engine.train_weights(examples, before)
    if learned != before:
        FusionWeights.objects.create(weights=learned.to_json(), examples=len(examples))
        IndexEvent.objects.create(action=IndexEvent.Action.WEIGHTS)
    return learned, len(examples), report


def match_introduce(*, source: Opportunity, target: Opportunity, by, message: str = "") -> int:
    """An operator introduces both sides of a match by e-mail; returns messages sent."""
    if not operator_covers_any(by, (source.owner, target.owner)):
        raise PermissionDeniedError(_("Only operators send introductions."))
    sent = 0
    for mine, other in ((source, target), (target, source)):
        for membership in mine.owner.memberships.select_related("user"):
            user = membership.user
            with override(user.language):
                subject = _("Introduction: %(other)s") % {"other": other.owner.name}
                body = _(
                    "The service centre introduces you to %(other)s about “%(title)s”, which "
                    "matches your “%(mine)s”.\n\n%(message)s"
                ) % {
                    "other": other.owner.name,
                    "title": other.title,
                    "mine": mine.title,
                    "message": message,
                }
            transaction.on_commit(
                lambda u=user, s=subject, b=body: send_mail(s, b, None, [u.email])
            )
            sent += 1
    audit(actor=by, action="match.introduce", obj=source, target=target.pk)
    return sent


@transaction.atomic
def match_propose_meeting(*, source: Opportunity, target: Opportunity, by):
    """An operator proposes a 1:1 meeting for a match at the next event both organisations
    attend: a meeting request from the request's side to the offer's side, about the
    request, which the recipient accepts or declines as usual. Returns the request."""
    from digibridge.events.models import Event, Registration
    from digibridge.events.services import meeting_request_create

    if not operator_covers_any(by, (source.owner, target.owner)):
        raise PermissionDeniedError(_("Only operators propose meetings for matches."))
    request_side, offer_side = (source, target) if source.kind == "request" else (target, source)
    live = [Event.Status.REGISTRATION_OPEN, Event.Status.CLOSED, Event.Status.RUNNING]
    attending = Registration.objects.filter(
        event__status__in=live, status=Registration.Status.APPROVED, takes_meetings=True
    ).select_related("event", "person")
    senders = attending.filter(organisation=request_side.owner).order_by("event__start", "pk")
    for sender in senders:
        recipient = (
            attending.filter(event=sender.event, organisation=offer_side.owner)
            .order_by("pk")
            .first()
        )
        if recipient is not None:
            request = meeting_request_create(
                sender=sender,
                recipient=recipient,
                by=by,
                message=_("Proposed by the service centre: “%(request)s” ↔ “%(offer)s”.")
                % {"request": request_side.title, "offer": offer_side.title},
                opportunity=request_side,
            )
            audit(actor=by, action="match.propose_meeting", obj=source, target=target.pk)
            return request
    raise DomainError(
        _("%(a)s and %(b)s are not both registered for 1:1 meetings at an upcoming event.")
        % {"a": request_side.owner.name, "b": offer_side.owner.name}
    )
