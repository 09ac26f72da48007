"""Reference schedulers the optimiser is measured against (benchmark and tests).

* `first_come` — requests in arrival order, each into the first slot where it fits. This is
  what a booking form without optimisation does.
* `cpsat_one_shot` — one CP-SAT model over all (meeting, slot) pairs maximising weight, no
  decomposition, no gap objective. Single worker and fixed seed.

Both keep locks and all hard rules (tables are assigned by `core.assign_tables`).
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from .core import NO_SLOT, Problem, Result, Schedule, build_result
from .model import Instance


def _with_locks(pb: Problem) -> Schedule:
    sched = Schedule(pb)
    for m, (s, _) in pb.locked.items():
        sched.place(m, s)
    return sched


def first_come(instance: Instance) -> Result:
    """Schedule requests in arrival order, each in the earliest slot where it fits."""
    started = time.perf_counter()
    pb = Problem(instance)
    sched = _with_locks(pb)
    for m in range(pb.n_meetings):
        if sched.slot_of[m] != NO_SLOT:
            continue
        for s in pb.allowed[m]:
            if sched.can_place(m, s):
                sched.place(m, s)
                break
    return build_result(sched, started, {"method": "first-come"})


def cpsat_one_shot(instance: Instance, time_limit: float = 10.0, seed: int = 0) -> Result:
    """Plain CP-SAT weight maximisation over all (meeting, slot) pairs."""
    started = time.perf_counter()
    pb = Problem(instance)
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    for m in range(pb.n_meetings):
        for s in pb.allowed[m]:
            x[(m, s)] = model.new_bool_var(f"x{m}_{s}")
    by_meeting: dict[int, list[cp_model.IntVar]] = {}
    by_ps: dict[tuple[int, int], list[cp_model.IntVar]] = {}
    by_slot: dict[int, list[cp_model.IntVar]] = {}
    by_table: dict[tuple[int, int], list[cp_model.IntVar]] = {}
    for (m, s), var in x.items():
        by_meeting.setdefault(m, []).append(var)
        by_slot.setdefault(s, []).append(var)
        for p in pb.parts[m]:
            by_ps.setdefault((p, s), []).append(var)
        t = pb.table_need[m]
        if t is not None:
            by_table.setdefault((s, t), []).append(var)
    for group in (by_meeting, by_ps, by_table):
        for vs in group.values():
            if len(vs) > 1:
                model.add_at_most_one(vs)
    for vs in by_slot.values():
        if len(vs) > pb.tables:
            model.add(sum(vs) <= pb.tables)
    for m, (s, _) in pb.locked.items():
        model.add(x[(m, s)] == 1)
    model.maximize(sum(pb.weight[m] * var for (m, _), var in x.items()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit - (time.perf_counter() - started))
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    sched = _with_locks(pb)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for (m, s), var in x.items():
            if m not in pb.locked and solver.value(var):
                sched.place(m, s)
    return build_result(
        sched, started, {"method": "cp-sat one-shot", "status": solver.status_name(status)}
    )
