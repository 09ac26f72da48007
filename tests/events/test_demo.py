import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from digibridge.demo.loader import load_demo
from digibridge.events.demo import load_event_demo
from digibridge.events.models import (
    AgendaSession,
    Event,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    MeetingSeat,
    Registration,
)

User = get_user_model()


@pytest.mark.django_db
def test_demo_event_loads_once_with_a_published_schedule(client):
    assert load_event_demo() == {}  # without the core demo there is nothing to attach to
    load_demo()
    counts = load_event_demo()
    assert counts["sessions"] >= 30 and counts["meetings"] > 20
    event = Event.objects.get()
    assert event.time_zone == "Europe/Madrid"
    assert AgendaSession.objects.filter(kind="gov_enterprise").count() >= 20
    night = AgendaSession.objects.get(kind="networking_night")
    assert night.start.astimezone(event.tz).strftime("%H:%M") == "19:00"
    assert Registration.objects.filter(status="pending").exists()
    assert MeetingRequest.objects.filter(status="accepted").count() > 20
    assert not Meeting.objects.filter(locked=False).exists()
    seats = list(MeetingSeat.objects.values_list("registration_id", "block_id", "slot"))
    assert len(seats) == len(set(seats))
    assert MeetingOutcome.objects.exists()
    assert Meeting.objects.filter(status="held").exists()
    from digibridge.cooperation.models import FollowUp

    assert counts["follow_ups"] == FollowUp.objects.filter(meeting__isnull=False).count() > 0
    hui = Registration.objects.get(person__user__email="hui.wu@hangyun-robotics.example")
    assert Meeting.objects.filter(seats__registration=hui).exists()
    assert MeetingRequest.objects.filter(recipient=hui, status="pending").exists()
    assert load_event_demo() == {}
    client.force_login(hui.person.user)
    for page in ("detail", "agenda", "inbox", "participants", "registration", "registration_edit"):
        response = client.get(reverse(f"events:{page}", args=[event.slug]))
        assert response.status_code == 200, page
    assert "Beijing Night" in response.content.decode() or page == "registration"
    client.force_login(User.objects.get(email="xiuying.li@service-base-barcelona.example"))
    for page in (
        "blocks",
        "dashboard",
        "manage_registrations",
        "checkin",
        "event_edit",
        "manage_sessions",
        "export_xlsx",
    ):
        assert client.get(reverse(f"events:{page}", args=[event.slug])).status_code == 200, page
    block = event.blocks.get()
    plan = client.get(reverse("events:table_plan", args=[event.slug, block.pk])).content.decode()
    assert hui.person.full_name in plan
    print(counts)
    # the core demo's reset removes the event with its hosts
    load_demo(reset=True)
    assert not Event.objects.exists()
    assert not FollowUp.objects.exists()
