"""Index-based problem data and the mutable schedule state shared by the solvers.

`Problem` turns an `Instance` into integer indices (slots, participants, meetings) and
precomputes for every meeting the slots it may use: all its participants available, and no
clash of fixed tables. `Schedule` is the solver's own bookkeeping (who sits where); it keeps
the hard rules as invariants of `place` — the independent check lives in `validate.py`.

Tables are decided last (`assign_tables`): per slot, meetings whose participant has a fixed
table take it, the others fill the remaining tables. That is always possible when a slot holds
at most ``tables`` meetings and at most one meeting per fixed table, which is exactly what
`Schedule.can_place` enforces.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from .model import Instance, meeting_table

NO_SLOT = -1  # marks an unscheduled meeting / a free participant slot


class Problem:
    """Integer-indexed view of an `Instance`."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.n_slots = len(instance.slots)
        self.tables = instance.tables
        sessions: dict[str, int] = {}
        self.session_of: list[int] = []
        for s in instance.slots:
            self.session_of.append(sessions.setdefault(s.session, len(sessions)))
        self.session_slots: list[list[int]] = [[] for _ in sessions]
        for i, k in enumerate(self.session_of):
            self.session_slots[k].append(i)
        self.n_participants = len(instance.participants)
        self.available: list[list[bool]] = []
        for person in instance.participants:
            self.available.append([s.id not in person.unavailable for s in instance.slots])
        self.parts: list[tuple[int, ...]] = []
        self.weight: list[int] = []
        self.fixed_table: list[int | None] = []
        self.allowed: list[list[int]] = []
        self.meetings_of: list[list[int]] = [[] for _ in instance.participants]
        for mi, m in enumerate(instance.meetings):
            ps = tuple(instance.participant_index[p] for p in m.participants)
            self.parts.append(ps)
            self.weight.append(m.priority)
            table, _ = meeting_table(instance, m)
            self.fixed_table.append(table)
            if table == -1:
                self.allowed.append([])
            else:
                self.allowed.append(
                    [s for s in range(self.n_slots) if all(self.available[p][s] for p in ps)]
                )
            for p in ps:
                self.meetings_of[p].append(mi)
        self.locked: dict[int, tuple[int, int | None]] = {
            instance.meeting_index[lk.meeting]: (instance.slot_index[lk.slot], lk.table)
            for lk in instance.locked
        }
        self.previous: dict[int, tuple[int, int | None]] = {
            instance.meeting_index[pv.meeting]: (instance.slot_index[pv.slot], pv.table)
            for pv in instance.previous
        }
        # the table a meeting must use wherever it is placed: its participants' fixed table,
        # or the table named by its lock (locked meetings never move); None = any table
        self.table_need: list[int | None] = list(self.fixed_table)
        for locked_meeting, (_, locked_table) in self.locked.items():
            if locked_table is not None:
                self.table_need[locked_meeting] = locked_table
        # tables some participant is fixed to, and (slot, table) -> previous meeting there
        self.stand_tables = {p.table for p in instance.participants if p.table is not None}
        self.previous_seat: dict[tuple[int, int], int] = {
            (s, t): m for m, (s, t) in self.previous.items() if t is not None
        }

    @property
    def n_meetings(self) -> int:
        return len(self.parts)


class Schedule:
    """Mutable slot assignment with O(1) feasibility checks for one meeting and one slot."""

    def __init__(self, problem: Problem) -> None:
        self.pb = problem
        self.slot_of = [NO_SLOT] * problem.n_meetings
        self.occ = [[NO_SLOT] * problem.n_slots for _ in range(problem.n_participants)]
        self.count = [0] * problem.n_slots
        self.table_user: dict[tuple[int, int], int] = {}
        self.in_slot: list[set[int]] = [set() for _ in range(problem.n_slots)]

    def copy(self) -> Schedule:
        other = Schedule.__new__(Schedule)
        other.pb = self.pb
        other.slot_of = list(self.slot_of)
        other.occ = [list(row) for row in self.occ]
        other.count = list(self.count)
        other.table_user = dict(self.table_user)
        other.in_slot = [set(ms) for ms in self.in_slot]
        return other

    def can_place(self, m: int, s: int, ignore: int = NO_SLOT) -> bool:
        """Whether meeting m fits slot s (treating meeting `ignore` as already removed)."""
        pb = self.pb
        if not all(pb.available[p][s] for p in pb.parts[m]):
            return False
        for p in pb.parts[m]:
            o = self.occ[p][s]
            if o != NO_SLOT and o != ignore:
                return False
        t = pb.table_need[m]
        if t == -1:
            return False
        freed = 1 if ignore != NO_SLOT and self.slot_of[ignore] == s else 0
        if self.count[s] - freed >= pb.tables:
            return False
        if t is not None:
            u = self.table_user.get((s, t))
            if u is not None and u != ignore:
                return False
        return True

    def place(self, m: int, s: int) -> None:
        if self.slot_of[m] != NO_SLOT:
            raise RuntimeError(f"meeting {m} is already placed")
        self.slot_of[m] = s
        for p in self.pb.parts[m]:
            self.occ[p][s] = m
        self.count[s] += 1
        self.in_slot[s].add(m)
        t = self.pb.table_need[m]
        if t is not None:
            self.table_user[(s, t)] = m

    def remove(self, m: int) -> int:
        s = self.slot_of[m]
        if s == NO_SLOT:
            return s
        self.slot_of[m] = NO_SLOT
        for p in self.pb.parts[m]:
            self.occ[p][s] = NO_SLOT
        self.count[s] -= 1
        self.in_slot[s].discard(m)
        t = self.pb.table_need[m]
        if t is not None:
            del self.table_user[(s, t)]
        return s

    def participant_gaps(self, p: int, session: int) -> int:
        """Idle slots of p in a session: free, available slots between two of p's meetings."""
        row = self.occ[p]
        avail = self.pb.available[p]
        first = -1
        idle = 0
        pending = 0
        for s in self.pb.session_slots[session]:
            if row[s] != NO_SLOT:
                if first >= 0:
                    idle += pending
                first = s
                pending = 0
            elif avail[s] and first >= 0:
                pending += 1
        return idle

    def total_gaps(self) -> int:
        return sum(
            self.participant_gaps(p, k)
            for p in range(self.pb.n_participants)
            for k in range(len(self.pb.session_slots))
        )

    def weight(self) -> int:
        return sum(w for m, w in enumerate(self.pb.weight) if self.slot_of[m] != NO_SLOT)

    def scheduled(self) -> int:
        return sum(1 for s in self.slot_of if s != NO_SLOT)


