"""Concurrency on PostgreSQL: parallel writers never duplicate, double-book or lose an update.

Each test starts the same operation in several threads at once (a barrier releases them
together), each thread on its own database connection, and checks the database afterwards.
SQLite serialises writers, so these run on PostgreSQL only.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from digibridge.common.errors import DomainError
from digibridge.directory.models import Organisation
from digibridge.events import services as events
from digibridge.events.models import MeetingRequest, Registration
from digibridge.reports import services as reports
from digibridge.reports.models import ImportedRecord
from tests.accounts.factories import UserFactory
from tests.directory.factories import PersonFactory
from tests.events.factories import (
    EventFactory,
    MeetingBlockFactory,
    RegistrationFactory,
    participant,
)
from tests.reports.factories import ORG_HEADER, org_rows, write_csv

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor == 'sqlite'", reason="needs PostgreSQL row locks"),
]


def run_together(*calls) -> list[str]:
    """Run the calls in parallel threads; each outcome is "ok", or the DomainError's text."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(f"refused: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == len(calls), "a thread died with an unexpected exception"
    return sorted(outcomes)


def test_parallel_imports_of_the_same_file_create_each_organisation_once(tmp_path):
    operator = UserFactory(role="operator", is_staff=True)
    path = write_csv(tmp_path / "orgs.csv", ORG_HEADER, org_rows(40))
    before = Organisation.objects.count()

    def load():
        with open(path, "rb") as handle:
            reports.import_file(handle, kind="organisations", by=operator, filename="orgs.csv")

    outcomes = run_together(load, load, load)
    assert "ok" in outcomes
    assert Organisation.objects.count() == before + 40
    assert ImportedRecord.objects.filter(kind="organisations").count() == 40


def test_a_double_submitted_registration_registers_once():
    event = EventFactory()
    user = UserFactory()
    person = PersonFactory(user=user)
    from tests.directory.factories import OrganisationMemberFactory

    OrganisationMemberFactory(user=user, organisation=person.organisation)

    def register():
        events.registration_create(
            event=event,
            person=person,
            organisation=person.organisation,
            participant_type="enterprise_executive",
            by=user,
        )

    outcomes = run_together(register, register)
    assert outcomes[0] == "ok"
    assert outcomes[1].startswith("refused")
    assert Registration.objects.filter(event=event, person=person).count() == 1


def test_a_double_clicked_meeting_request_is_sent_once():
    block = MeetingBlockFactory()
    event = block.event
    user = UserFactory()
    me = participant(event, user)
    other = RegistrationFactory(event=event)

    def ask():
        events.meeting_request_create(sender=me, recipient=other, by=user, message="Hello")

    outcomes = run_together(ask, ask, ask)
    assert outcomes.count("ok") == 1
    assert MeetingRequest.objects.filter(sender=me, recipient=other).count() == 1


def test_parallel_approvals_never_overrun_the_capacity():
    event = EventFactory(capacity=2)
    operator = UserFactory(role="operator", is_staff=True)
    pending = [RegistrationFactory(event=event, status="pending") for _ in range(6)]

    outcomes = run_together(
        *[(lambda r=r: events.registration_approve(registration=r, by=operator)) for r in pending]
    )
    assert outcomes.count("ok") == 2
    assert Registration.objects.filter(event=event, status="approved").count() == 2


def test_accepting_and_cancelling_one_request_at_once_leaves_one_consistent_answer():
    block = MeetingBlockFactory()
    event = block.event
    sender_user, recipient_user = UserFactory(), UserFactory()
    sender = participant(event, sender_user)
    recipient = participant(event, recipient_user)
    for _ in range(5):
        request = events.meeting_request_create(sender=sender, recipient=recipient, by=sender_user)
        outcomes = run_together(
            lambda request=request: events.meeting_request_accept(
                request=request, by=recipient_user
            ),
            lambda request=request: events.meeting_request_cancel(request=request, by=sender_user),
        )
        assert outcomes.count("ok") >= 1
        request.refresh_from_db()
        assert request.status in (MeetingRequest.Status.ACCEPTED, MeetingRequest.Status.CANCELLED)
        if request.status == MeetingRequest.Status.ACCEPTED:
            events.meeting_request_cancel(request=request, by=sender_user)
