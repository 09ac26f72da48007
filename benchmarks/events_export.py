"""Benchmark of the organiser's event exports and of recording outcomes through the pipeline.

Usage::

    .venv/bin/python benchmarks/events_export.py [--people 400] [--requests 1700] [--json]

Runs against a fresh SQLite database in a temporary directory (or ``DATABASE_URL`` when set,
which must then be an empty database you do not mind filling). Builds a brokerage event of
``--people`` approved participants, ``--requests`` meeting requests, one block of 16 slots x 60
tables filled with meetings (each participant at most once per slot) and an outcome for half
the seats, then times:

1. building the five tables (``events.tables.event_tables``) and the queries it takes;
2. the XLSX workbook of all five (``reports.exports.to_xlsx``) and its size;
3. the CSV of the largest table (meetings and outcomes, one row per seat);
4. ``--outcomes`` further outcomes recorded through ``meeting_outcome_record`` (row lock,
   status, follow-up and matching feedback pipeline), per outcome.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SLOTS, TABLES = 16, 60


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--requests", type=int, default=1700)
    parser.add_argument("--outcomes", type=int, default=100)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="digibridge-events-bench-"))
    os.environ.setdefault("DIGIBRIDGE_VAR_DIR", str(workdir / "var"))
    os.environ.setdefault("DIGIBRIDGE_MEDIA_ROOT", str(workdir / "media"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digibridge.config.settings")
    os.environ.setdefault("DIGIBRIDGE_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    import datetime as dt
    import zoneinfo

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from digibridge.directory.models import Organisation, Person
    from digibridge.events import services, tables
    from digibridge.events.models import (
        Event,
        Meeting,
        MeetingBlock,
        MeetingOutcome,
        MeetingRequest,
        MeetingSeat,
        Registration,
    )
    from digibridge.reports import exports

    log = (lambda *a: None) if args.json else print
    figures: dict[str, float | int | str] = {
        "people": args.people,
        "requests": args.requests,
        "database": connection.vendor,
    }
    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    madrid = zoneinfo.ZoneInfo("Europe/Madrid")
    User = get_user_model()  # noqa: N806 - the usual name for the user class
    operator = User.objects.create_user(
        email="bench-operator@example.org", password="x" * 16, role="operator"
    )

    started = time.perf_counter()
    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bench Org {i}",
            slug=f"bench-org-{i}",
            country="CN" if i % 2 else "ES",
            status=Organisation.Status.APPROVED,
        )
        for i in range(args.people)
    )
    people = Person.objects.bulk_create(
        Person(organisation=org, first_name=f"P{i}", last_name=f"Bench {i}")
        for i, org in enumerate(orgs)
    )
    event = Event.objects.create(
        name="Bench forum",
        slug="bench-forum",
        start=dt.datetime(2025, 3, 4, 9, tzinfo=madrid),
        end=dt.datetime(2025, 3, 4, 23, tzinfo=madrid),
        host=orgs[0],
        status=Event.Status.RUNNING,
    )
    regs = Registration.objects.bulk_create(
        Registration(
            event=event,
            person=person,
            organisation=person.organisation,
            participant_type="enterprise_executive",
            status=Registration.Status.APPROVED,
            consent_listed=True,
        )
        for person in people
    )
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < args.requests:
        a, b = rng.sample(range(len(regs)), 2)
        pairs.add((min(a, b), max(a, b)))
    MeetingRequest.objects.bulk_create(
        MeetingRequest(
            event=event,
            sender=regs[a],
            recipient=regs[b],
            status=rng.choice(["accepted", "accepted", "pending", "declined"]),
        )
        for a, b in pairs
    )
    block = MeetingBlock.objects.create(
        event=event,
        name="Night",
        start=dt.datetime(2025, 3, 4, 19, tzinfo=madrid),
        end=dt.datetime(2025, 3, 4, 19, tzinfo=madrid) + dt.timedelta(minutes=15 * SLOTS),
        slot_minutes=15,
        tables=TABLES,
    )
    planned = []
    for slot in range(SLOTS):
        order = rng.sample(regs, min(len(regs), 2 * TABLES))
        for table in range(len(order) // 2):
            planned.append((slot, table + 1, order[2 * table], order[2 * table + 1]))
    meetings = Meeting.objects.bulk_create(
        Meeting(block=block, slot=slot, table=table, locked=True) for slot, table, _a, _b in planned
    )
    if not all(m.pk for m in meetings):
        meetings = list(Meeting.objects.filter(block=block).order_by("slot", "table"))
    MeetingSeat.objects.bulk_create(
        MeetingSeat(meeting=m, registration=r, block=block, slot=m.slot)
        for m, (_s, _t, a, b) in zip(meetings, planned, strict=True)
        for r in (a, b)
    )
    MeetingOutcome.objects.bulk_create(
        MeetingOutcome(meeting=m, registration=a, attendance="held", interest="some")
        for m, (_s, _t, a, _b) in zip(meetings[::2], planned[::2], strict=True)
    )
    figures["meetings"] = len(meetings)
    figures["setup_s"] = round(time.perf_counter() - started, 2)
    log(f"Event: {args.people} people, {args.requests} requests, {len(meetings)} meetings")

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        built = tables.event_tables(event)
    figures["tables_s"] = round(time.perf_counter() - started, 3)
    figures["tables_queries"] = len(queries)
    figures["rows"] = sum(len(rows) for _t, _h, rows in built)
    log(f"Five tables, {figures['rows']} rows: {figures['tables_s']} s, {len(queries)} queries")

    started = time.perf_counter()
    workbook = exports.to_xlsx(built)
    figures["xlsx_s"] = round(time.perf_counter() - started, 3)
    figures["xlsx_kb"] = round(len(workbook) / 1024)
    log(f"XLSX: {figures['xlsx_s']} s, {figures['xlsx_kb']} KiB")

    _title, headers, rows = tables.meetings_table(event)
    started = time.perf_counter()
    text = exports.to_csv(headers, rows)
    figures["csv_meetings_s"] = round(time.perf_counter() - started, 3)
    figures["csv_meetings_rows"] = len(rows)
    figures["csv_meetings_kb"] = round(len(text) / 1024)
    log(f"CSV of meetings and outcomes, {len(rows)} rows: {figures['csv_meetings_s']} s")

    todo = [
        (m, b)
        for m, (_s, _t, _a, b) in zip(meetings[::2], planned[::2], strict=True)
        if m.pk is not None
    ][: args.outcomes]
    started = time.perf_counter()
    for meeting, registration in todo:
        services.meeting_outcome_record(
            meeting=meeting,
            registration=registration,
            attendance="held",
            interest="strong",
            next_step="pilot",
            by=operator,
        )
    elapsed = time.perf_counter() - started
    figures["outcome_ms"] = round(1000 * elapsed / max(1, len(todo)), 1)
    from digibridge.cooperation.models import FollowUp

    figures["follow_ups"] = FollowUp.objects.count()
    assert figures["follow_ups"] == len(todo)
    log(f"{len(todo)} outcomes with the pipeline: {figures['outcome_ms']} ms each")

    if args.json:
        print(json.dumps(figures, indent=2))
    connection.close()
    import shutil

    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
