"""A breadth-first crawler over the Django test client, for the demo crawl (test_crawl.py).

It follows same-origin GET links (``<a href>``) and redirects from a start page, never the
links that log out or change something, and records for each page what a person would notice:
a server error, a Django debug page, a page in the wrong language, template syntax or unfilled
placeholders left in the visible text, a link to a page that does not exist.
"""

from __future__ import annotations

import re
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from django.test import Client
from django.urls import Resolver404, resolve

# Paths never fetched: they log out, change state on GET by design (a feed token reset would be
# POST, but an unsubscribe link or a file download is not a page), or are Django's own admin.
SKIP_PATH = re.compile(
    r"(^/accounts/logout)|(^/admin/)|(^/static/)|(^/media/)|(^/i18n/)|(^/metrics)"
    r"|(/unsubscribe)|(^/api/)"
)
# At most this many distinct query strings per path, and this many pages of one view (one
# kind of page: an organisation, an opportunity): hundreds of organisations would otherwise
# fill the crawl before it reaches the other kinds of pages.
QUERY_VARIANTS_PER_PATH = 3
PAGES_PER_VIEW = 8

DEBUG_MARKERS = (
    "You're seeing this error because you have",
    "Traceback (most recent call last)",
    'id="traceback"',
    "Exception Value:",
)
# Template syntax or Python/JS placeholders that a translated string failed to fill.
LEFTOVER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|%\(\w+\)[sd]|(?<![\w%])%[sd](?!\w)|\{\w+\}")
INVISIBLE = re.compile(
    r"<(script|style|template|textarea|pre|code)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE
)
TAG = re.compile(r"<[^>]+>")
HTML_LANG = re.compile(r'<html[^>]*\blang="([^"]*)"', re.IGNORECASE)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        attributes = dict(attrs)
        href = attributes.get("href")
        # A link that asks for confirmation or downloads something is not a page to visit.
        if href and "data-confirm" not in attributes:
            self.hrefs.append(href)


@dataclass
class Page:
    url: str
    status: int
    url_name: str = ""
    content_type: str = ""
    referrer: str = ""
    seconds: float = 0.0


@dataclass
class Crawl:
    pages: list[Page] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def url_names(self) -> set[str]:
        return {p.url_name for p in self.pages if p.status == 200}

    def slowest(self, n: int = 5) -> list[Page]:
        return sorted(self.pages, key=lambda p: p.seconds, reverse=True)[:n]


def _url_name(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    return match.view_name


def _normalise(url: str, base: str) -> str | None:
    absolute = urljoin(base, url)
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "") or parts.netloc not in ("testserver", ""):
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return urlunsplit(("", "", parts.path or "/", query, ""))


def visible_text(html: str) -> str:
    return TAG.sub(" ", INVISIBLE.sub(" ", html))


def crawl(client: Client, *, start: str = "/", language: str, limit: int = 400) -> Crawl:
    result = Crawl()
    queue: deque[tuple[str, str]] = deque([(start, "")])
    seen: set[str] = {start}
    variants: dict[str, int] = {}
    per_view: dict[str, int] = {}
    while queue and len(result.pages) < limit:
        url, referrer = queue.popleft()
        path = urlsplit(url).path
        started = time.perf_counter()
        try:
            response = client.get(url)
        except Exception:  # the test client re-raises what the view raised: a 500
            result.pages.append(Page(url, 500, _url_name(path), referrer=referrer))
            result.problems.append(
                f"500 at {url} (linked from {referrer or 'start'}):\n"
                + "".join(traceback.format_exc(limit=-6))
            )
            continue
        content_type = response.get("Content-Type", "")
        page = Page(url, response.status_code, _url_name(path), content_type, referrer)
        page.seconds = time.perf_counter() - started
        result.pages.append(page)
        if response.status_code >= 500:
            result.problems.append(f"{response.status_code} at {url} (from {referrer})")
            continue
        if response.status_code == 404:
            result.problems.append(f"404 at {url} (linked from {referrer or 'start'})")
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            links = [response["Location"]]
        elif response.status_code != 200 or "text/html" not in content_type:
            continue
        else:
            html = response.content.decode(response.charset or "utf-8")
            _check_page(result, url, html, language)
            parser = _Links()
            parser.feed(html)
            links = parser.hrefs
        for href in links:
            if href.startswith(("mailto:", "tel:", "javascript:", "#", "data:")):
                continue
            target = _normalise(href, "http://testserver" + url)
            if target is None or target in seen:
                continue
            target_path = urlsplit(target).path
            if SKIP_PATH.search(target_path):
                continue
            if "?" in target:
                if variants.get(target_path, 0) >= QUERY_VARIANTS_PER_PATH:
                    continue
                variants[target_path] = variants.get(target_path, 0) + 1
            view = _url_name(target_path)
            if per_view.get(view, 0) >= PAGES_PER_VIEW:
                continue
            per_view[view] = per_view.get(view, 0) + 1
            seen.add(target)
            queue.append((target, url))
    return result


def _check_page(result: Crawl, url: str, html: str, language: str) -> None:
    for marker in DEBUG_MARKERS:
        if marker in html:
            result.problems.append(f"debug page at {url}: {marker!r}")
            return
    lang = HTML_LANG.search(html)
    if lang is None and "<html" not in html.lower():
        pass  # a fragment for a part of a page, not a page
    elif lang is None or lang.group(1).lower() != language.lower():
        found = lang.group(1) if lang else "none"
        result.problems.append(f'{url} is in language "{found}", not "{language}"')
    for leftover in sorted(set(LEFTOVER.findall(visible_text(html))))[:5]:
        result.problems.append(f"{url} shows template or placeholder text {leftover!r}")
