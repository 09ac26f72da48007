"""Instance model and JSON parsing for the meeting-schedule optimiser.

`parse_instance` is the only way untrusted input becomes an `Instance`. It guarantees that
everything the solver relies on holds, and otherwise raises `InstanceError` whose message
starts with the JSON path of the offending value (``meetings[3].participants[1]: ...``):

* ids are unique non-empty strings (integers are accepted and turned into strings);
* slot times are ISO 8601 with a UTC offset, ``end > start``, and slots do not overlap;
  slots are stored sorted by start time;
* sessions are contiguous runs of slots. If no slot names a session, a new session starts
  on a new calendar date or after a gap of more than ``SESSION_GAP`` between one slot's end
  and the next slot's start (a break). If sessions are given, every slot must name one;
* every referenced participant / slot / meeting exists, tables are in ``1..tables``;
* locks are feasible together: no participant in two locked meetings of one slot, no lock in
  a slot where a participant is unavailable, no slot with more locks than tables, no clash
  of locked or fixed tables. An infeasible set of locks is an input error, not a solver
  outcome, because a confirmed and announced meeting cannot be silently dropped.

`previous` assignments are *not* required to be feasible any more (availability may have
changed since they were made); the solver simply keeps those it can.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

SESSION_GAP = timedelta(minutes=10)


class InstanceError(ValueError):
    """Invalid instance; the message starts with the JSON path of the problem."""


@dataclass(frozen=True)
class Slot:
    id: str
    start: datetime
    end: datetime
    session: str


@dataclass(frozen=True)
class Participant:
    id: str
    unavailable: frozenset[str] = frozenset()
    table: int | None = None


@dataclass(frozen=True)
class Meeting:
    id: str
    participants: tuple[str, ...]
    priority: int = 1


@dataclass(frozen=True)
class Placement:
    """A meeting pinned (lock) or previously placed (previous) in a slot, maybe at a table."""

    meeting: str
    slot: str
    table: int | None = None


@dataclass
class Instance:
    """A validated scheduling problem. Slots are sorted by start time."""

    slots: list[Slot]
    tables: int
    participants: list[Participant]
    meetings: list[Meeting]
    locked: list[Placement] = field(default_factory=list)
    previous: list[Placement] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.slot_index = {s.id: i for i, s in enumerate(self.slots)}
        self.participant_index = {p.id: i for i, p in enumerate(self.participants)}
        self.meeting_index = {m.id: i for i, m in enumerate(self.meetings)}

    def to_dict(self) -> dict[str, Any]:
        """Serialise back to the instance JSON shape (round-trips through parse_instance)."""

        def place(p: Placement) -> dict[str, Any]:
            d: dict[str, Any] = {"meeting": p.meeting, "slot": p.slot}
            if p.table is not None:
                d["table"] = p.table
            return d

        participants = []
        for p in self.participants:
            d: dict[str, Any] = {"id": p.id}
            if p.unavailable:
                d["unavailable"] = [s.id for s in self.slots if s.id in p.unavailable]
            if p.table is not None:
                d["table"] = p.table
            participants.append(d)
        return {
            "slots": [
                {
                    "id": s.id,
                    "start": s.start.isoformat(),
                    "end": s.end.isoformat(),
                    "session": s.session,
                }
                for s in self.slots
            ],
            "tables": self.tables,
            "participants": participants,
            "meetings": [
                {"id": m.id, "participants": list(m.participants), "priority": m.priority}
                for m in self.meetings
            ],
            "locked": [place(p) for p in self.locked],
            "previous": [place(p) for p in self.previous],
        }


def _fail(path: str, message: str) -> InstanceError:
    return InstanceError(f"{path}: {message}")


def _obj(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(path, "expected an object")
    return value


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(path, "expected a list")
    return value


def _id(value: Any, path: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _fail(path, "expected a string id")
    text = str(value)
    if not text:
        raise _fail(path, "id must not be empty")
    return text


def _int(value: Any, path: str, minimum: int, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(path, "expected an integer")
    if value < minimum or (maximum is not None and value > maximum):
        upper = "" if maximum is None else f"..{maximum}"
        raise _fail(path, f"must be in {minimum}{upper if upper else ' or more'}, got {value}")
    return value


def _time(value: Any, path: str) -> datetime:
    if not isinstance(value, str):
        raise _fail(path, "expected an ISO 8601 date-time string")
    try:
        t = datetime.fromisoformat(value)
    except ValueError:
        raise _fail(path, f"not an ISO 8601 date-time: {value!r}") from None
    if t.tzinfo is None or t.utcoffset() is None:
        raise _fail(path, f"date-time needs a UTC offset (e.g. +01:00): {value!r}")
    return t


def _known(raw: dict[str, Any], key: str, path: str) -> Any:
    if key not in raw:
        raise _fail(path, f"missing required field '{key}'")
    return raw[key]


def _parse_slots(raw_slots: list[Any]) -> list[Slot]:
    if not raw_slots:
        raise _fail("slots", "at least one slot is required")
    seen: dict[str, int] = {}
    parsed: list[tuple[datetime, int, str, datetime, str | None]] = []
    for i, raw in enumerate(raw_slots):
        path = f"slots[{i}]"
        raw = _obj(raw, path)
        sid = _id(_known(raw, "id", path), f"{path}.id")
        if sid in seen:
            raise _fail(f"{path}.id", f"duplicate slot id '{sid}' (also slots[{seen[sid]}])")
        seen[sid] = i
        start = _time(_known(raw, "start", path), f"{path}.start")
        end = _time(_known(raw, "end", path), f"{path}.end")
        if end <= start:
            raise _fail(f"{path}.end", "end must be after start")
        session = raw.get("session")
        parsed.append(
            (start, i, sid, end, None if session is None else _id(session, f"{path}.session"))
        )
    given = [p[4] is not None for p in parsed]
    if any(given) and not all(given):
        missing = given.index(False)
        raise _fail(f"slots[{missing}].session", "either every slot names a session or none")
    parsed.sort(key=lambda p: (p[0], p[1]))
    slots: list[Slot] = []
    session_no = 0
    closed: set[str] = set()
    for k, (start, i, sid, end, session) in enumerate(parsed):
        if k:
            prev = parsed[k - 1]
            if start < prev[3]:
                raise _fail(f"slots[{i}]", f"overlaps slot '{prev[2]}'")
            if session is None:
                new = start - prev[3] > SESSION_GAP or start.date() != prev[0].date()
                session_no += int(new)
            elif session != prev[4]:
                if session in closed:
                    raise _fail(f"slots[{i}].session", f"session '{session}' is not contiguous")
                closed.add(str(prev[4]))
        slots.append(Slot(sid, start, end, session if session is not None else f"s{session_no}"))
    return slots


def parse_instance(data: Any) -> Instance:
    """Validate a JSON-like dict and build an `Instance` (raises `InstanceError`)."""
    data = _obj(data, "instance")
    slots = _parse_slots(_list(_known(data, "slots", "instance"), "slots"))
    slot_ids = {s.id for s in slots}
    tables = _int(_known(data, "tables", "instance"), "tables", 1)

    participants: list[Participant] = []
    pseen: dict[str, int] = {}
    for i, raw in enumerate(_list(_known(data, "participants", "instance"), "participants")):
        path = f"participants[{i}]"
        raw = _obj(raw, path)
        pid = _id(_known(raw, "id", path), f"{path}.id")
        if pid in pseen:
            raise _fail(f"{path}.id", f"duplicate participant id '{pid}'")
        pseen[pid] = i
        unavailable: set[str] = set()
        for j, s in enumerate(_list(raw.get("unavailable", []), f"{path}.unavailable")):
            s = _id(s, f"{path}.unavailable[{j}]")
            if s not in slot_ids:
                raise _fail(f"{path}.unavailable[{j}]", f"unknown slot '{s}'")
            unavailable.add(s)
        table = raw.get("table")
        if table is not None:
            table = _int(table, f"{path}.table", 1, tables)
        participants.append(Participant(pid, frozenset(unavailable), table))

    meetings: list[Meeting] = []
    mseen: dict[str, int] = {}
    for i, raw in enumerate(_list(_known(data, "meetings", "instance"), "meetings")):
        path = f"meetings[{i}]"
        raw = _obj(raw, path)
        mid = _id(_known(raw, "id", path), f"{path}.id")
        if mid in mseen:
            raise _fail(f"{path}.id", f"duplicate meeting id '{mid}'")
        mseen[mid] = i
        members = _list(_known(raw, "participants", path), f"{path}.participants")
        if len(members) < 2:
            raise _fail(f"{path}.participants", "a meeting needs at least two participants")
        ids: list[str] = []
        for j, p in enumerate(members):
            p = _id(p, f"{path}.participants[{j}]")
            if p not in pseen:
                raise _fail(f"{path}.participants[{j}]", f"unknown participant '{p}'")
            if p in ids:
                raise _fail(f"{path}.participants[{j}]", f"participant '{p}' listed twice")
            ids.append(p)
        priority = _int(raw.get("priority", 1), f"{path}.priority", 1)
        meetings.append(Meeting(mid, tuple(ids), priority))

    def placements(key: str, table_required: bool) -> list[Placement]:
        out: list[Placement] = []
        used: dict[str, int] = {}
        for i, raw in enumerate(_list(data.get(key, []), key)):
            path = f"{key}[{i}]"
            raw = _obj(raw, path)
            mid = _id(_known(raw, "meeting", path), f"{path}.meeting")
            if mid not in mseen:
                raise _fail(f"{path}.meeting", f"unknown meeting '{mid}'")
            if mid in used:
                raise _fail(f"{path}.meeting", f"meeting '{mid}' already in {key}[{used[mid]}]")
            used[mid] = i
            sid = _id(_known(raw, "slot", path), f"{path}.slot")
            if sid not in slot_ids:
                raise _fail(f"{path}.slot", f"unknown slot '{sid}'")
            table = _known(raw, "table", path) if table_required else raw.get("table")
            if table is not None:
                table = _int(table, f"{path}.table", 1, tables)
            out.append(Placement(mid, sid, table))
        return out

    locked = placements("locked", table_required=False)
    previous = placements("previous", table_required=True)
    instance = Instance(slots, tables, participants, meetings, locked, previous)
    _check_locks(instance)
    return instance


def meeting_table(instance: Instance, meeting: Meeting) -> tuple[int | None, str | None]:
    """Fixed table of a meeting and the participant forcing it.

    Returns ``(None, None)`` without a fixed table and ``(-1, pid)`` when two participants
    have different fixed tables (the meeting can then never be scheduled).
    """
    table: int | None = None
    owner: str | None = None
    for pid in meeting.participants:
        t = instance.participants[instance.participant_index[pid]].table
        if t is None:
            continue
        if table is not None and t != table:
            return -1, pid
        table, owner = t, pid
    return table, owner


def _check_locks(instance: Instance) -> None:
    by_slot_participant: dict[tuple[str, str], int] = {}
    by_slot_table: dict[tuple[str, int], int] = {}
    per_slot: dict[str, int] = {}
    for i, lock in enumerate(instance.locked):
        path = f"locked[{i}]"
        meeting = instance.meetings[instance.meeting_index[lock.meeting]]
        for pid in meeting.participants:
            p = instance.participants[instance.participant_index[pid]]
            if lock.slot in p.unavailable:
                raise _fail(path, f"participant '{pid}' is unavailable in slot '{lock.slot}'")
            other = by_slot_participant.get((lock.slot, pid))
            if other is not None:
                raise _fail(
                    path,
                    f"participant '{pid}' already has locked meeting "
                    f"'{instance.locked[other].meeting}' (locked[{other}]) in slot '{lock.slot}'",
                )
            by_slot_participant[(lock.slot, pid)] = i
        fixed, owner = meeting_table(instance, meeting)
        if fixed == -1:
            raise _fail(path, f"meeting '{meeting.id}' joins participants with different tables")
        if fixed is not None and lock.table is not None and lock.table != fixed:
            raise _fail(
                f"{path}.table",
                f"participant '{owner}' always sits at table {fixed}, lock says {lock.table}",
            )
        table = lock.table if lock.table is not None else fixed
        if table is not None:
            other = by_slot_table.get((lock.slot, table))
            if other is not None:
                raise _fail(
                    path,
                    f"table {table} in slot '{lock.slot}' is already taken by locked meeting "
                    f"'{instance.locked[other].meeting}' (locked[{other}])",
                )
            by_slot_table[(lock.slot, table)] = i
        per_slot[lock.slot] = per_slot.get(lock.slot, 0) + 1
        if per_slot[lock.slot] > instance.tables:
            raise _fail(
                path,
                f"slot '{lock.slot}' has more locked meetings than its {instance.tables} tables",
            )
