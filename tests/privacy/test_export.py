import json

import pytest
from django.urls import reverse

from digibridge.accounts.models import AuditEntry
from digibridge.accounts.services import api_token_create, audit
from digibridge.privacy import services
from digibridge.privacy.export import personal_data
from digibridge.privacy.models import Purpose
from tests.events.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def _ids(data, label):
    return {row["id"] for row in data["data"].get(label, [])}


def test_export_holds_the_persons_data(scenario):
    member = scenario.member
    services.consents_set(user=member, by=member, choices={Purpose.EMAIL: False})
    audit(actor=None, action="person.update", obj=member.person)
    data = personal_data(user=member)
    assert data["user"] == member.pk and data["people"] == [member.person.pk]
    (account,) = data["data"]["accounts.user"]
    assert account["email"] == "member@example.org"
    assert "password" not in account
    (person,) = data["data"]["directory.person"]
    assert (person["first_name"], person["phone"]) == ("Wei", "+86 10 5555 0101")
    assert _ids(data, "events.registration") == {scenario.mine.pk}
    assert _ids(data, "events.meetingrequest") == {scenario.request.pk}
    assert _ids(data, "events.meeting") == {scenario.meeting.pk}
    assert _ids(data, "outreach.message") == {scenario.my_message.pk}
    assert _ids(data, "outreach.invitation") == {scenario.invitation.pk}
    assert [n["title"] for n in data["data"]["outreach.notification"]] == ["A reply from Lleida"]
    assert [c["purpose"] for c in data["data"]["privacy.consentrecord"]] == ["email"]
    assert _ids(data, "directory.organisationmember")
    actions = {e["action"] for e in data["data"]["accounts.auditentry"]}
    assert "person.update" in actions  # about their directory entry, by someone else
    assert "privacy.consent" in actions


def test_export_holds_nothing_of_anyone_else(scenario):
    stranger = scenario.stranger
    data = personal_data(user=scenario.member)
    text = json.dumps(data, ensure_ascii=False)
    for private in (
        stranger.email,
        "Núria",
        "nuria.puig@example.es",
        "+34 600 111 222",
        "Núria's private reply",
        "Stranger-only notice",
    ):
        assert private not in text
    assert stranger.pk not in _ids(data, "accounts.user")
    assert scenario.theirs.pk not in _ids(data, "events.registration")
    # Their seat of the shared meeting is theirs, the member's own seat is the member's.
    seats = data["data"]["events.meetingseat"]
    assert {s["registration_id"] for s in seats} == {scenario.mine.pk}


def test_export_never_holds_secrets(scenario):
    member = scenario.member
    _token, raw = api_token_create(user=member, name="laptop")
    text = json.dumps(personal_data(user=member))
    assert raw not in text
    assert scenario.mine.feed_token not in text and scenario.mine.checkin_token not in text
    assert member.password not in text
    (token,) = personal_data(user=member)["data"]["accounts.apitoken"]
    assert "key_hash" not in token and token["name"] == "laptop"


def test_rows_made_for_someone_else_are_references_only(scenario, member):
    colleague_registration = RegistrationFactory(
        event=scenario.event, organisation=member.org, created_by=member
    )
    data = personal_data(user=member)
    assert colleague_registration.pk not in _ids(data, "events.registration")
    assert {"model": "events.registration", "id": colleague_registration.pk} in [
        {"model": r["model"], "id": r["id"]} for r in data["references"]
    ]
    assert colleague_registration.person.last_name not in json.dumps(data, ensure_ascii=False)


def test_download_is_a_json_attachment_and_is_audited(client, scenario):
    client.force_login(scenario.member)
    response = client.get(reverse("privacy:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["format"] == "digibridge-personal-data/1"
    assert _ids(data, "outreach.message") == {scenario.my_message.pk}
    assert AuditEntry.objects.filter(action="privacy.export", actor=scenario.member).exists()
    client.logout()
    assert client.get(reverse("privacy:export")).status_code == 302


def test_export_api(client, scenario):
    client.force_login(scenario.member)
    response = client.get("/api/v1/privacy/export")
    assert response.status_code == 200
    assert response.json()["user"] == scenario.member.pk
    client.logout()
    assert client.get("/api/v1/privacy/export").status_code == 401
