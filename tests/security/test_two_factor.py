"""Two-factor authentication with real TOTP codes computed by pyotp."""

import re
import time

import pyotp
import pytest
from django.test import override_settings
from django.urls import reverse

from digibridge.accounts import two_factor
from digibridge.accounts.models import AuditEntry, RecoveryCode, TwoFactorDevice
from digibridge.common.errors import DomainError
from tests.accounts.factories import PASSWORD


def _code(secret, offset=0):
    return pyotp.TOTP(secret).at(time.time() + offset)


def _enrol(client, user) -> tuple[str, list[str]]:
    """Turn 2FA on through the page, as the user would; returns the secret and codes."""
    client.force_login(user)
    page = client.post(reverse("accounts:two_factor"), {"action": "start"})
    html = page.content.decode()
    assert "<svg" in html  # the QR code
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', html).group(1)
    assert TwoFactorDevice.objects.get(user=user).secret == secret
    page = client.post(reverse("accounts:two_factor"), {"action": "confirm", "code": _code(secret)})
    codes = re.findall(r"<li><code>([0-9a-f]{5}-[0-9a-f]{5})</code></li>", page.content.decode())
    assert len(codes) == 10
    client.logout()
    return secret, codes


@pytest.mark.django_db
def test_enrol_confirms_with_a_real_code_and_stores_only_hashes(client, operator):
    secret, codes = _enrol(client, operator)
    device = TwoFactorDevice.objects.get(user=operator)
    assert device.confirmed_at is not None
    stored = set(RecoveryCode.objects.filter(user=operator).values_list("code_hash", flat=True))
    assert len(stored) == 10
    assert not stored & set(codes)
    assert AuditEntry.objects.filter(action="two_factor.enable", actor=operator).exists()


@pytest.mark.django_db
def test_enrol_refuses_a_wrong_first_code(client, operator):
    client.force_login(operator)
    client.post(reverse("accounts:two_factor"), {"action": "start"})
    page = client.post(reverse("accounts:two_factor"), {"action": "confirm", "code": "000000"})
    assert "That code is not right" in page.content.decode()
    assert TwoFactorDevice.objects.get(user=operator).confirmed_at is None


@pytest.mark.django_db
def test_log_in_asks_for_the_code_after_the_password(client, operator):
    secret, _codes = _enrol(client, operator)
    response = client.post(
        reverse("accounts:login") + "?next=/reports/",
        {"username": operator.email, "password": PASSWORD, "next": "/reports/"},
    )
    assert response["Location"] == reverse("accounts:login_code")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 302  # not logged in yet
    wrong = client.post(reverse("accounts:login_code"), {"code": "123456"})
    assert "That code is not right" in wrong.content.decode()
    # The enrolment used the current step's code: the next step's is the one still unused.
    response = client.post(reverse("accounts:login_code"), {"code": _code(secret, offset=30)})
    assert response.status_code == 302
    assert response["Location"] == "/reports/"
    assert client.session["_auth_user_id"] == str(operator.pk)
    assert client.get(reverse("accounts:profile")).status_code == 200


@pytest.mark.django_db
def test_a_code_is_accepted_once_only(client, operator):
    secret, _codes = _enrol(client, operator)
    code = _code(secret, offset=30)  # the next step: not used at enrolment
    two_factor.two_factor_verify(user=operator, code=code)
    with pytest.raises(DomainError):
        two_factor.two_factor_verify(user=operator, code=code)


@pytest.mark.django_db
def test_recovery_code_logs_in_once(client, operator):
    _secret, codes = _enrol(client, operator)
    for attempt in range(2):
        client.post(reverse("accounts:login"), {"username": operator.email, "password": PASSWORD})
        response = client.post(reverse("accounts:login_code"), {"code": codes[0].upper()})
        if attempt == 0:
            assert response.status_code == 302
            assert client.session["_auth_user_id"] == str(operator.pk)
            client.logout()
        else:
            assert "That code is not right" in response.content.decode()
            assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wrong_codes_lock_the_account_and_a_new_password_does_not_reset(client, operator):
    secret, _codes = _enrol(client, operator)
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": operator.email, "password": PASSWORD})
        page = client.post(reverse("accounts:login_code"), {"code": "999999"})
    assert "Too many failed log-in attempts" in page.content.decode()
    client.post(reverse("accounts:login"), {"username": operator.email, "password": PASSWORD})
    page = client.post(reverse("accounts:login_code"), {"code": _code(secret)})
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_only_log_in_elsewhere_leaves_the_session_pending(client, operator):
    """The admin's log-in form asks only for the password: the session must still give a code."""
    secret, _codes = _enrol(client, operator)
    client.post(reverse("admin:login"), {"username": operator.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(operator.pk)
    response = client.get(reverse("admin:index"))
    assert response["Location"] == reverse("accounts:login_code")
    api = client.get("/api/v1/opportunities")
    assert api.status_code == 403
    client.post(reverse("accounts:login_code"), {"code": _code(secret, offset=30)})
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_disable_needs_the_password(client, member):
    _enrol(client, member)
    client.force_login(member)  # a password-only log-in: pending until the code, as if given
    session = client.session
    session["two_factor"] = "ok"
    session.save()
    page = client.post(
        reverse("accounts:two_factor"), {"action": "disable", "password": "not-my-password-1"}
    )
    assert "Your password is not right" in page.content.decode()
    assert TwoFactorDevice.objects.filter(user=member).exists()
    client.post(reverse("accounts:two_factor"), {"action": "disable", "password": PASSWORD})
    assert not TwoFactorDevice.objects.filter(user=member).exists()
    assert not RecoveryCode.objects.filter(user=member).exists()
    assert AuditEntry.objects.filter(action="two_factor.disable", actor=member).exists()


@pytest.mark.django_db
@override_settings(DIGIBRIDGE_OPERATOR_2FA_REQUIRED=True)
def test_mandatory_for_operators_sends_them_to_enrol_first(client, operator, member):
    client.force_login(member)
    assert client.get(reverse("accounts:profile")).status_code == 200  # members are free
    client.force_login(operator)
    response = client.get(reverse("reports:dashboard"))
    assert response["Location"] == reverse("accounts:two_factor")
    assert client.get(reverse("accounts:two_factor")).status_code == 200
    page = client.post(reverse("accounts:two_factor"), {"action": "start"})
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.content.decode()).group(1)
    client.post(reverse("accounts:two_factor"), {"action": "confirm", "code": _code(secret)})
    assert client.get(reverse("reports:dashboard")).status_code == 200
    page = client.post(reverse("accounts:two_factor"), {"action": "disable", "password": PASSWORD})
    assert "Operators must keep two-factor authentication on" in page.content.decode()


@pytest.mark.django_db
def test_guessing_the_password_on_the_settings_page_is_throttled(client, member):
    _enrol(client, member)
    client.force_login(member)
    session = client.session
    session["two_factor"] = "ok"
    session.save()
    for _ in range(5):
        page = client.post(
            reverse("accounts:two_factor"), {"action": "disable", "password": "guess-guess-1"}
        )
    assert "Too many failed log-in attempts" in page.content.decode()
    page = client.post(reverse("accounts:two_factor"), {"action": "disable", "password": PASSWORD})
    assert "Too many failed log-in attempts" in page.content.decode()
    assert TwoFactorDevice.objects.filter(user=member).exists()
