"""Importing event registrations: references, capacity, re-import without duplicates."""

import pytest

from digibridge.events.models import Registration
from digibridge.reports import importing, services
from digibridge.reports.models import ImportedRecord
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.reports.factories import write_csv, write_xlsx

pytestmark = pytest.mark.django_db

HEADER = [
    "external_id",
    "event",
    "person",
    "organisation",
    "participant_type",
    "takes_meetings",
    "status",
]


@pytest.fixture
def forum():
    return EventFactory(slug="barcelona-forum-2025", name="Barcelona Forum", capacity=None)


@pytest.fixture
def people():
    org = OrganisationFactory(slug="hangyun-robotics", country="CN")
    return [PersonFactory(organisation=org, email=f"guest{i}@example.org") for i in range(4)]


def test_participant_types_are_the_events_own():
    assert set(importing.PARTICIPANT_TYPES) == set(Registration.ParticipantType.values)
    assert set(importing.REGISTRATION_STATUSES) == set(Registration.Status.values)


def test_import_registrations_then_reimport_without_duplicates(tmp_path, operator, forum, people):
    other = OrganisationFactory(slug="barcelona-chamber")
    rows = [
        ["R-1", forum.slug, "GUEST0@example.org", "", "enterprise_executive", "yes", "approved"],
        ["R-2", forum.slug, people[1].email, "barcelona-chamber", "association", "no", ""],
        ["R-3", str(forum.pk), people[2].email, "", "media", "", "pending"],
    ]
    path = write_xlsx(tmp_path / "registrations.xlsx", HEADER, rows)
    outcome = services.import_file(path, kind="registrations", by=operator)
    assert outcome.imported, [str(e) for e in outcome.report.errors]
    assert (outcome.created, outcome.updated) == (3, 0)
    first = Registration.objects.get(event=forum, person=people[0])
    assert first.organisation == people[0].organisation  # the person's own by default
    assert first.status == "approved" and first.decided_at is not None and first.takes_meetings
    second = Registration.objects.get(event=forum, person=people[1])
    assert second.organisation == other and not second.takes_meetings
    assert second.status == "approved"  # the default for imported lists
    third = Registration.objects.get(event=forum, person=people[2])
    assert third.status == "pending" and third.decided_at is None
    assert len({first.checkin_token, second.checkin_token, third.checkin_token}) == 3

    rows[2][6] = "declined"
    path = write_csv(tmp_path / "registrations.csv", HEADER, rows)
    outcome = services.import_file(path, kind="registrations", by=operator)
    assert (outcome.created, outcome.updated) == (0, 3)
    assert Registration.objects.filter(event=forum).count() == 3
    third.refresh_from_db()
    assert third.status == "declined" and third.decided_at is not None
    assert ImportedRecord.objects.filter(kind="registrations").count() == 3


def test_existing_registration_is_adopted_not_duplicated(tmp_path, operator, forum, people):
    existing = RegistrationFactory(event=forum, person=people[0], status="pending")
    path = write_csv(
        tmp_path / "r.csv",
        HEADER,
        [["R-1", forum.slug, people[0].email, "", "government_official", "yes", "approved"]],
    )
    outcome = services.import_file(path, kind="registrations", by=operator)
    assert (outcome.created, outcome.updated) == (0, 1)
    existing.refresh_from_db()
    assert existing.participant_type == "government_official" and existing.status == "approved"
    assert ImportedRecord.objects.get(kind="registrations").object_id == existing.pk


def test_people_by_imported_external_id(tmp_path, operator, forum, people):
    ImportedRecord.objects.create(kind="people", external_id="P-77", object_id=people[3].pk)
    path = write_csv(tmp_path / "r.csv", HEADER, [["R-1", forum.slug, "P-77", "", "media", "", ""]])
    assert services.import_file(path, kind="registrations", by=operator).imported
    assert Registration.objects.get().person == people[3]


def test_broken_rows_every_error_reported_nothing_imported(tmp_path, operator, forum, people):
    PersonFactory(email="shared@example.org")
    PersonFactory(email="Shared@example.org")
    rows = [
        ["R-1", forum.slug, people[0].email, "", "enterprise_executive", "yes", "approved"],
        ["R-2", "no-such-forum", people[1].email, "", "enterprise_executive", "", ""],
        ["R-3", forum.slug, "nobody@example.org", "", "enterprise_executive", "", ""],
        ["R-4", forum.slug, "shared@example.org", "", "enterprise_executive", "", ""],
        ["R-5", forum.slug, people[0].email, "", "enterprise_executive", "", ""],
        ["R-6", forum.slug, people[2].email, "nowhere-inc", "astronaut", "maybe", "waiting"],
        ["R-1", forum.slug, people[3].email, "", "media", "", ""],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", HEADER, rows)
    outcome = services.import_file(path, kind="registrations", by=operator)
    assert not outcome.imported
    found = [(e.row, e.column) for e in outcome.report.errors]
    assert found == [
        (3, "event"),
        (4, "person"),
        (5, "person"),
        (6, "person"),
        (7, "participant_type"),
        (7, "takes_meetings"),
        (7, "status"),
        (7, "organisation"),
        (8, "external_id"),
    ]
    text = " | ".join(str(e) for e in outcome.report.errors)
    assert "Unknown event “no-such-forum”" in text
    assert "Unknown person “nobody@example.org”" in text
    assert "Several people share the e-mail address" in text
    assert "registered for the event on row 2 already" in text
    assert not Registration.objects.exists()


def test_capacity_is_respected_and_reported_per_row(tmp_path, operator, people):
    event = EventFactory(capacity=3)
    RegistrationFactory(event=event, status="approved")
    RegistrationFactory(event=event, person=people[3], status="approved")
    rows = [
        ["R-1", event.slug, people[0].email, "", "media", "", "approved"],
        ["R-2", event.slug, people[1].email, "", "media", "", "pending"],
        ["R-3", event.slug, people[2].email, "", "media", "", "approved"],
        # people[3] is approved already: the file keeps a place for them, no new one
        ["R-4", event.slug, people[3].email, "", "media", "", "approved"],
    ]
    path = write_csv(tmp_path / "r.csv", HEADER, rows)
    outcome = services.import_file(path, kind="registrations", by=operator)
    assert [(e.row, e.column) for e in outcome.report.errors] == [(4, "status")]
    assert "is full: 3 places" in str(outcome.report.errors[0])
    assert Registration.objects.filter(event=event).count() == 2

    rows[2][6] = "pending"  # one fewer approval fits
    path = write_csv(tmp_path / "r2.csv", HEADER, rows)
    outcome = services.import_file(path, kind="registrations", by=operator)
    assert outcome.imported
    assert Registration.objects.filter(event=event, status="approved").count() == 3

    rows[3][6] = "declined"  # frees a place on re-import
    rows[2][6] = "approved"
    path = write_csv(tmp_path / "r3.csv", HEADER, rows)
    assert services.import_file(path, kind="registrations", by=operator).imported
    assert Registration.objects.filter(event=event, status="approved").count() == 3
