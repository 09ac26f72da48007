import pytest
from django.urls import reverse

from digibridge.privacy import consent
from digibridge.privacy.models import ConsentRecord, Purpose

pytestmark = pytest.mark.django_db


def test_privacy_page_shows_and_changes_consent(client, member):
    client.force_login(member)
    url = reverse("privacy:my_data")
    page = client.get(url)
    assert page.status_code == 200
    assert "default applies" in page.content.decode()
    response = client.post(url, {"listed": "on", "share_contacts": "on"})  # e-mail unticked
    assert response.status_code == 302
    assert not consent.consent_allows(purpose=Purpose.EMAIL, user=member)
    # The first save records every decision: from now on they are explicit, not defaults.
    records = ConsentRecord.objects.filter(user=member)
    assert {(r.purpose, r.granted) for r in records} == {
        ("listed", True),
        ("share_contacts", True),
        ("email", False),
    }
    record = records.get(purpose="email")
    assert record.source == "privacy_page"
    page = client.get(url).content.decode()
    assert "Withdrawn" in page and record.text_version in page
    client.post(url, {"listed": "on", "share_contacts": "on"})
    assert ConsentRecord.objects.filter(user=member).count() == 3  # nothing changed


def test_privacy_page_needs_a_login(client):
    assert client.get(reverse("privacy:my_data")).status_code == 302


def test_processing_record_names_the_data_location(client, operator, settings):
    settings.DIGIBRIDGE_DATA_LOCATION = "China (Beijing)"
    client.force_login(operator)
    page = client.get(reverse("privacy:processing")).content.decode()
    assert "China (Beijing)" in page
    assert "730 days after the event ends" in page
    settings.DIGIBRIDGE_DATA_LOCATION = ""
    assert "Not configured" in client.get(reverse("privacy:processing")).content.decode()


def test_processing_record_is_translated(client, operator):
    client.force_login(operator)
    client.cookies["django_language"] = "es"
    page = client.get(reverse("privacy:processing"), HTTP_ACCEPT_LANGUAGE="es")
    assert page.status_code == 200
    assert page.context["LANGUAGE_CODE"] == "es"


def test_consent_api(client, member):
    client.force_login(member)
    listed = {c["purpose"]: c for c in client.get("/api/v1/privacy/consents").json()}
    assert listed["email"] == {
        "purpose": "email",
        "granted": True,
        "decided": False,
        "changed_at": None,
    }
    response = client.patch(
        "/api/v1/privacy/consents", {"email": False}, content_type="application/json"
    )
    assert response.status_code == 200
    current = {c["purpose"]: c for c in response.json()}
    assert current["email"]["granted"] is False and current["email"]["decided"] is True
    assert ConsentRecord.objects.get(user=member).source == "api"
    client.logout()
    assert client.get("/api/v1/privacy/consents").status_code == 401
