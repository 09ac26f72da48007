"""Security headers on real responses; production settings from the environment."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

import digibridge
from tests.events.factories import EventFactory

TEMPLATES = Path(digibridge.__file__).parent
# Mail bodies are read in mail clients, not served under the site's policy; 500.html is
# rendered without a request (no nonce) and only loses its look under the policy.
NOT_PAGES = ("/email/", "500.html")


def _csp(response) -> dict[str, str]:
    directives = [
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    ]
    return {name: (value[0] if value else "") for name, *value in directives}


@pytest.mark.django_db
def test_pages_carry_the_policy_and_the_usual_headers(client):
    response = client.get(reverse("accounts:login"))
    csp = _csp(response)
    assert csp["default-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "Strict-Transport-Security" not in response  # plain HTTP: the embedded default


@pytest.mark.django_db
def test_api_responses_carry_the_policy_too(client):
    response = client.get("/api/v1/sectors")
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_inline_script_runs_only_with_the_responses_nonce(client, operator):
    event = EventFactory()
    client.force_login(operator)
    response = client.get(reverse("events:dashboard", args=[event.slug]))
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline, "the dashboard has its chart script"
    for attributes in inline:
        if 'type="application/json"' in attributes:
            continue  # data for scripts, not run
        assert f'nonce="{nonce}"' in attributes
    second = client.get(reverse("events:dashboard", args=[event.slug]))
    assert nonce not in second["Content-Security-Policy"]  # a new nonce per response


def test_no_template_needs_inline_script_or_handlers():
    """What the policy would block: inline event handlers, javascript: URLs, inline scripts and
    style attributes or elements without the nonce. Pages declare behaviours in data attributes
    (data-confirm, data-print, data-autosubmit) handled by static/digibridge/behaviours.js."""
    problems = []
    for path in sorted(TEMPLATES.glob("**/templates/**/*.html")):
        name = str(path.relative_to(TEMPLATES))
        if any(part in name for part in NOT_PAGES):
            continue
        # Template tags out (``{% blocktranslate with one=... %}`` is no handler), lines kept.
        text = re.sub(
            r"{%.*?%}", lambda m: "\n" * m.group().count("\n"), path.read_text(), flags=re.S
        )
        for pattern, what in [
            (r"<[^>]*\son[a-z]+\s*=", "inline event handler"),
            (r"javascript:", "javascript: URL"),
            (r"<[^>]*\sstyle\s*=", "style attribute"),
            (r"<style(?![^>]*nonce=)", "style element without nonce"),
            (r"<script(?![^>]*(\bsrc=|nonce=|application/json))", "inline script without nonce"),
        ]:
            for match in re.finditer(pattern, text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{name}:{line}: {what}")
    assert problems == []


def test_confirmation_questions_are_plain_attributes():
    """``data-confirm`` is read as text by behaviours.js: autoescaping is all it needs, and
    ``escapejs`` would show ``\\u0027`` for every apostrophe (Catalan has many)."""
    found = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.glob("**/templates/**/*.html")
        if re.search(r'data-confirm="{%\s*filter\s+escapejs', path.read_text())
    ]
    assert found == []


def _production_responses(env: dict, *requests: dict, path: str = "/accounts/login/") -> list:
    """Start Django in a fresh process with ``env`` and make real requests (extra keywords of
    the test client's ``get``: ``secure``, headers); one process per environment."""
    script = f"""
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
answers = []
for extra in {list(requests)!r}:
    response = Client().get({path!r}, **extra)
    cookies = {{k: {{"secure": bool(v["secure"])}} for k, v in response.cookies.items()}}
    answers.append({{"status": response.status_code, "headers": dict(response.headers),
                    "cookies": cookies, "session_secure": settings.SESSION_COOKIE_SECURE,
                    "csrf_secure": settings.CSRF_COOKIE_SECURE}})
print(json.dumps(answers))
"""
    full_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DIGIBRIDGE_")},
        # the production settings, with static files served unbuilt as in the other tests
        "DJANGO_SETTINGS_MODULE": "digibridge.config.test_settings",
        "DIGIBRIDGE_SECRET_KEY": "test-only-key-" + "x" * 40,
        "DIGIBRIDGE_CACHE_URL": "dummy://",
        **env,
    }
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], env=full_env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_https_deployment_redirects_and_sends_hsts_and_secure_cookies(tmp_path):
    env = {"DIGIBRIDGE_HTTPS": "on", "DIGIBRIDGE_VAR_DIR": str(tmp_path)}
    forwarded = {"HTTP_X_FORWARDED_PROTO": "https"}
    plain, secure, spoofed = _production_responses(env, {}, {"secure": True}, forwarded)
    assert plain["status"] == 301
    assert plain["headers"]["Location"].startswith("https://")
    assert secure["status"] == 200
    assert secure["headers"]["Strict-Transport-Security"] == "max-age=31536000"
    assert secure["cookies"]["csrftoken"]["secure"] is True
    assert secure["session_secure"] and secure["csrf_secure"]
    assert "default-src 'self'" in secure["headers"]["Content-Security-Policy"]
    # Without DIGIBRIDGE_BEHIND_PROXY a client cannot claim HTTPS with a header.
    assert spoofed["status"] == 301


def test_behind_a_proxy_the_forwarded_scheme_counts(tmp_path):
    env = {
        "DIGIBRIDGE_HTTPS": "on",
        "DIGIBRIDGE_BEHIND_PROXY": "on",
        "DIGIBRIDGE_HSTS_SECONDS": "600",
        "DIGIBRIDGE_HSTS_INCLUDE_SUBDOMAINS": "on",
        "DIGIBRIDGE_VAR_DIR": str(tmp_path),
    }
    (trusted,) = _production_responses(env, {"HTTP_X_FORWARDED_PROTO": "https"})
    assert trusted["status"] == 200
    assert trusted["headers"]["Strict-Transport-Security"] == "max-age=600; includeSubDomains"


def test_plain_http_default_and_debug_keep_https_settings_off(tmp_path):
    (plain,) = _production_responses({"DIGIBRIDGE_VAR_DIR": str(tmp_path)}, {})
    assert plain["status"] == 200
    assert "Strict-Transport-Security" not in plain["headers"]
    assert plain["cookies"]["csrftoken"]["secure"] is False
    assert "Content-Security-Policy" in plain["headers"]
    debug_env = {
        "DIGIBRIDGE_HTTPS": "on",
        "DIGIBRIDGE_DEBUG": "on",
        "DIGIBRIDGE_VAR_DIR": str(tmp_path),
    }
    (debug,) = _production_responses(debug_env, {})
    assert debug["status"] == 200
    assert not debug["session_secure"]
