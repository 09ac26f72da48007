"""XLSX and CSV export of the organiser's event tables."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from digibridge.events import services, tables
from tests.events.factories import (
    MeetingBlockFactory,
    MeetingRequestFactory,
    RegistrationFactory,
    participant,
)
from tests.events.test_api import API, bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_data(member, stranger, operator):
    block = MeetingBlockFactory()
    event = block.event
    me, other = participant(event, member), participant(event, stranger)
    RegistrationFactory(event=event, status="pending")
    services.registration_check_in(registration=me, by=operator)
    MeetingRequestFactory(event=event, sender=me, recipient=other, message="=HYPERLINK()")
    meeting = services.meeting_create_brokered(
        block=block, registrations=[me, other], slot=1, by=operator
    )
    services.meeting_outcome_record(
        meeting=meeting,
        registration=me,
        attendance="held",
        interest="strong",
        next_step="pilot",
        notes="=cmd|' /C calc'!A0",
        by=member,
    )
    return event


def test_xlsx_has_every_table_with_local_times(client, operator, event_with_data):
    event = event_with_data
    client.force_login(operator)
    response = client.get(reverse("events:export_xlsx", args=[event.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="{event.slug}-' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Registrations",
        "Meeting requests",
        "Meetings and outcomes",
        "Check-in list",
        "Dashboard",
    ]
    registrations = list(book["Registrations"].values)
    assert len(registrations) == 1 + 3
    meetings = list(book["Meetings and outcomes"].values)
    header = meetings[0]
    assert header[2] == "Start (Europe/Madrid)"
    rows = {row[7]: row for row in meetings[1:]}
    assert len(rows) == 2  # one row per participant
    mine = next(row for row in rows.values() if row[9])
    assert mine[2].isoformat() == "2025-03-04T19:15:00"  # slot 1 of the 19:00 block, Barcelona
    assert (mine[9], mine[10], mine[11]) == ("Held", "Strong", "Pilot")
    assert mine[12].startswith("'=")  # never a formula
    checkin = list(book["Check-in list"].values)
    assert len(checkin) == 1 + 2  # approved only
    assert sum(1 for row in checkin[1:] if row[4] is not None) == 1
    figures = {(row[0], row[1]): row[2] for row in book["Dashboard"].values}
    assert figures[("Meetings", "Held")] == 1


def test_csv_per_table_and_refusals(client, operator, member, event_with_data):
    event = event_with_data
    client.force_login(operator)
    response = client.get(reverse("events:export_csv", args=[event.slug, "requests"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "Sent at (Europe/Madrid)"
    assert len(rows) == 2 and rows[1][5] == "Pending"
    bad = client.get(reverse("events:export_csv", args=[event.slug, "passwords"]))
    assert bad.status_code == 404
    client.force_login(member)  # a participant, not an organiser
    assert client.get(reverse("events:export_xlsx", args=[event.slug])).status_code == 404


def test_api_export(client, operator, member, event_with_data):
    event = event_with_data
    url = f"{API}/events/{event.pk}/export"
    response = client.get(url, {"format": "csv", "table": "checkin"}, **bearer(operator))
    assert response.status_code == 200
    assert response.content.decode("utf-8").splitlines()[0].startswith("\ufeffLast name")
    workbook = client.get(url, **bearer(operator))
    assert load_workbook(io.BytesIO(workbook.content)).sheetnames[0] == "Registrations"
    assert client.get(url, **bearer(member)).status_code == 403
    assert client.get(url, {"table": "x", "format": "csv"}, **bearer(operator)).status_code == 422


def test_export_queries_do_not_grow_with_the_event(operator, event_with_data):
    def count():
        with CaptureQueriesContext(connection) as queries:
            tables.event_tables(event_with_data)
        return len(queries)

    before = count()
    block = event_with_data.blocks.get()
    more = RegistrationFactory.create_batch(6, event=event_with_data)
    for pair in zip(more[::2], more[1::2], strict=True):
        MeetingRequestFactory(event=event_with_data, sender=pair[0], recipient=pair[1])
        services.meeting_create_brokered(block=block, registrations=list(pair), slot=0, by=operator)
    assert count() == before
