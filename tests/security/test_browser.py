"""In a real Chromium: the Content-Security-Policy blocks nothing the pages need, declared
behaviours work without inline script, and a log-in with two-factor authentication."""

import os
import re
import time

import pyotp
import pytest

from digibridge.accounts import two_factor
from digibridge.accounts.models import TwoFactorDevice
from tests.accounts.factories import PASSWORD
from tests.events.factories import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server


def _watch_policy(page) -> list[str]:
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def _enrol(user) -> str:
    device = two_factor.two_factor_start(user=user)
    two_factor.two_factor_confirm(user=user, code=pyotp.TOTP(device.secret).now())
    return device.secret


def test_two_factor_log_in_and_pages_without_policy_violations(page, live_server, operator):
    secret = _enrol(operator)
    refused = _watch_policy(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", operator.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/accounts/login/code/")
    # The enrolment used this step's code; the next step's is still unused.
    page.fill("#id_code", pyotp.TOTP(secret).at(time.time() + 30))
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    event = EventFactory()
    for path in (
        "/",
        f"/events/{event.slug}/manage/dashboard/",
        "/accounts/profile/",
        "/accounts/two-factor/",
        "/reports/",
        "/matching/console/",
        "/directory/",
        "/admin/",
    ):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
    page.goto(f"{live_server.url}/api/v1/docs")  # Swagger UI from ninja's static files
    page.wait_for_selector(".swagger-ui .info")
    assert refused == []


def test_language_menu_submits_itself(page, live_server):
    refused = _watch_policy(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.select_option("select[name=language]", "es")
    page.wait_for_selector("html[lang=es]")
    assert refused == []


def test_confirmation_asked_before_turning_two_factor_off(page, live_server, member):
    _enrol(member)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", member.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/login/code/$"))
    from digibridge.accounts.models import RecoveryCode  # a recovery code logs in too

    RecoveryCode.objects.filter(user=member).delete()
    codes = two_factor._new_recovery_codes(member)
    page.fill("#id_code", codes[0])
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/accounts/two-factor/")
    page.fill("#id_password", PASSWORD)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("button[value=disable]")
    page.wait_for_timeout(300)
    assert TwoFactorDevice.objects.filter(user=member).exists()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[value=disable]")
    page.wait_for_selector("text=Two-factor authentication is off.")
    assert not TwoFactorDevice.objects.filter(user=member).exists()
