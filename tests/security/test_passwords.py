"""Strong passwords on sign-up, password change and reset, with messages in the user's language."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.accounts.factories import PASSWORD

WEAK = {
    "short": ("Xq7-vb2", "too short"),
    "common": ("password1234", "too common"),
    "numeric": ("834729104562", "entirely numeric"),
    "similar": ("jordi.roca@example.org", "too similar"),
}


def _sign_up(client, password, **headers):
    return client.post(
        reverse("accounts:signup"),
        {
            "email": "jordi.roca@example.org",
            "first_name": "Jordi",
            "last_name": "Roca",
            "password": password,
            "role": "enterprise",
            "language": "ca",
        },
        **headers,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(WEAK))
def test_sign_up_refuses_weak_passwords(client, case):
    password, message = WEAK[case]
    response = _sign_up(client, password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_up_accepts_a_long_passphrase(client):
    assert _sign_up(client, "quiet-harbour-lantern-42").status_code == 302


@pytest.mark.django_db
def test_sign_up_message_is_in_the_users_language(client):
    response = _sign_up(client, "Xq7-vb2", HTTP_ACCEPT_LANGUAGE="es")
    assert "demasiado corta" in response.content.decode()


@pytest.mark.django_db
def test_password_change_refuses_weak_and_keeps_the_session(client, member):
    client.force_login(member)
    url = reverse("accounts:password_change")
    weak = client.post(
        url, {"old_password": PASSWORD, "new_password1": "abc12345", "new_password2": "abc12345"}
    )
    assert "too short" in weak.content.decode()
    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "quiet-harbour-lantern-42",
            "new_password2": "quiet-harbour-lantern-42",
        },
    )
    assert response["Location"] == reverse("accounts:profile")
    member.refresh_from_db()
    assert member.check_password("quiet-harbour-lantern-42")
    assert client.get(reverse("accounts:profile")).status_code == 200


@pytest.mark.django_db
def test_password_reset_refuses_weak(client, member):
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    token = default_token_generator.make_token(member)
    first = client.get(reverse("accounts:password_reset_confirm", args=[uid, token]))
    form_url = first["Location"]  # Django swaps the token for a session-held one
    weak = client.post(form_url, {"new_password1": "123456789012", "new_password2": "123456789012"})
    assert "entirely numeric" in weak.content.decode()
    done = client.post(
        form_url,
        {"new_password1": "quiet-harbour-lantern-42", "new_password2": "quiet-harbour-lantern-42"},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
