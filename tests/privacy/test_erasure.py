import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

from digibridge.accounts.models import ApiToken, AuditEntry
from digibridge.accounts.services import api_token_create, api_token_user
from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.directory.models import Person
from digibridge.events.models import Meeting, MeetingRequest, Registration
from digibridge.outreach.models import Message, Notification
from digibridge.privacy import consent, services
from digibridge.privacy.models import Anonymisation, Purpose
from digibridge.reports.selectors import dashboard
from tests.accounts.factories import PASSWORD, UserFactory
from tests.directory.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_erasure_anonymises_the_user_and_their_directory_entry(scenario):
    member = scenario.member
    _token, raw = api_token_create(user=member, name="laptop")
    services.user_erase(user=member, by=member, password=PASSWORD)
    member.refresh_from_db()
    assert member.get_full_name() == f"Erased person #{member.pk}"
    assert member.email == f"erased-{member.pk}@erased.invalid"
    assert not member.is_active and not member.has_usable_password()
    assert authenticate(email="member@example.org", password=PASSWORD) is None
    assert api_token_user(raw) is None and not ApiToken.objects.filter(user=member).exists()
    assert not Notification.objects.filter(user=member).exists()
    person = Person.objects.get(pk=scenario.member.person.pk)
    assert person.full_name == f"Erased person #{person.pk}"
    assert (person.email, person.phone, person.title) == ("", "", "")
    scenario.invitation.refresh_from_db()
    assert "wei" not in scenario.invitation.email and scenario.invitation.name == ""
    for purpose in Purpose.values:
        assert not consent.consent_allows(purpose=purpose, user=member)
    assert Anonymisation.objects.filter(user=member, reason="erasure").exists()
    assert AuditEntry.objects.filter(action="privacy.erase", object_id=str(member.pk)).exists()


def test_erasure_keeps_the_other_sides_records_and_every_figure(scenario):
    before = dashboard()
    counts = (
        Registration.objects.count(),
        MeetingRequest.objects.count(),
        Meeting.objects.count(),
        Message.objects.count(),
        Person.objects.count(),
    )
    services.user_erase(user=scenario.member, by=scenario.member, password=PASSWORD)
    assert dashboard() == before
    assert counts == (
        Registration.objects.count(),
        MeetingRequest.objects.count(),
        Meeting.objects.count(),
        Message.objects.count(),
        Person.objects.count(),
    )
    scenario.mine.refresh_from_db()
    assert scenario.mine.person_id == scenario.member.person.pk
    assert scenario.meeting.seats.count() == 2
    scenario.stranger.refresh_from_db()
    assert scenario.stranger.is_active and scenario.stranger.email == "stranger@example.org"
    assert Person.objects.get(pk=scenario.stranger.person.pk).first_name == "Núria"


def test_erasure_needs_the_right_password_and_happens_once(member):
    with pytest.raises(DomainError):
        services.user_erase(user=member, by=member, password="wrong")
    member.refresh_from_db()
    assert member.is_active
    services.user_erase(user=member, by=member, password=PASSWORD)
    operator = UserFactory(role="operator")
    with pytest.raises(DomainError):
        services.user_erase(user=member, by=operator)


def test_only_operators_erase_others_and_operators_not_themselves(member, stranger, operator):
    with pytest.raises(PermissionDeniedError):
        services.user_erase(user=member, by=stranger, password=PASSWORD)
    with pytest.raises(DomainError):
        services.user_erase(user=operator, by=operator, password=PASSWORD)
    with pytest.raises(PermissionDeniedError):
        services.user_erase(user=UserFactory(role="operator"), by=operator)
    services.user_erase(user=member, by=operator)
    member.refresh_from_db()
    assert not member.is_active


def test_operator_erases_a_person_without_account(client, operator, stranger):
    person = PersonFactory(first_name="Jordi", email="jordi@example.es")
    client.force_login(stranger)
    url = reverse("privacy:person_erase", args=[person.pk])
    assert client.post(url, {"confirm": "yes"}).status_code == 404
    client.force_login(operator)
    page = client.get(url)
    assert page.status_code == 200 and "Jordi" in page.content.decode()
    assert client.post(url).status_code == 200  # no confirmation: nothing happens
    person.refresh_from_db()
    assert person.first_name == "Jordi"
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.first_name, person.email) == (f"Erased person #{person.pk}", "")
    assert not consent.consent_allows(purpose=Purpose.LISTED, person=person)


def test_erase_page_confirms_with_the_password_then_logs_out(client, member):
    client.force_login(member)
    url = reverse("privacy:erase")
    assert client.get(url).status_code == 200
    response = client.post(url, {"password": "wrong", "understood": "on"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    response = client.post(url, {"password": PASSWORD})  # the box not ticked
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.is_active
    response = client.post(url, {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.is_active
    assert client.get(reverse("privacy:my_data")).status_code == 302  # logged out


def test_operators_find_the_erasure_on_the_organisation_page(client, operator, member):
    person = PersonFactory(organisation=member.org)
    url = reverse("directory:detail", args=[member.org.slug])
    erase = reverse("privacy:person_erase", args=[person.pk])
    client.force_login(member)
    assert erase not in client.get(url).content.decode()
    client.force_login(operator)
    assert erase in client.get(url).content.decode()
