import pytest
from django.core import mail
from django.urls import reverse

from digibridge.accounts.models import User
from tests.accounts.factories import PASSWORD


@pytest.mark.django_db
def test_signup_page_creates_account_and_logs_in(client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "jordi@example.org",
            "first_name": "Jordi",
            "last_name": "Roca",
            "password": "a-long-passphrase-42",
            "role": "enterprise",
            "language": "ca",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:create")
    user = User.objects.get(email="jordi@example.org")
    assert user.language == "ca"
    assert client.get(reverse("accounts:profile")).status_code == 200


@pytest.mark.django_db
def test_signup_page_shows_field_error_for_duplicate(client, member):
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": member.email,
            "first_name": "A",
            "last_name": "B",
            "password": "a-long-passphrase-42",
            "role": "enterprise",
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert "exists already" in response.content.decode()


@pytest.mark.django_db
def test_login_with_email_and_logout(client, member):
    response = client.post(
        reverse("accounts:login"), {"username": member.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:profile")).status_code == 302


@pytest.mark.django_db
def test_password_reset_sends_mail_with_link(client, member):
    response = client.post(reverse("accounts:password_reset"), {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


@pytest.mark.django_db
def test_profile_saves_language_and_time_zone_and_creates_token(client, member):
    client.force_login(member)
    response = client.post(
        reverse("accounts:profile"),
        {
            "action": "profile",
            "first_name": "Hui",
            "last_name": "Wu",
            "language": "zh-hans",
            "time_zone": "Asia/Shanghai",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.language, member.time_zone) == ("zh-hans", "Asia/Shanghai")
    response = client.post(reverse("accounts:profile"), {"action": "token", "name": "erp"})
    assert "dgb_" in response.content.decode()
