"""Benchmark of the privacy work: retention, the personal-data export, consent-aware lists.

Usage::

    .venv/bin/python benchmarks/privacy.py [--registrations 20000] [--json] [--keep]

Runs against a fresh SQLite database in a temporary directory (or ``DATABASE_URL`` when set,
which must then be an empty, migrated database you do not mind filling). Steps, each timed:

1. ``--registrations`` registrations (each with its own person) of an event that ended three
   years ago, anonymised by the retention job (batches of 500, one transaction each);
2. the export of one busy user: 2,000 notifications, 500 messages, 200 registrations with
   a meeting request each, 300 audit entries, with the rest of the database around them;
3. a directory list of 20,000 people of which 10 % withdrew consent to be listed
   (``consent.listed_for``, one query), against the same list without the consent filter.

It checks that every registration was anonymised and that the export holds the user's rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registrations", type=int, default=20_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="digibridge-privacy-bench-"))
    os.environ.setdefault("DIGIBRIDGE_VAR_DIR", str(workdir / "var"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digibridge.config.settings")
    os.environ.setdefault("DIGIBRIDGE_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from digibridge.accounts.models import AuditEntry
    from digibridge.directory.models import Organisation, Person
    from digibridge.events.models import Event, MeetingRequest, Registration
    from digibridge.outreach.models import Conversation, Message, Notification
    from digibridge.privacy import consent, services
    from digibridge.privacy.export import personal_data
    from digibridge.privacy.models import ConsentRecord, Purpose

    log = (lambda *a: None) if args.json else print
    figures: dict[str, float | int | str] = {"database": connection.vendor}
    call_command("migrate", verbosity=0)
    User = get_user_model()

    org = Organisation.objects.create(name="Bench Org", slug="bench-org", country="ES")
    other = Organisation.objects.create(name="Bench Other", slug="bench-other", country="CN")
    ended = timezone.now() - dt.timedelta(days=3 * 365)
    old_event = Event.objects.create(
        name="Old forum", slug="old-forum", host=org, start=ended - dt.timedelta(hours=8), end=ended
    )

    # 1. Retention.
    n = args.registrations
    people = Person.objects.bulk_create(
        Person(organisation=org, first_name="Ana", last_name=f"Old {i}", email=f"o{i}@x.org")
        for i in range(n)
    )
    Registration.objects.bulk_create(
        Registration(
            event=old_event,
            person=p,
            organisation=org,
            participant_type="enterprise_executive",
            checkin_token=f"c{i}",
            feed_token=f"f{i}",
        )
        for i, p in enumerate(people)
    )
    started = time.perf_counter()
    done = services.registrations_anonymise_expired()
    figures["retention_registrations"] = done
    figures["retention_s"] = round(time.perf_counter() - started, 2)
    figures["retention_per_s"] = round(done / max(figures["retention_s"], 1e-9))
    assert done == n and not services.registrations_past_retention().exists()
    log(f"Retention: {done} registrations anonymised in {figures['retention_s']} s")

    # 2. The export of a busy user.
    user = User.objects.create_user(email="busy@example.org", password=None)
    me = Person.objects.create(organisation=org, user=user, first_name="Busy", last_name="User")
    Notification.objects.bulk_create(
        Notification(user=user, kind="message", title=f"Notice {i}") for i in range(2000)
    )
    conversation = Conversation.objects.create(side_a=org, side_b=other, subject="Bench")
    Message.objects.bulk_create(
        Message(conversation=conversation, sender=user, sender_organisation=org, body=f"m{i}")
        for i in range(500)
    )
    partner = Person.objects.create(organisation=other, first_name="Wei", last_name="Partner")
    for i in range(200):
        event = Event.objects.create(
            name=f"Forum {i}",
            slug=f"forum-{i}",
            host=org,
            start=timezone.now(),
            end=timezone.now() + dt.timedelta(hours=8),
        )
        mine = Registration.objects.create(
            event=event, person=me, organisation=org, participant_type="enterprise_executive"
        )
        theirs = Registration.objects.create(
            event=event, person=partner, organisation=other, participant_type="media"
        )
        MeetingRequest.objects.create(event=event, sender=mine, recipient=theirs, message="Hi")
    AuditEntry.objects.bulk_create(
        AuditEntry(actor=user, action="opportunity.update", object_type="x", object_id=str(i))
        for i in range(300)
    )
    started = time.perf_counter()
    data = personal_data(user=user)
    figures["export_s"] = round(time.perf_counter() - started, 2)
    text = json.dumps(data, default=str)
    figures["export_mb"] = round(len(text.encode()) / 1e6, 2)
    figures["export_rows"] = sum(len(rows) for rows in data["data"].values())
    assert len(data["data"]["outreach.notification"]) == 2000
    assert len(data["data"]["events.meetingrequest"]) == 200
    log(
        f"Export of a busy user: {figures['export_rows']} rows, {figures['export_mb']} MB "
        f"in {figures['export_s']} s"
    )

    # 3. Consent-aware people list.
    listed = Person.objects.bulk_create(
        Person(organisation=other, first_name="Li", last_name=f"Listed {i}")
        for i in range(args.people)
    )
    ConsentRecord.objects.bulk_create(
        ConsentRecord(
            person=p,
            purpose=Purpose.LISTED,
            granted=False,
            source="operator",
            text_version=consent.TEXT_VERSION,
        )
        for p in listed[::10]
    )
    everyone = Person.objects.filter(organisation=other).order_by("last_name")
    started = time.perf_counter()
    plain = len(list(everyone))
    figures["people_list_plain_ms"] = round((time.perf_counter() - started) * 1000, 1)
    started = time.perf_counter()
    shown = len(list(consent.listed_for(everyone, viewer=user)))
    figures["people_list_consent_ms"] = round((time.perf_counter() - started) * 1000, 1)
    figures["people_listed"] = shown
    assert shown == plain - len(listed[::10])
    log(
        f"People list of {plain}: {figures['people_list_plain_ms']} ms plain, "
        f"{figures['people_list_consent_ms']} ms with consent ({shown} listed)"
    )

    if args.json:
        print(json.dumps(figures))
    if not args.keep:
        connection.close()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
