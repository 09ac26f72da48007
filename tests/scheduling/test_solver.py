"""Solver behaviour: hard rules, locks, tables, bound, gaps, stability, determinism."""

from __future__ import annotations

import time

from digibridge.scheduling import parse_instance, schedule_metrics, solve, solver, validate_schedule
from digibridge.scheduling.baselines import cpsat_one_shot, first_come
from digibridge.scheduling.bound import upper_bound
from digibridge.scheduling.core import Problem, Schedule, build_result
from digibridge.scheduling.generate import add_late_requests, generate_event

from .conftest import make_instance


def _solve(data: dict, time_limit: float = 5.0, seed: int = 0):
    inst = parse_instance(data)
    result = solve(inst, time_limit=time_limit, seed=seed)
    assert validate_schedule(inst, result) == []
    return inst, result


def _where(result) -> dict[str, tuple[str, int]]:
    return {a["meeting"]: (a["slot"], a["table"]) for a in result.to_dict()["assignments"]}


def test_solve_participant_never_double_booked():
    # p1 wants to meet everyone; 3 slots so exactly 3 of the 4 meetings fit
    data = make_instance(n_slots=3, people=5, meetings=[["p1", f"p{i}"] for i in range(2, 6)])
    _, result = _solve(data)
    where = _where(result)
    assert len(where) == 3
    assert len({slot for slot, _ in where.values()}) == 3
    assert len(result.unscheduled) == 1


def test_solve_respects_table_capacity():
    data = make_instance(
        n_slots=2,
        tables=2,
        people=10,
        meetings=[[f"p{2 * i + 1}", f"p{2 * i + 2}"] for i in range(5)],
    )
    _, result = _solve(data)
    per_slot: dict[str, int] = {}
    for slot, table in _where(result).values():
        assert 1 <= table <= 2
        per_slot[slot] = per_slot.get(slot, 0) + 1
    assert max(per_slot.values()) <= 2
    assert result.stats["scheduled"] == 4


def test_solve_respects_unavailability():
    data = make_instance(n_slots=3, meetings=[["p1", "p2"], ["p1", "p3"]])
    data["participants"][1]["unavailable"] = ["s1", "s2"]
    data["participants"][2]["unavailable"] = ["s3"]
    _, result = _solve(data)
    where = _where(result)
    assert where["m1"][0] == "s3"
    assert where["m2"][0] in {"s1", "s2"}


def test_solve_fixed_table_holds_for_all_meetings():
    data = make_instance(
        n_slots=4, tables=3, people=6, meetings=[["p1", f"p{i}"] for i in range(2, 6)]
    )
    data["participants"][0]["table"] = 3
    _, result = _solve(data)
    assert {t for _, t in _where(result).values()} == {3}
    assert result.stats["scheduled"] == 4


def test_solve_two_exhibitors_same_table_never_share_slot():
    data = make_instance(n_slots=2, tables=4, people=4, meetings=[["p1", "p3"], ["p2", "p4"]])
    data["participants"][0]["table"] = 2
    data["participants"][1]["table"] = 2
    _, result = _solve(data)
    where = _where(result)
    assert where["m1"][0] != where["m2"][0]


def test_solve_meeting_between_different_fixed_tables_unscheduled():
    data = make_instance(meetings=[["p1", "p2"]])
    data["participants"][0]["table"] = 1
    data["participants"][1]["table"] = 2
    _, result = _solve(data)
    assert result.unscheduled == ["m1"]
    assert result.stats["upper_bound"] == 0


def test_solve_multi_party_meeting_blocks_all_members():
    data = make_instance(
        n_slots=2, people=4, meetings=[["p1", "p2", "p3"], ["p3", "p4"], ["p1", "p4"]]
    )
    data["meetings"][0]["priority"] = 3
    _, result = _solve(data)
    where = _where(result)
    assert "m1" in where
    for other in ("m2", "m3"):
        if other in where:
            assert where[other][0] != where["m1"][0]
    assert result.stats["weight"] == 4  # m1 plus one of m2/m3: they share p4


def test_solve_keeps_locks_with_table():
    data = make_instance(
        n_slots=3,
        tables=3,
        meetings=[["p1", "p2"], ["p1", "p3"], ["p2", "p3"]],
        locked=[{"meeting": "m2", "slot": "s3", "table": 2}, {"meeting": "m3", "slot": "s1"}],
    )
    _, result = _solve(data)
    where = _where(result)
    assert where["m2"] == ("s3", 2)
    assert where["m3"][0] == "s1"
    assert where["m1"][0] == "s2"