def assign_tables(schedule: Schedule) -> dict[int, int]:
    """Give every scheduled meeting a table in 1..tables.

    Order of preference inside a slot: the locked table, the participant's fixed table, the
    meeting's previous table (stability), the table one of its participants used in the
    previous slot (people stay seated), then the lowest free table that is nobody's stand
    (so a later request with an exhibitor does not displace an announced meeting).
    """
    pb = schedule.pb
    by_slot: list[list[int]] = [[] for _ in range(pb.n_slots)]
    for m, s in enumerate(schedule.slot_of):
        if s != NO_SLOT:
            by_slot[s].append(m)
    table_of: dict[int, int] = {}
    seat: dict[tuple[int, int], int] = {}  # (participant, slot) -> table
    for s, ms in enumerate(by_slot):
        used: set[int] = set()
        rest: list[int] = []
        for m in ms:
            lock = pb.locked.get(m)
            t = lock[1] if lock is not None and lock[0] == s else None
            if t is None:
                t = pb.fixed_table[m]
            if t is not None:
                table_of[m] = t
                used.add(t)
            else:
                rest.append(m)
        pending: list[int] = []
        for m in rest:
            prev = pb.previous.get(m)
            if prev is not None and prev[0] == s and prev[1] is not None and prev[1] not in used:
                table_of[m] = prev[1]
                used.add(prev[1])
            else:
                pending.append(m)
        # exhibitors' stand tables last: a later request with an exhibitor would need them
        free = sorted(
            (t for t in range(1, pb.tables + 1) if t not in used),
            key=lambda t: (t in pb.stand_tables, t),
        )
        free_set = set(free)
        late: list[int] = []
        for m in pending:
            choice = None
            if s > 0:
                for p in pb.parts[m]:
                    t = seat.get((p, s - 1))
                    if t is not None and t in free_set:
                        choice = t
                        break
            if choice is None:
                late.append(m)
            else:
                table_of[m] = choice
                free_set.discard(choice)
        remaining = iter(t for t in free if t in free_set)
        for m in late:
            table_of[m] = next(remaining)
        for m in ms:
            for p in pb.parts[m]:
                seat[(p, s)] = table_of[m]
    return table_of


@dataclass
class Result:
    """A schedule for an instance: assignments, unscheduled meeting ids and statistics."""

    assignments: list[dict[str, Any]]
    unscheduled: list[str]
    stats: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "assignments": [dict(a) for a in self.assignments],
            "unscheduled": list(self.unscheduled),
            "stats": dict(self.stats),
        }


def build_result(schedule: Schedule, started: float, extra: dict[str, Any] | None = None) -> Result:
    """Assign tables and turn a schedule into a `Result` with the common statistics."""
    pb = schedule.pb
    inst = pb.instance
    tables = assign_tables(schedule)
    order = sorted(
        (m for m in range(pb.n_meetings) if schedule.slot_of[m] != NO_SLOT),
        key=lambda m: (schedule.slot_of[m], tables[m]),
    )
    assignments = [
        {
            "meeting": inst.meetings[m].id,
            "slot": inst.slots[schedule.slot_of[m]].id,
            "table": tables[m],
        }
        for m in order
    ]
    unscheduled = [
        inst.meetings[m].id for m in range(pb.n_meetings) if schedule.slot_of[m] == NO_SLOT
    ]
    moved = sum(
        1
        for m, (s, t) in pb.previous.items()
        if schedule.slot_of[m] != s or (t is not None and tables.get(m) != t)
    )
    stats: dict[str, Any] = {
        "scheduled": len(assignments),
        "weight": schedule.weight(),
        "gaps": schedule.total_gaps(),
        "moved": moved,
        "previous": len(pb.previous),
        "participants_without_meeting": participants_left_out(schedule),
    }
    if extra:
        stats.update(extra)
    stats["seconds"] = round(time.perf_counter() - started, 3)
    return Result(assignments, unscheduled, stats)


def participants_left_out(schedule: Schedule) -> int:
    """Participants with at least one schedulable request but no meeting at all."""
    pb = schedule.pb
    count = 0
    for p in range(pb.n_participants):
        ms = [m for m in pb.meetings_of[p] if pb.allowed[m]]
        if ms and all(schedule.slot_of[m] == NO_SLOT for m in ms):
            count += 1
    return count
