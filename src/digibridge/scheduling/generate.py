"""Generator of realistic, reproducible B2B-meeting events (for tests and the benchmark).

Shape of a generated event:

* ``days`` days of ``slots_per_day`` 25-minute slots with 5-minute changeovers; a lunch
  break after every ``session_length`` slots starts a new session;
* popularity is skewed (Zipf-like): a few participants receive far more requests than they
  have slots, most receive a handful;
* about a fifth of the participants have partial availability (arrive late, leave early, or
  miss a day); about 8 % are exhibitors with a fixed table (their stand);
* priorities are mostly 1 with some 2s and 3s; about 3 % of requests are delegation meetings
  with three participants;
* request order is arrival order (what a first-come scheduler would use).

Uses NumPy's seeded generator, so the same arguments always give the same instance.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import numpy as np

SIZES: dict[str, dict[str, int]] = {
    "networking": {
        "participants": 150,
        "requests": 600,
        "days": 1,
        "slots_per_day": 8,
        "session_length": 8,
        "tables": 40,
    },
    "brokerage": {
        "participants": 400,
        "requests": 1700,
        "days": 2,
        "slots_per_day": 16,
        "session_length": 8,
        "tables": 60,
    },
    "tradefair": {
        "participants": 2000,
        "requests": 10000,
        "days": 3,
        "slots_per_day": 16,
        "session_length": 8,
        "tables": 200,
    },
}


def generate_event(
    participants: int = 40,
    requests: int = 120,
    days: int = 1,
    slots_per_day: int = 8,
    session_length: int = 4,
    tables: int = 10,
    seed: int = 0,
) -> dict[str, Any]:
    """Return an instance dict (see `parse_instance`) for a synthetic event."""
    rng = np.random.default_rng(seed)
    tz = timezone(timedelta(hours=1))
    slots: list[dict[str, Any]] = []
    for d in range(days):
        day_start = datetime(2026, 5, 11 + d, 9, 0, tzinfo=tz)
        for k in range(slots_per_day):
            lunch = (k // session_length) * timedelta(minutes=60)
            start = day_start + k * timedelta(minutes=30) + lunch
            slots.append(
                {
                    "id": f"d{d + 1}s{k + 1:02d}",
                    "start": start.isoformat(),
                    "end": (start + timedelta(minutes=25)).isoformat(),
                }
            )
    people: list[dict[str, Any]] = []
    free_tables = list(range(tables, 0, -1))
    for i in range(participants):
        person: dict[str, Any] = {"id": f"p{i + 1}"}
        r = rng.random()
        if r < 0.2:
            kind = rng.integers(3)
            if kind == 0 or days == 1:
                # arrives late or leaves early on every day
                cut = int(rng.integers(1, max(2, slots_per_day // 2)))
                early = bool(rng.integers(2))
                blocked = [
                    s["id"]
                    for j, s in enumerate(slots)
                    if (
                        j % slots_per_day < cut
                        if early
                        else j % slots_per_day >= slots_per_day - cut
                    )
                ]
                person["unavailable"] = blocked
            else:
                day = int(rng.integers(days))
                person["unavailable"] = [
                    s["id"] for j, s in enumerate(slots) if j // slots_per_day == day
                ]
        if r > 0.92 and free_tables:
            person["table"] = free_tables.pop()
        people.append(person)
    # skewed popularity: attractiveness ~ 1 / rank^0.9, shuffled over participants
    attract = 1.0 / np.arange(1, participants + 1) ** 0.9
    rng.shuffle(attract)
    attract /= attract.sum()
    activity = rng.gamma(2.0, 1.0, participants)
    activity /= activity.sum()
    seen: set[tuple[str, ...]] = set()
    meetings: list[dict[str, Any]] = []
    attempts = 0
    while len(meetings) < requests and attempts < requests * 50:
        attempts += 1
        a = int(rng.choice(participants, p=activity))
        b = int(rng.choice(participants, p=attract))
        group = [a, b]
        if rng.random() < 0.03:
            c = int(rng.choice(participants, p=activity))
            group.append(c)
        if len(set(group)) < len(group):
            continue
        key = tuple(sorted(f"p{g + 1}" for g in group))
        if key in seen:
            continue
        seen.add(key)
        pr = rng.random()
        priority = 3 if pr < 0.05 else 2 if pr < 0.2 else 1
        meetings.append(
            {
                "id": f"m{len(meetings) + 1}",
                "participants": [f"p{g + 1}" for g in group],
                "priority": priority,
            }
        )
    return {"slots": slots, "tables": tables, "participants": people, "meetings": meetings}


def generate_size(name: str, seed: int = 1) -> dict[str, Any]:
    """Instance dict for one of the named benchmark sizes in `SIZES`."""
    return generate_event(seed=seed, **SIZES[name])


def add_late_requests(
    data: dict[str, Any], result: dict[str, Any], fraction: float = 0.05, seed: int = 7
) -> dict[str, Any]:
    """Late change: copy `data`, add ``fraction`` new requests, set ``previous`` = `result`."""
    rng = np.random.default_rng(seed)
    out = dict(data)
    people = [p["id"] for p in data["participants"]]
    existing = {tuple(sorted(m["participants"])) for m in data["meetings"]}
    new: list[dict[str, Any]] = []
    target = max(1, int(round(len(data["meetings"]) * fraction)))
    while len(new) < target:
        a, b = rng.choice(len(people), size=2, replace=False)
        key = tuple(sorted((people[int(a)], people[int(b)])))
        if key in existing:
            continue
        existing.add(key)
        new.append({"id": f"late{len(new) + 1}", "participants": list(key), "priority": 1})
    out["meetings"] = list(data["meetings"]) + new
    out["previous"] = [dict(a) for a in result["assignments"]]
    return out
