import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from digibridge.common.periodic import EmbeddedBeat
from digibridge.directory.models import Person
from digibridge.events.models import Meeting, MeetingRequest, Registration
from digibridge.events.selectors import participants_visible
from digibridge.privacy import consent, services
from digibridge.privacy.models import Anonymisation, Purpose
from digibridge.reports.selectors import dashboard
from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _ended(days_ago: int, **kwargs):
    end = timezone.now() - dt.timedelta(days=days_ago)
    return EventFactory(start=end - dt.timedelta(hours=8), end=end, **kwargs)


def test_registrations_past_the_retention_period_are_anonymised(scenario, operator):
    old_event = scenario.event  # the factories' event ended in March 2025
    recent = _ended(10)
    recent_registration = RegistrationFactory(event=recent, person=scenario.member.person)
    before = dashboard()
    person_ids = set(Person.objects.values_list("pk", flat=True))
    old_tokens = (scenario.mine.checkin_token, scenario.mine.feed_token)
    now = old_event.end + dt.timedelta(days=settings.DIGIBRIDGE_RETENTION_DAYS + 1)

    assert services.registrations_anonymise_expired(now=now) == 2
    mine = Registration.objects.get(pk=scenario.mine.pk)
    assert mine.person_id not in person_ids
    assert mine.person.full_name == f"Anonymised participant #{mine.pk}"
    assert mine.person.organisation_id == scenario.member.org.pk
    assert (mine.checkin_token, mine.feed_token) != old_tokens
    assert not mine.consent_listed and mine.created_by_id is None
    assert MeetingRequest.objects.get(pk=scenario.request.pk).message == ""
    assert Meeting.objects.get(pk=scenario.meeting.pk).seats.count() == 2
    assert not consent.consent_allows(purpose=Purpose.LISTED, person=mine.person)
    # The directory entries and the recent registration are untouched.
    member_person = Person.objects.get(pk=scenario.member.person.pk)
    assert member_person.first_name == "Wei" and member_person.email == "wei.zhang@example.cn"
    recent_registration.refresh_from_db()
    assert recent_registration.person_id == member_person.pk
    assert dashboard() == before
    assert Registration.objects.filter(event=old_event).count() == 2
    # Idempotent: a second run finds nothing, also at a later time.
    assert services.registrations_anonymise_expired(now=now + dt.timedelta(days=1)) == 0
    assert Anonymisation.objects.filter(reason="retention").count() == 2


def test_the_period_is_configurable(settings):
    settings.DIGIBRIDGE_RETENTION_DAYS = 30
    old = RegistrationFactory(event=_ended(31))
    kept = RegistrationFactory(event=_ended(29))
    assert services.registrations_anonymise_expired() == 1
    assert Anonymisation.objects.get().registration_id == old.pk
    kept.refresh_from_db()
    assert not kept.person.first_name.startswith("Anonymised")


def test_anonymised_participants_are_never_listed(operator):
    event = _ended(800)
    RegistrationFactory.create_batch(2, event=event)
    assert participants_visible(event=event, user=operator).count() == 2
    services.registrations_anonymise_expired()
    registrations = Registration.objects.filter(event=event)
    listed = consent.consenting(registrations, purpose=Purpose.LISTED, person_path="person")
    assert listed.count() == 0


def test_the_retention_job_is_in_the_beat_schedule(tmp_path):
    old = RegistrationFactory(event=_ended(800))
    beat = EmbeddedBeat(state_path=tmp_path / "periodic.json")
    assert "privacy-retention" in beat.run_due(now=1000.0)
    assert Anonymisation.objects.filter(registration=old).exists()
    assert "privacy-retention" not in beat.run_due(now=1000.0 + 3600)


def test_operators_see_what_is_due_and_run_it_with_confirmation(client, operator, member):
    old = RegistrationFactory(event=_ended(800))
    client.force_login(member)
    assert client.get(reverse("privacy:processing")).status_code == 404
    assert client.post(reverse("privacy:retention_run"), {"confirm": "yes"}).status_code == 404
    client.force_login(operator)
    page = client.get(reverse("privacy:processing"))
    assert page.context["due"] == 1
    client.post(reverse("privacy:retention_run"))  # not confirmed
    assert not Anonymisation.objects.exists()
    response = client.post(reverse("privacy:retention_run"), {"confirm": "yes"}, follow=True)
    assert Anonymisation.objects.get().registration_id == old.pk
    assert "1 registration past the retention period was anonymised" in (response.content.decode())
    assert response.context["anonymised"] == {"erasure": 0, "retention": 1}