def test_solve_priority_preferred_when_capacity_short():
    data = make_instance(n_slots=1, tables=1, meetings=[["p1", "p2"], ["p3", "p4"]])
    data["meetings"][1]["priority"] = 5
    _, result = _solve(data)
    assert result.unscheduled == ["m1"]
    assert result.stats["weight"] == 5


def test_solve_upper_bound_at_least_weight_on_generated_event():
    inst = parse_instance(generate_event(participants=40, requests=150, tables=8, seed=4))
    result = solve(inst, time_limit=5, seed=0)
    assert validate_schedule(inst, result) == []
    stats = result.stats
    assert stats["weight"] <= stats["upper_bound"]
    assert stats["gap_to_bound_pct"] >= 0
    assert schedule_metrics(inst, result)["weight"] == stats["weight"]


def test_solve_beats_first_come_on_weight_and_gaps():
    inst = parse_instance(generate_event(participants=40, requests=160, tables=8, seed=2))
    greedy = first_come(inst)
    result = solve(inst, time_limit=5, seed=0)
    assert validate_schedule(inst, greedy) == []
    assert validate_schedule(inst, result) == []
    g, r = schedule_metrics(inst, greedy), schedule_metrics(inst, result)
    assert r["weight"] >= g["weight"]
    assert r["gaps"] * 2 <= g["gaps"]
    assert r["gaps"] == result.stats["gaps"]


def test_solve_deterministic_for_seed():
    inst = parse_instance(generate_event(participants=30, requests=100, tables=6, seed=5))
    a = solve(inst, time_limit=10, seed=3).to_dict()
    b = solve(inst, time_limit=10, seed=3).to_dict()
    assert not a["stats"]["time_limit_hit"]
    assert a["assignments"] == b["assignments"]
    assert a["unscheduled"] == b["unscheduled"]


def test_solve_previous_kept_when_still_feasible():
    data = generate_event(participants=30, requests=90, tables=6, seed=6)
    inst = parse_instance(data)
    first = solve(inst, time_limit=5, seed=0).to_dict()
    late = parse_instance(add_late_requests(data, first, fraction=0.05, seed=1))
    again = solve(late, time_limit=5, seed=0)
    assert validate_schedule(late, again) == []
    assert again.stats["weight"] >= first["stats"]["weight"]
    assert again.stats["moved"] == schedule_metrics(late, again)["moved"]
    assert again.stats["moved"] <= 0.1 * len(late.previous)


def test_solve_previous_moved_counted_when_participant_drops_slot():
    data = make_instance(
        n_slots=3,
        meetings=[["p1", "p2"], ["p3", "p4"]],
        previous=[
            {"meeting": "m1", "slot": "s1", "table": 1},
            {"meeting": "m2", "slot": "s2", "table": 4},
        ],
    )
    data["participants"][1]["unavailable"] = ["s1"]
    _, result = _solve(data)
    where = _where(result)
    assert where["m2"] == ("s2", 4)
    assert where["m1"][0] != "s1"
    assert result.stats["moved"] == 1


def test_solve_empty_instance():
    _, result = _solve(make_instance(meetings=[]))
    assert result.to_dict()["assignments"] == []
    assert result.stats["upper_bound"] == 0


def test_cpsat_one_shot_valid_on_small_instance():
    inst = parse_instance(generate_event(participants=20, requests=50, tables=4, seed=1))
    result = cpsat_one_shot(inst, time_limit=5, seed=0)
    assert validate_schedule(inst, result) == []
    assert result.stats["weight"] == solve(inst, time_limit=5).stats["weight"]


