"""New matches above each user's threshold: the periodic job behind the ``match`` notices.

Every run looks at the opportunities published or changed since the previous run (with an
overlap, so an opportunity indexed a little after it was published is not missed). For every
active user who acts for an organisation with open opportunities, each of those
opportunities' matches — as ``matches_for`` ranks them for that user, so visibility, operator
hides and the user's own "not relevant" verdicts hold — is new when one of the two sides
changed since then, it scores at least the user's threshold (their ``match`` preference, see
``outreach.selectors.match_thresholds_of``) and the user was never told about that pair
(``outreach.models.MatchAlert``). The user gets one ``match`` notice per run listing them, in
their language, in the platform and/or by e-mail as they chose.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digibridge.directory.models import OrganisationMember
from digibridge.marketplace.models import Opportunity
from digibridge.outreach.models import MatchAlert, MatchAlertRun, Notification
from digibridge.outreach.notifications import notify, preferences_of
from digibridge.outreach.selectors import match_thresholds_of

from .selectors import MatchView, matches_for

logger = logging.getLogger(__name__)

#: How far before the previous run's start the next run looks (indexing lag, clock skew).
OVERLAP = dt.timedelta(hours=1)
#: The first run ever looks this far back, not at every match that already existed.
FIRST_LOOKBACK = dt.timedelta(days=1)
#: Matches looked at per opportunity and listed per notice.
PER_OPPORTUNITY = 20
LISTED = 10


@dataclass
class RunReport:
    since: dt.datetime
    users_notified: int = 0
    pairs: int = 0
    skipped_engine_errors: int = 0
    notified: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def _link(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _notice(user, found: list[tuple[Opportunity, MatchView]]) -> None:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        count = len(found)
        title = ngettext(
            "A new match for your opportunities",
            "%(count)s new matches for your opportunities",
            count,
        ) % {"count": count}
        lines = [
            _("“%(target)s” (%(organisation)s) for your “%(source)s”, score %(score)s")
            % {
                "target": view.opportunity.title,
                "organisation": view.opportunity.owner.name,
                "source": source.title,
                "score": f"{view.score:.2f}",
            }
            for source, view in found[:LISTED]
        ]
        if count > LISTED:
            lines.append(_("… and %(more)s more.") % {"more": count - LISTED})
    sources = {source.pk for source, _view in found}
    link = (
        _link("matching:opportunity", found[0][0].pk)
        if len(sources) == 1
        else _link("marketplace:mine")
    )
    notify(
        users=[user], kind=Notification.Kind.MATCH, title=title, body="\n".join(lines), link=link
    )


def new_matches_notify(*, now: dt.datetime | None = None) -> RunReport:
    """One run of the job (see the module's docstring); returns what it did."""
    now = now or timezone.now()
    previous = MatchAlertRun.objects.order_by("-started_at").first()
    since = previous.started_at - OVERLAP if previous else now - FIRST_LOOKBACK
    run = MatchAlertRun.objects.create(started_at=now)
    report = RunReport(since=since)
    changed = dict(
        Opportunity.objects.filter(status=Opportunity.Status.PUBLISHED)
        .filter(Q(published_at__gte=since) | Q(updated_at__gte=since))
        .values_list("pk", "kind")
    )
    if changed:
        _notify_users(report, changed)
    run.finished_at = timezone.now()
    run.users_notified = report.users_notified
    run.pairs = report.pairs
    run.save(update_fields=["finished_at", "users_notified", "pairs"])
    return report


def _notify_users(report: RunReport, changed: dict[int, str]) -> None:
    """``changed``: the kind of every opportunity published or changed since the last run."""
    # Offers are only matched with requests and the other way round: an opportunity that did
    # not change can only have new matches when something of the other kind did.
    other_kind_changed = {
        Opportunity.Kind.OFFER: Opportunity.Kind.REQUEST in changed.values(),
        Opportunity.Kind.REQUEST: Opportunity.Kind.OFFER in changed.values(),
    }
    orgs_of: dict[int, set[int]] = defaultdict(set)
    for user_id, org_id in OrganisationMember.objects.filter(user__is_active=True).values_list(
        "user_id", "organisation_id"
    ):
        orgs_of[user_id].add(org_id)
    sources_by_org: dict[int, list[Opportunity]] = defaultdict(list)
    for opportunity in Opportunity.objects.filter(
        status=Opportunity.Status.PUBLISHED,
        owner_id__in={org for orgs in orgs_of.values() for org in orgs},
    ).order_by("pk"):
        if opportunity.is_open and (
            opportunity.pk in changed or other_kind_changed.get(opportunity.kind, True)
        ):
            sources_by_org[opportunity.owner_id].append(opportunity)
    if not sources_by_org:
        return
    with_sources = [u for u, orgs in orgs_of.items() if orgs & sources_by_org.keys()]
    users = list(get_user_model().objects.filter(pk__in=with_sources).order_by("pk"))
    prefs = preferences_of(users)
    thresholds = match_thresholds_of(users)
    for user in users:
        in_app, by_email = prefs[user.pk][Notification.Kind.MATCH]
        if not (in_app or by_email):
            continue
        sources = [s for org in sorted(orgs_of[user.pk]) for s in sources_by_org.get(org, [])]
        told = set(
            MatchAlert.objects.filter(user=user, source__in=sources).values_list(
                "source_id", "target_id"
            )
        )
        own = orgs_of[user.pk]
        found: list[tuple[Opportunity, MatchView]] = []
        for source in sources:
            result = matches_for(opportunity=source, viewer=user, k=PER_OPPORTUNITY)
            if result.error:
                report.skipped_engine_errors += 1
                logger.warning("matching unavailable for %s: %s", source.pk, result.error)
                continue
            for view in result.matches:
                target = view.opportunity
                if (
                    view.score < thresholds[user.pk]
                    or target.owner_id in own
                    or target.status != Opportunity.Status.PUBLISHED
                    or (source.pk not in changed and target.pk not in changed)
                    or (source.pk, target.pk) in told
                ):
                    continue
                told.add((source.pk, target.pk))
                found.append((source, view))
        if not found:
            continue
        found.sort(key=lambda pair: -pair[1].score)
        with transaction.atomic():
            MatchAlert.objects.bulk_create(
                [
                    MatchAlert(user=user, source=source, target=view.opportunity, score=view.score)
                    for source, view in found
                ],
                ignore_conflicts=True,
            )
            _notice(user, found)
        report.users_notified += 1
        report.pairs += len(found)
        report.notified[user.pk] = [(s.pk, v.opportunity.pk) for s, v in found]
