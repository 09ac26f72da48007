"""Shared helpers for the scheduling tests (pure Python, no database)."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:  # the package may not be installed in the venv yet
    sys.path.insert(0, str(SRC))

TZ = timezone(timedelta(hours=2))


def make_slots(n: int, per_session: int | None = None) -> list[dict[str, Any]]:
    """n 25-minute slots, 5-minute changeovers, a 1-hour break every `per_session` slots."""
    out = []
    start = datetime(2026, 6, 1, 9, 0, tzinfo=TZ)
    for i in range(n):
        if per_session and i and i % per_session == 0:
            start += timedelta(hours=1)
        out.append(
            {
                "id": f"s{i + 1}",
                "start": start.isoformat(),
                "end": (start + timedelta(minutes=25)).isoformat(),
            }
        )
        start += timedelta(minutes=30)
    return out


def make_instance(
    n_slots: int = 4,
    tables: int = 5,
    people: int = 4,
    meetings: list[list[str]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Small instance dict; meetings given as participant-id lists get ids m1, m2, ..."""
    data: dict[str, Any] = {
        "slots": make_slots(n_slots),
        "tables": tables,
        "participants": [{"id": f"p{i + 1}"} for i in range(people)],
        "meetings": [
            {"id": f"m{i + 1}", "participants": ps} for i, ps in enumerate(meetings or [])
        ],
    }
    data.update(extra)
    return data