def test_validate_schedule_catches_broken_schedules():
    data = make_instance(
        n_slots=2,
        tables=2,
        meetings=[["p1", "p2"], ["p1", "p3"], ["p3", "p4"]],
        locked=[{"meeting": "m3", "slot": "s2"}],
    )
    data["participants"][3]["table"] = 2
    data["participants"][1]["unavailable"] = ["s2"]
    inst = parse_instance(data)
    broken = {
        "assignments": [
            {"meeting": "m1", "slot": "s2", "table": 1},
            {"meeting": "m2", "slot": "s2", "table": 1},
            {"meeting": "m3", "slot": "s1", "table": 3},
        ],
        "unscheduled": [],
    }
    errors = validate_schedule(inst, broken)
    text = "\n".join(errors)
    assert "participant 'p2' is unavailable in slot 's2'" in text
    assert "participant 'p1' is also in meeting 'm1' in slot 's2'" in text
    assert "table 1 in slot 's2' also used by 'm1'" in text
    assert "table 3 outside 1..2" in text
    assert "participant 'p4' must sit at table 2, not 3" in text
    assert "locked meeting 'm3' is not in slot 's2'" in text
    missing = {"assignments": [], "unscheduled": ["m1"]}
    assert "meeting 'm2' is neither assigned nor unscheduled" in validate_schedule(inst, missing)


def test_solve_previous_schedule_unchanged_when_nothing_changed():
    data = generate_event(participants=30, requests=90, tables=6, seed=8)
    first = solve(parse_instance(data), time_limit=5, seed=0).to_dict()
    data["previous"] = first["assignments"]
    inst = parse_instance(data)
    again = solve(inst, time_limit=5, seed=1)
    assert validate_schedule(inst, again) == []
    assert again.stats["moved"] == 0
    assert again.to_dict()["assignments"] == first["assignments"]


def test_solve_fairness_gives_everyone_a_meeting_at_equal_weight():
    # one table, two slots: {m1, m2} and {m2, m3} weigh the same, only the second one
    # gives p3 a meeting
    data = make_instance(
        n_slots=2, tables=1, people=3, meetings=[["p1", "p2"], ["p1", "p2"], ["p1", "p3"]]
    )
    _, result = _solve(data)
    assert result.stats["weight"] == 2
    assert "m3" in _where(result)
    assert result.stats["participants_without_meeting"] == 0


def test_solve_respects_time_limit_on_larger_event():
    inst = parse_instance(generate_event(participants=200, requests=900, days=1, tables=40, seed=9))
    result = solve(inst, time_limit=1.5, seed=0)
    assert validate_schedule(inst, result) == []
    assert result.stats["seconds"] < 1.5 + 2.0  # slack for a loaded machine


def test_solve_locked_table_not_given_to_exhibitor():
    # the lock holds table 2 in s1, so the exhibitor at table 2 cannot meet in s1
    data = make_instance(
        n_slots=2,
        tables=3,
        people=5,
        meetings=[["p1", "p2"], ["p3", "p4"], ["p3", "p5"]],
        locked=[{"meeting": "m1", "slot": "s1", "table": 2}],
    )
    data["participants"][2]["table"] = 2
    _, result = _solve(data)
    where = _where(result)
    assert where["m1"] == ("s1", 2)
    assert result.stats["scheduled"] == 2
    assert all(slot == "s2" for mid, (slot, _) in where.items() if mid != "m1")


def _first_come_state(inst):
    pb = Problem(inst)
    sched = Schedule(pb)
    for m in range(pb.n_meetings):
        for s in pb.allowed[m]:
            if sched.can_place(m, s):
                sched.place(m, s)
                break
    return pb, sched


def test_improve_weight_milp_lifts_first_come_to_bound():
    inst = parse_instance(generate_event(participants=40, requests=160, tables=8, seed=2))
    pb, sched = _first_come_state(inst)
    before = sched.weight()
    bound, _, _ = upper_bound(pb)
    flags = {"time_limit_hit": False}
    status = solver.improve_weight(sched, time.perf_counter() + 10, flags, bound)
    assert status == "optimal"
    assert before < sched.weight() == bound
    assert validate_schedule(inst, build_result(sched, time.perf_counter())) == []


def test_improve_weight_decomposed_by_session_stays_valid(monkeypatch):
    monkeypatch.setattr(solver, "BLOCK_VARIABLES", 50)
    inst = parse_instance(
        generate_event(participants=40, requests=200, days=2, tables=6, session_length=4, seed=3)
    )
    pb, sched = _first_come_state(inst)
    before = sched.weight()
    status = solver.improve_weight(sched, time.perf_counter() + 10, {"time_limit_hit": False})
    assert status.split(",") == ["optimal"] * len(pb.session_slots)
    assert sched.weight() > before
    assert validate_schedule(inst, build_result(sched, time.perf_counter())) == []
