"""Reasons of a match in words a business person understands, in the reader's language."""

from __future__ import annotations

import threading
import time

from django.core.signals import request_started
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from digibridge.directory.models import Sector

from . import engine


def _country(code: str | None) -> str:
    return str(countries.name(code.upper())) if code else "—"


_SECTORS_MAX_AGE_S = 60.0
_sectors = threading.local()


def forget_sectors(**kwargs) -> None:
    """``request_started`` receiver: each request reads the sector labels afresh (once)."""
    _sectors.by_slug = None


def _sector_map(*, reload: bool = False) -> dict[str, Sector]:
    """All sectors by slug, read in one query per request (a page of matches names dozens)."""
    now = time.monotonic()
    by_slug = getattr(_sectors, "by_slug", None)
    if reload or by_slug is None or now - _sectors.loaded_at > _SECTORS_MAX_AGE_S:
        by_slug = _sectors.by_slug = {s.slug: s for s in Sector.objects.all()}
        _sectors.loaded_at = now
    return by_slug


def _sector(slug: str) -> str:
    sector = _sector_map().get(slug)
    if sector is None and slug:
        sector = _sector_map(reload=True).get(slug)  # added since this request read them
    return sector.label if sector else slug


def reason_text(reason: engine.Reason) -> str:
    p = reason.params
    language = (get_language() or "en").lower()
    if reason.code == "shared_concept":
        labels = p.get("labels", {})
        label = labels.get(language) or labels.get("en") or p.get("concept", "")
        terms = " / ".join(
            dict.fromkeys([*p.get("query_terms", [])[:1], *p.get("candidate_terms", [])[:1]])
        )
        return _("Both are about %(concept)s (%(terms)s)") % {"concept": label, "terms": terms}
    if reason.code == "shared_sector":
        if p.get("relation") == "same":
            return _("Same sector: %(sector)s") % {"sector": _sector(p.get("sector", ""))}
        return _("Related sectors: %(a)s and %(b)s") % {
            "a": _sector(p.get("sector", "")),
            "b": _sector(p.get("other", "")),
        }
    if reason.code == "market_fit":
        return _("The offer targets %(country)s, where the request comes from") % {
            "country": _country(p.get("country"))
        }
    if reason.code == "cross_border":
        a, b = (p.get("countries") or [None, None])[:2]
        return _("Cross-border pair: %(a)s ↔ %(b)s") % {"a": _country(a), "b": _country(b)}
    if reason.code == "semantic_similarity":
        level = p.get("level")
        if level == "high":
            return _("The descriptions say very much the same thing")
        if level == "medium":
            return _("The descriptions are close in meaning")
        return _("The descriptions are loosely related")
    if reason.code == "category_fit":
        return _("Compatible categories")
    if reason.code == "keyword_overlap":
        return _("Shared terms: %(terms)s") % {"terms": ", ".join(p.get("terms", [])[:5])}
    return reason.code


# What a reader looks for first: the shared subject, then the sector and the market.
REASON_ORDER = (
    "shared_concept",
    "shared_sector",
    "market_fit",
    "semantic_similarity",
    "cross_border",
    "category_fit",
    "keyword_overlap",
)


def reasons_text(reasons) -> list[str]:
    """Reasons as sentences: the shared subjects first (at most two), then the rest."""
    rank = {code: i for i, code in enumerate(REASON_ORDER)}
    ordered = sorted(reasons, key=lambda r: (rank.get(r.code, len(rank)), -r.weight))
    concepts = [r for r in ordered if r.code == "shared_concept"][:2]
    rest = [r for r in ordered if r.code != "shared_concept"]
    return [reason_text(r) for r in (*concepts, *rest)]


request_started.connect(forget_sectors, dispatch_uid="digibridge-matching-sectors")
