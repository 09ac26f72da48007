"""The load-test data generator (``benchmarks/scale_data.py``) at a small size."""

import pytest
from benchmarks.scale_data import EVENT_SLUG, PASSWORD, Sizes, generate
from django.db.models import Count
from django.urls import reverse

from digibridge.directory.models import Organisation
from digibridge.events.models import Meeting, MeetingRequest, MeetingSeat, Registration
from digibridge.marketplace.models import Opportunity
from digibridge.matching.models import OpportunityVector

SMALL = Sizes(organisations=60, opportunities=300, participants=40, meetings=80, users=5)


@pytest.fixture
def scenario(db):
    return generate(SMALL, real_vectors=False)


def test_generates_the_asked_sizes_consistently(scenario):
    assert Organisation.objects.filter(slug__startswith="load-").count() == 60
    assert Opportunity.objects.count() == 300
    assert OpportunityVector.objects.count() == 300
    assert set(Opportunity.objects.values_list("language", flat=True)) == {
        "en",
        "zh-hans",
        "es",
        "ca",
    }
    assert Registration.objects.filter(event__slug=EVENT_SLUG).count() == 40
    assert Meeting.objects.count() == 80
    assert MeetingSeat.objects.count() == 160
    # Nobody sits in two meetings at once, and every meeting has two different people.
    assert not (
        MeetingSeat.objects.values("registration", "block", "slot")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .exists()
    )
    assert len(scenario["users"]) == 5
    first = scenario["users"][0]
    assert first["opportunities"] and first["recipients"]
    assert first["registration"] not in first["recipients"]
    every = [r for user in scenario["users"] for r in user["recipients"]]
    assert len(every) == len(set(every))  # no two users ask the same person


def test_generated_users_log_in_and_drive_the_load_routes(scenario, client):
    user = scenario["users"][0]
    assert client.login(email=user["email"], password=PASSWORD)
    agenda = client.get(reverse("events:agenda", args=[EVENT_SLUG]))
    assert agenda.status_code == 200
    seats = MeetingSeat.objects.filter(registration_id=user["registration"]).count()
    assert agenda.content.decode().count("Load") >= seats
    opp = user["opportunities"][0]
    assert client.get(reverse("matching:opportunity", args=[opp])).status_code == 200
    recipient = user["recipients"][0]
    response = client.post(
        reverse("events:request_create", args=[EVENT_SLUG, recipient]), {"message": "Hello"}
    )
    assert response.status_code == 302, response.content[:500]
    assert MeetingRequest.objects.filter(recipient_id=recipient).count() == 1
    client.logout()
    api = client.get("/api/v1/opportunities?limit=5", HTTP_AUTHORIZATION=f"Bearer {user['token']}")
    assert api.status_code == 200 and api.json()["count"] > 0


def test_refuses_a_database_that_already_has_load_data(scenario):
    with pytest.raises(SystemExit, match="already"):
        generate(SMALL, real_vectors=False)
