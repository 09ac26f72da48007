"""Instance validation: every error names the JSON path of the problem."""

from __future__ import annotations

import pytest

from digibridge.scheduling import InstanceError, parse_instance

from .conftest import make_instance, make_slots


def _error(data: dict) -> str:
    with pytest.raises(InstanceError) as exc:
        parse_instance(data)
    return str(exc.value)


def test_parse_instance_valid_sorts_slots_and_derives_sessions():
    slots = make_slots(6, per_session=3)
    data = make_instance(meetings=[["p1", "p2"]])
    data["slots"] = list(reversed(slots))
    inst = parse_instance(data)
    assert [s.id for s in inst.slots] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert [s.session for s in inst.slots] == ["s0", "s0", "s0", "s1", "s1", "s1"]


def test_parse_instance_new_day_starts_new_session():
    slots = make_slots(2)
    slots[1]["start"] = "2026-06-02T09:00:00+02:00"
    slots[1]["end"] = "2026-06-02T09:25:00+02:00"
    inst = parse_instance(make_instance(meetings=[], slots=slots))
    assert inst.slots[0].session != inst.slots[1].session


def test_parse_instance_unknown_participant_names_path():
    data = make_instance(meetings=[["p1", "p2"], ["p1", "p3"], ["p2", "p3"], ["p1", "p999"]])
    assert _error(data) == "meetings[3].participants[1]: unknown participant 'p999'"


def test_parse_instance_naive_time_rejected():
    data = make_instance()
    data["slots"][2]["start"] = "2026-06-01T10:00:00"
    assert _error(data).startswith("slots[2].start: date-time needs a UTC offset")


def test_parse_instance_end_before_start_rejected():
    data = make_instance()
    data["slots"][1]["end"] = data["slots"][1]["start"]
    assert _error(data) == "slots[1].end: end must be after start"


def test_parse_instance_duplicate_ids_rejected():
    data = make_instance(meetings=[["p1", "p2"], ["p3", "p4"]])
    data["meetings"][1]["id"] = "m1"
    assert _error(data) == "meetings[1].id: duplicate meeting id 'm1'"
    data = make_instance()
    data["participants"][3]["id"] = "p1"
    assert _error(data) == "participants[3].id: duplicate participant id 'p1'"
    data = make_instance()
    data["slots"][1]["id"] = "s1"
    assert _error(data) == "slots[1].id: duplicate slot id 's1' (also slots[0])"


def test_parse_instance_overlapping_slots_rejected():
    data = make_instance()
    data["slots"][1]["start"] = "2026-06-01T09:10:00+02:00"
    assert _error(data) == "slots[1]: overlaps slot 's1'"


def test_parse_instance_bad_fields_rejected():
    assert _error(make_instance(tables=0)) == "tables: must be in 1 or more, got 0"
    data = make_instance()
    data["participants"][0]["table"] = 9
    assert _error(data) == "participants[0].table: must be in 1..5, got 9"
    data = make_instance()
    data["participants"][1]["unavailable"] = ["s1", "nope"]
    assert _error(data) == "participants[1].unavailable[1]: unknown slot 'nope'"
    data = make_instance(meetings=[["p1"]])
    assert _error(data) == "meetings[0].participants: a meeting needs at least two participants"
    data = make_instance(meetings=[["p1", "p2"]])
    data["meetings"][0]["priority"] = "high"
    assert _error(data) == "meetings[0].priority: expected an integer"
    data = make_instance()
    del data["tables"]
    assert _error(data) == "instance: missing required field 'tables'"


def test_parse_instance_locks_and_previous_checked():
    data = make_instance(meetings=[["p1", "p2"]], locked=[{"meeting": "m7", "slot": "s1"}])
    assert _error(data) == "locked[0].meeting: unknown meeting 'm7'"
    data = make_instance(meetings=[["p1", "p2"]], previous=[{"meeting": "m1", "slot": "s1"}])
    assert _error(data) == "previous[0]: missing required field 'table'"
    data = make_instance(
        meetings=[["p1", "p2"]], previous=[{"meeting": "m1", "slot": "s9", "table": 1}]
    )
    assert _error(data) == "previous[0].slot: unknown slot 's9'"


def test_parse_instance_locks_sharing_participant_in_slot_rejected():
    data = make_instance(
        meetings=[["p1", "p2"], ["p1", "p3"]],
        locked=[{"meeting": "m1", "slot": "s2"}, {"meeting": "m2", "slot": "s2"}],
    )
    assert _error(data) == (
        "locked[1]: participant 'p1' already has locked meeting 'm1' (locked[0]) in slot 's2'"
    )


def test_parse_instance_lock_in_unavailable_slot_rejected():
    data = make_instance(meetings=[["p1", "p2"]], locked=[{"meeting": "m1", "slot": "s3"}])
    data["participants"][1]["unavailable"] = ["s3"]
    assert _error(data) == "locked[0]: participant 'p2' is unavailable in slot 's3'"


def test_parse_instance_locks_over_capacity_rejected():
    data = make_instance(
        tables=1,
        meetings=[["p1", "p2"], ["p3", "p4"]],
        locked=[{"meeting": "m1", "slot": "s1"}, {"meeting": "m2", "slot": "s1"}],
    )
    assert _error(data) == "locked[1]: slot 's1' has more locked meetings than its 1 tables"


def test_parse_instance_lock_conflicting_with_fixed_table_rejected():
    data = make_instance(
        meetings=[["p1", "p2"]], locked=[{"meeting": "m1", "slot": "s1", "table": 2}]
    )
    data["participants"][0]["table"] = 4
    assert _error(data) == "locked[0].table: participant 'p1' always sits at table 4, lock says 2"


def test_parse_instance_round_trips_through_to_dict():
    data = make_instance(meetings=[["p1", "p2", "p3"]], locked=[{"meeting": "m1", "slot": "s2"}])
    data["participants"][3]["unavailable"] = ["s1"]
    inst = parse_instance(data)
    again = parse_instance(inst.to_dict())
    assert again.to_dict() == inst.to_dict()
