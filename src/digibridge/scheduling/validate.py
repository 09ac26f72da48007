"""Independent checker for schedules.

Deliberately written without the solver's bookkeeping (`core.Schedule`): it reads the
instance and the result JSON shape and re-derives everything from ids, so a bug in the
solver's incremental state cannot hide itself. Tests and the benchmark run every produced
schedule through `validate_schedule`.

Hard rules checked: every assignment names a known meeting, slot and a table in 1..tables;
each meeting is assigned at most once and appears either in ``assignments`` or in
``unscheduled`` (exactly one of them); no participant is in two meetings of one slot; all
participants are available in the slot; no two meetings share a table in a slot (so at most
``tables`` meetings per slot); participants with a fixed table meet only at that table;
locked meetings are in their slot (and at their table, when the lock names one).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .model import Instance


def _as_dict(result: Any) -> dict[str, Any]:
    return result.to_dict() if hasattr(result, "to_dict") else result


def validate_schedule(instance: Instance, result: Any) -> list[str]:
    """Return a list of human-readable violations (empty when the schedule is valid)."""
    data = _as_dict(result)
    errors: list[str] = []
    meetings = {m.id: m for m in instance.meetings}
    participants = {p.id: p for p in instance.participants}
    slots = {s.id for s in instance.slots}
    seen: dict[str, int] = {}
    busy: dict[tuple[str, str], str] = {}
    seats: dict[tuple[str, int], str] = {}
    placed: dict[str, tuple[str, int]] = {}
    for i, a in enumerate(data.get("assignments", [])):
        where = f"assignments[{i}]"
        mid, sid, table = a.get("meeting"), a.get("slot"), a.get("table")
        if mid not in meetings:
            errors.append(f"{where}: unknown meeting {mid!r}")
            continue
        if sid not in slots:
            errors.append(f"{where}: unknown slot {sid!r}")
            continue
        if isinstance(table, bool) or not isinstance(table, int):
            errors.append(f"{where}: table must be an integer")
            continue
        if not 1 <= table <= instance.tables:
            errors.append(f"{where}: table {table} outside 1..{instance.tables}")
        if mid in seen:
            errors.append(
                f"{where}: meeting '{mid}' assigned twice (also assignments[{seen[mid]}])"
            )
            continue
        seen[mid] = i
        placed[mid] = (sid, table)
        for pid in meetings[mid].participants:
            p = participants[pid]
            if sid in p.unavailable:
                errors.append(f"{where}: participant '{pid}' is unavailable in slot '{sid}'")
            if (pid, sid) in busy:
                errors.append(
                    f"{where}: participant '{pid}' is also in meeting '{busy[(pid, sid)]}' "
                    f"in slot '{sid}'"
                )
            busy[(pid, sid)] = mid
            if p.table is not None and p.table != table:
                errors.append(
                    f"{where}: participant '{pid}' must sit at table {p.table}, not {table}"
                )
        if (sid, table) in seats:
            errors.append(
                f"{where}: table {table} in slot '{sid}' also used by '{seats[(sid, table)]}'"
            )
        seats[(sid, table)] = mid
    per_slot: dict[str, int] = defaultdict(int)
    for sid, _ in placed.values():
        per_slot[sid] += 1
    for sid, n in per_slot.items():
        if n > instance.tables:
            errors.append(f"slot '{sid}': {n} meetings but only {instance.tables} tables")
    unscheduled = data.get("unscheduled", [])
    for mid in unscheduled:
        if mid in placed:
            errors.append(f"unscheduled: meeting '{mid}' is also assigned")
        elif mid not in meetings:
            errors.append(f"unscheduled: unknown meeting {mid!r}")
    missing = set(meetings) - set(placed) - set(unscheduled)
    for mid in sorted(missing):
        errors.append(f"meeting '{mid}' is neither assigned nor unscheduled")
    for lock in instance.locked:
        got = placed.get(lock.meeting)
        if got is None or got[0] != lock.slot:
            errors.append(f"locked meeting '{lock.meeting}' is not in slot '{lock.slot}'")
        elif lock.table is not None and got[1] != lock.table:
            errors.append(f"locked meeting '{lock.meeting}' is not at table {lock.table}")
    return errors


def schedule_metrics(instance: Instance, result: Any) -> dict[str, int]:
    """Recompute scheduled count, weight, idle gaps and moved meetings from scratch.

    An idle gap is a slot in which a participant is available and has no meeting, lying
    between two of their meetings in the same session.
    """
    data = _as_dict(result)
    meetings = {m.id: m for m in instance.meetings}
    where: dict[str, tuple[str, int]] = {}
    for a in data.get("assignments", []):
        where[a["meeting"]] = (a["slot"], a["table"])
    by_participant: dict[str, set[str]] = defaultdict(set)
    for mid, (sid, _) in where.items():
        for pid in meetings[mid].participants:
            by_participant[pid].add(sid)
    sessions: dict[str, list[str]] = defaultdict(list)
    for s in sorted(instance.slots, key=lambda s: s.start):
        sessions[s.session].append(s.id)
    gaps = 0
    for p in instance.participants:
        mine = by_participant.get(p.id, set())
        for run in sessions.values():
            marks = [i for i, sid in enumerate(run) if sid in mine]
            if len(marks) < 2:
                continue
            between = run[marks[0] + 1 : marks[-1]]
            gaps += sum(1 for sid in between if sid not in mine and sid not in p.unavailable)
    moved = sum(1 for pv in instance.previous if where.get(pv.meeting) != (pv.slot, pv.table))
    return {
        "scheduled": len(where),
        "weight": sum(meetings[mid].priority for mid in where),
        "gaps": gaps,
        "moved": moved,
    }
