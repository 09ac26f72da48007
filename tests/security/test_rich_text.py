"""User-written text never becomes script: escaped everywhere, sanitised where HTML is allowed."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse

import digibridge
from digibridge.common.security import sanitize_html
from tests.directory.factories import NetworkFactory, OrganisationFactory
from tests.events.factories import EventFactory
from tests.marketplace.factories import OpportunityFactory

PACKAGE = Path(digibridge.__file__).parent

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '<a href="javascript:alert(3)">click</a>',
    "<svg/onload=alert(4)>",
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(5))" onclick="alert(6)">hi</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(7)>",
    '"><script>alert(8)</script>',
    '<a href="jav&#x09;ascript:alert(9)">x</a>',
    "<details open ontoggle=alert(10)>",
    "<form action=https://evil.example><button>go</button></form>",
]
DANGER = re.compile(
    r"<script|<iframe|<svg|<img|<style|<form|<math|\son[a-z]+\s*=|javascript:", re.I
)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitize_removes_every_payload(payload):
    assert not DANGER.search(str(sanitize_html(payload)))


def test_sanitize_keeps_formatting_and_safe_links():
    html = str(
        sanitize_html(
            "<p>Hola <strong>Barcelona</strong></p><ul><li>一</li></ul>"
            '<a href="https://example.org/x">link</a>'
        )
    )
    assert "<strong>Barcelona</strong>" in html
    assert "<li>一</li>" in html
    assert 'href="https://example.org/x"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_rich_text_filter_sanitises_in_templates():
    rendered = Template("{% load rich_text %}{{ text|rich_text }}").render(
        Context({"text": '<b>ok</b><img src=x onerror="alert(1)">'})
    )
    assert rendered == "<b>ok</b>"


def test_no_template_marks_user_text_safe():
    """``|safe`` and ``autoescape off`` would let stored text run as script; user HTML goes
    through ``|rich_text`` instead."""
    found = []
    for path in sorted(PACKAGE.glob("**/templates/**/*.html")):
        text = path.read_text()
        for pattern in (r"\|\s*safe\b", r"{%\s*autoescape\s+off", r"\|\s*safeseq\b"):
            for match in re.finditer(pattern, text):
                found.append(
                    f"{path.relative_to(PACKAGE)}:{text.count(chr(10), 0, match.start()) + 1}"
                )
    assert found == []


def test_mark_safe_only_on_markup_the_platform_makes():
    # common/widgets.py writes select markup in Python, escaping every label, value and
    # attribute (tests/directory/test_filter_form_render.py feeds it markup to prove it).
    allowed = {
        "common/security.py",
        "events/views.py",
        "accounts/two_factor.py",
        "common/widgets.py",
    }
    users = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.glob("**/*.py")
        if "mark_safe(" in path.read_text() and "/migrations/" not in str(path)
    }
    assert users <= allowed, users - allowed


@pytest.mark.django_db
def test_stored_payloads_render_escaped_on_pages(client, operator):
    payload = "\n".join(PAYLOADS)
    org = OrganisationFactory(description=payload, name="<script>alert('n')</script> Ltd")
    opportunity = OpportunityFactory(
        owner=org, description=payload, title="<img src=x onerror=alert(1)>"
    )
    event = EventFactory(description=payload)
    network = NetworkFactory(description=payload)
    client.force_login(operator)
    pages = [
        reverse("directory:detail", args=[org.slug]),
        reverse("marketplace:detail", args=[opportunity.pk]),
        reverse("events:detail", args=[event.slug]),
        reverse("directory:network", args=[network.slug]),
        reverse("directory:list"),
        reverse("marketplace:list"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "&lt;script&gt;" in html or "&lt;img" in html, url
        parser = _Elements()
        parser.feed(html)
        assert parser.bad == [], url


class _Elements(HTMLParser):
    """What a browser would run: handler attributes, inline scripts, frames, foreign markup."""

    def __init__(self):
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if any(name.startswith("on") for name in attrs):
            self.bad.append(f"<{tag}> with a handler")
        if tag in ("iframe", "svg", "math", "img"):
            self.bad.append(f"<{tag}>")
        if tag == "script" and not ("src" in attrs or attrs.get("type") == "application/json"):
            self.bad.append("inline <script>")
        if any("javascript:" in (value or "") for value in attrs.values()):
            self.bad.append(f"<{tag}> with a javascript: URL")
