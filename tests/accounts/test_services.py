import pytest

from digibridge.accounts import services
from digibridge.accounts.models import ApiToken, AuditEntry, User
from digibridge.common.errors import DomainError


@pytest.mark.django_db
def test_user_sign_up_creates_enterprise_member_with_email_login():
    user = services.user_sign_up(
        email="Ana.Puig@Example.ORG", password="a-long-passphrase-42", first_name="Ana"
    )
    assert user.email == "ana.puig@example.org"
    assert user.role == User.Role.ENTERPRISE
    assert user.check_password("a-long-passphrase-42")
    assert AuditEntry.objects.filter(action="user.sign_up", actor=user).exists()


@pytest.mark.django_db
def test_user_sign_up_duplicate_email_is_refused_case_insensitively():
    services.user_sign_up(email="ana@example.org", password="a-long-passphrase-42")
    with pytest.raises(DomainError) as exc:
        services.user_sign_up(email="ANA@example.org", password="a-long-passphrase-42")
    assert exc.value.field == "email"


@pytest.mark.django_db
def test_user_sign_up_weak_password_names_the_field():
    with pytest.raises(DomainError) as exc:
        services.user_sign_up(email="weak@example.org", password="123")
    assert exc.value.field == "password"
    assert not User.objects.filter(email="weak@example.org").exists()


@pytest.mark.django_db
def test_user_sign_up_cannot_make_itself_operator():
    with pytest.raises(DomainError):
        services.user_sign_up(
            email="x@example.org", password="a-long-passphrase-42", role=User.Role.OPERATOR
        )


@pytest.mark.django_db
def test_api_token_stores_only_a_hash(member):
    token, raw = services.api_token_create(user=member, name="ERP sync")
    assert raw.startswith("dgb_")
    assert token.key_hash == ApiToken.hash(raw)
    assert raw not in token.key_hash
    assert services.api_token_user(raw) == member
    assert services.api_token_user("dgb_wrong") is None


@pytest.mark.django_db
def test_api_token_of_inactive_user_is_refused(member):
    _token, raw = services.api_token_create(user=member, name="t")
    member.is_active = False
    member.save()
    assert services.api_token_user(raw) is None
