"""CSRF protection on every form and on session-authenticated API writes."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import digibridge

PACKAGE = Path(digibridge.__file__).parent


def test_every_post_form_in_the_templates_has_a_csrf_token():
    forms = 0
    missing = []
    for path in sorted(PACKAGE.glob("**/templates/**/*.html")):
        text = path.read_text()
        for match in re.finditer(r"<form\b[^>]*>", text, flags=re.I):
            if not re.search(r"method=[\"']?post", match.group(), flags=re.I):
                continue
            forms += 1
            end = text.find("</form>", match.end())
            body = text[match.end() : end if end != -1 else None]
            if "{% csrf_token %}" not in body:
                line = text.count("\n", 0, match.start()) + 1
                missing.append(f"{path.relative_to(PACKAGE)}:{line}")
    assert forms > 50
    assert missing == []


def test_htmx_requests_send_the_csrf_token():
    base = (PACKAGE / "common/templates/base.html").read_text()
    assert """hx-headers='{"X-CSRFToken": "{{ csrf_token }}"}'""" in base


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._open = {"method": (attrs.get("method") or "get").lower(), "csrf": False}
            self.forms.append(self._open)
        elif tag == "input" and self._open is not None:
            if attrs.get("name") == "csrfmiddlewaretoken" and attrs.get("value"):
                self._open["csrf"] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def _plain_routes(resolver=None, prefix=""):
    """Every page route without parameters (those with parameters: the template scan above)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(("api/", "admin/")):
                continue
            yield from _plain_routes(entry, route)
        elif isinstance(entry, URLPattern) and "<" not in route and "(?P" not in route:
            yield "/" + route.lstrip("^").rstrip("$")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["operator", "member"])
def test_every_page_a_logged_in_user_opens_has_tokens_in_its_post_forms(client, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    pages = forms = 0
    missing = []
    for path in sorted(set(_plain_routes())):
        if path in ("/accounts/logout/", "/metrics", "/healthz") or "export" in path:
            continue
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            if form["method"] == "post":
                forms += 1
                if not form["csrf"]:
                    missing.append(path)
    print(f"{who}: {pages} pages, {forms} POST forms checked")
    assert pages > 15
    assert forms >= pages  # at least the log-out and language forms on every page
    assert missing == []


@pytest.mark.django_db
def test_posts_without_a_token_are_refused(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    page = client.post("/accounts/profile/", {"action": "profile", "first_name": "Mallory"})
    assert page.status_code == 403
    api = client.post("/api/v1/organisations", {}, content_type="application/json")
    assert api.status_code == 403
    assert "CSRF" in api.json()["detail"]
    member.refresh_from_db()
    assert member.first_name != "Mallory"
