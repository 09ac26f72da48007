"""Log-in throttling: accounts and client addresses locked after repeated failures."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from digibridge.accounts.models import AuditEntry, LoginThrottle
from digibridge.accounts.throttle import account_key
from tests.accounts.factories import PASSWORD, UserFactory

LOCKED = "Too many failed log-in attempts"
WRONG = "Please enter a correct"


def _login(client, email, password, ip="10.0.0.1"):
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=ip,
    )


@pytest.mark.django_db
def test_account_locks_after_five_failures_even_with_the_right_password(client, member):
    for _ in range(4):
        response = _login(client, member.email, "wrong-password-123")
        assert WRONG in response.content.decode()
    fifth = _login(client, member.email, "wrong-password-123")
    assert LOCKED in fifth.content.decode()
    response = _login(client, member.email, PASSWORD)
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="login.lock", object_id=str(member.pk)).count() == 1


@pytest.mark.django_db
def test_unknown_address_locks_exactly_like_a_real_one(client, member):
    answers = {}
    for email in (member.email, "nobody-here@example.org"):
        pages = [_login(client, email, "wrong-password-123").content.decode() for _ in range(6)]
        answers[email] = [(WRONG in page, LOCKED in page) for page in pages]
    assert answers[member.email] == answers["nobody-here@example.org"]
    assert answers[member.email][-1] == (False, True)


@pytest.mark.django_db
def test_lock_ends_after_the_lockout_and_a_success_resets_the_count(client, member):
    for _ in range(5):
        _login(client, member.email, "wrong-password-123")
    row = LoginThrottle.objects.get(key=account_key(member.email))
    row.locked_until = timezone.now() - timedelta(seconds=1)
    row.save()
    assert _login(client, member.email, PASSWORD).status_code == 302
    assert not LoginThrottle.objects.filter(key=account_key(member.email)).exists()
    client.logout()
    for _ in range(4):  # a fresh count: four more failures do not lock
        _login(client, member.email, "wrong-password-123")
    assert _login(client, member.email, PASSWORD).status_code == 302


@pytest.mark.django_db
@override_settings(DIGIBRIDGE_LOGIN_MAX_FAILURES_PER_IP=8)
def test_client_address_locks_across_accounts(client):
    users = [UserFactory() for _ in range(4)]
    for user in users:
        _login(client, user.email, "wrong-password-123", ip="192.0.2.7")
        _login(client, user.email, "wrong-password-123", ip="192.0.2.7")
    blocked = _login(client, UserFactory().email, PASSWORD, ip="192.0.2.7")
    assert LOCKED in blocked.content.decode()
    other_address = _login(client, users[0].email, PASSWORD, ip="192.0.2.8")
    assert other_address.status_code == 302
    assert AuditEntry.objects.filter(action="login.lock", detail__scope="address").exists()


@pytest.mark.django_db
def test_admin_log_in_form_is_throttled_too(client, operator):
    for _ in range(5):
        client.post(
            reverse("admin:login"), {"username": operator.email, "password": "wrong-password-123"}
        )
    client.post(reverse("admin:login"), {"username": operator.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@override_settings(DIGIBRIDGE_TRUSTED_PROXIES=1)
def test_behind_a_proxy_the_forwarded_address_counts(client, member):
    for n in range(5):
        client.post(
            reverse("accounts:login"),
            {"username": f"guess{n}@example.org", "password": "x"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    assert LoginThrottle.objects.get(key="ip:203.0.113.5").failures == 5
    assert not LoginThrottle.objects.filter(key="ip:10.0.0.1").exists()


@pytest.mark.django_db
@override_settings(DIGIBRIDGE_LOGIN_MAX_FAILURES_PER_IP=3)
def test_api_token_guessing_locks_the_address(client, member):
    from digibridge.accounts.services import api_token_create

    _token, raw = api_token_create(user=member, name="script")
    url = "/api/v1/opportunities"
    for _ in range(2):
        response = client.get(
            url, HTTP_AUTHORIZATION="Bearer dgb_guess", REMOTE_ADDR="198.51.100.9"
        )
        assert response.status_code in (200, 401)
    response = client.post(
        "/api/v1/organisations",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer dgb_guess",
        REMOTE_ADDR="198.51.100.9",
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many failed" in response.json()["detail"]
    # A valid token still works: the lock is against guessing, not against its owner.
    ok = client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}", REMOTE_ADDR="198.51.100.9")
    assert ok.status_code == 200


@pytest.mark.django_db
def test_counts_past_their_window_are_dropped(client):
    now = timezone.now()
    LoginThrottle.objects.create(key="ip:old", failures=3, first_failure_at=now - timedelta(days=1))
    LoginThrottle.objects.create(
        key="ip:locked",
        failures=50,
        first_failure_at=now - timedelta(days=1),
        locked_until=now + timedelta(minutes=5),
    )
    _login(client, "someone@example.org", "wrong-password-123", ip="192.0.2.99")
    keys = set(LoginThrottle.objects.values_list("key", flat=True))
    assert "ip:old" not in keys
    assert {"ip:locked", "ip:192.0.2.99", account_key("someone@example.org")} <= keys


@pytest.mark.django_db(transaction=True)
def test_parallel_failures_are_all_counted_and_lock_once():
    """Several app servers failing at once for the same account: no count is lost, the lock is
    set (and audited) exactly once."""
    import threading

    from django.db import connection, connections

    from digibridge.accounts.throttle import login_failure_record

    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need PostgreSQL (SQLite serialises them anyway)")
    workers = 12
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []

    def fail():
        try:
            barrier.wait()
            login_failure_record(email="target@example.org", ip="")
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    with override_settings(DIGIBRIDGE_LOGIN_MAX_FAILURES=100):
        threads = [threading.Thread(target=fail) for _ in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert LoginThrottle.objects.get(key=account_key("target@example.org")).failures == workers

    barrier = threading.Barrier(workers)
    LoginThrottle.objects.all().delete()
    with override_settings(DIGIBRIDGE_LOGIN_MAX_FAILURES=5):
        threads = [threading.Thread(target=fail) for _ in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert AuditEntry.objects.filter(action="login.lock").count() == 1


@pytest.mark.django_db
def test_password_reset_mails_are_limited_per_address(client, member, stranger):
    from django.core import mail

    for _ in range(5):
        response = client.post(reverse("accounts:password_reset"), {"email": member.email})
        assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 3
    client.post(reverse("accounts:password_reset"), {"email": stranger.email})
    assert len(mail.outbox) == 4
    assert mail.outbox[-1].to == [stranger.email]
