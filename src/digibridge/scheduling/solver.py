"""The meeting-schedule optimiser.

Objectives, in order:

1. maximise the total priority weight of scheduled meetings;
2. keep already announced meetings (``previous``) where they were — see below;
3. minimise idle gaps (a free, available slot between two of a participant's meetings in the
   same session);
4. fairness: nobody with a schedulable request is left without any meeting, as long as this
   costs no weight.

Stability ranks above gaps whenever ``previous`` is given: moving an announced meeting to save
someone a coffee break is a worse trade than the break. Weight still ranks first: an announced
meeting is moved only when that lets more (weight of) meetings take place.

Pipeline (each stage keeps the best schedule found so far, so the result is always valid):

1. Upper bound (`bound.upper_bound`, b-matching MILP); its optimal meeting set is kept as a
   hint of which meetings to schedule.
2. Locks, then previous placements that are still feasible, then a greedy construction:
   hinted, then heaviest and most constrained requests first, each into the feasible slot
   closest to the participants' other meetings. On skewed events this often meets the bound.
3. Weight maximisation (skipped once the bound is met): exact MILP over (meeting, slot)
   variables, HiGHS via `highspy` with one thread, a fixed seed, presolve off (it ignored the
   time limit on these models) and the current schedule as warm start, so a time-limited
   run is never worse. Up to ``BLOCK_VARIABLES`` pairs it is one model; larger events are
   decomposed into days, or sessions when a day is still too big: meetings scheduled in the
   block plus all unscheduled ones are re-optimised while everything else stays fixed. A
   bonus term (below one unit of weight in total) prefers previous slots.
4. Fairness repair: swap in a meeting of a participant without meetings in place of an
   equal-or-lighter meeting whose participants keep at least one meeting each.
5. Gap reduction by local search with the meeting set fixed: relocate one meeting or swap
   it with the meeting blocking the target slot (or one of a full slot). Non-worsening moves
   are accepted, and rarely (``UPHILL``) a move adding one gap; the best state is restored
   at the end. Cost = gaps + ``MOVE_PENALTY`` per moved previous meeting (or previous table
   taken by an exhibitor's fixed table).
6. Tables (`core.assign_tables`).

Determinism: all randomness comes from ``random.Random(seed)`` and work limits are counted in
iterations, so a run that finishes within its time limit is reproducible for a given seed.
Only when the time limit cuts a stage short can two runs differ (``stats.time_limit_hit``).
"""

from __future__ import annotations

import random
import time
from typing import Any

import highspy
import numpy as np
from scipy.sparse import coo_matrix

from .bound import upper_bound
from .core import NO_SLOT, Problem, Result, Schedule, build_result
from .model import Instance

MOVE_PENALTY = 1000  # cost of moving an announced meeting in the gap search
MILP_SHARE = 0.5  # of the time limit, at most, for weight; the rest is for gaps
UPHILL = 0.05  # probability of accepting a move that adds one idle gap
STALL = 3000  # iterations without a new best before the gap search stops
SWAP_SAMPLE = 6  # meetings of a full slot tried as swap partners
BLOCK_VARIABLES = 100_000  # above this many (meeting, slot) pairs, decompose by day/session


def solve(instance: Instance, time_limit: float = 10.0, seed: int = 0) -> Result:
    """Schedule `instance` within about `time_limit` seconds; see the module docstring."""
    started = time.perf_counter()
    # keep a small reserve for table assignment and statistics after the search stops
    deadline = started + max(0.5, 0.97 * time_limit - 0.05)
    rng = random.Random(seed)  # noqa: S311 - reproducible search, not security
    pb = Problem(instance)
    flags = {"time_limit_hit": False}

    stages: dict[str, float] = {}
    clock = [started]

    def lap(name: str) -> None:
        now = time.perf_counter()
        stages[name] = round(now - clock[0], 3)
        clock[0] = now

    lap("setup")
    bound, method, hint = upper_bound(pb, time_limit=min(5.0, 0.15 * time_limit))
    lap("bound")
    sched = Schedule(pb)
    for m, (s, _) in pb.locked.items():
        sched.place(m, s)
    for m, (s, _) in sorted(pb.previous.items(), key=lambda kv: kv[1][0]):
        if sched.slot_of[m] == NO_SLOT and sched.can_place(m, s):
            sched.place(m, s)
    construct(sched, hint)
    lap("greedy")
    milp_status = "skipped"
    if sched.weight() < bound:
        milp_deadline = started + MILP_SHARE * (deadline - started)
        milp_status = improve_weight(sched, milp_deadline, flags, bound)
        if sched.weight() < bound:
            construct(sched)
    lap("milp")
    repair_fairness(sched)
    lap("fairness")
    reduce_gaps(sched, rng, deadline, flags)
    lap("gaps")
    weight = sched.weight()
    extra: dict[str, Any] = {
        "upper_bound": bound,
        "bound_method": method,
        "gap_to_bound_pct": round(100.0 * (bound - weight) / bound, 3) if bound else 0.0,
        "status": "optimal-weight" if weight >= bound else "feasible",
        "milp": milp_status,
        "time_limit_hit": flags["time_limit_hit"],
        "seed": seed,
        "stage_seconds": stages,
    }
    return build_result(sched, started, extra)


# --------------------------------------------------------------------------- construction


def _slot_cost(sched: Schedule, m: int, s: int) -> int:
    """How far slot s is from the participants' other meetings in its session (0 = adjacent)."""
    pb = sched.pb
    cost = 0
    k = pb.session_of[s]
    for p in pb.parts[m]:
        row = sched.occ[p]
        best = None
        for t in pb.session_slots[k]:
            if row[t] != NO_SLOT:
                d = abs(t - s) - 1
                if best is None or d < best:
                    best = d
        cost += 2 if best is None else best
    table = pb.fixed_table[m]
    if table is not None and pb.previous_seat.get((s, table), m) != m:
        cost += 100  # would push an announced meeting off its table
    return cost


def construct(sched: Schedule, hint: set[int] | None = None) -> None:
    """Greedily add unscheduled meetings: hinted (chosen by the bound's relaxation) first,
    then heavy, then constrained; each into the feasible slot closest to its participants'
    other meetings."""
    hint = hint or set()
    pb = sched.pb
    load = [0] * pb.n_participants
    for m in range(pb.n_meetings):
        for p in pb.parts[m]:
            load[p] += 1
    order = sorted(
        (m for m in range(pb.n_meetings) if sched.slot_of[m] == NO_SLOT and pb.allowed[m]),
        key=lambda m: (
            m not in hint,
            -pb.weight[m],
            len(pb.allowed[m]),
            -max(load[p] for p in pb.parts[m]),
            m,
        ),
    )
    for m in order:
        best = None
        best_cost = 0
        for s in pb.allowed[m]:
            if sched.can_place(m, s):
                c = _slot_cost(sched, m, s)
                if best is None or c < best_cost:
                    best, best_cost = s, c
                    if c == 0:
                        break
        if best is not None:
            sched.place(m, best)


# --------------------------------------------------------------------------- weight (MILP)


def _partitions(pb: Problem) -> list[list[list[int]]]:
    """Slot blocks for the weight MILP, one partition per pass.

    One block when the model is small. Otherwise days, or sessions when a day is still too
    big. (A second pass over whole days after the session pass was tried on the trade fair:
    the day models hit their time limit without finding anything better.)
    """
    pairs = sum(len(a) for a in pb.allowed)
    if pairs <= BLOCK_VARIABLES:
        return [[list(range(pb.n_slots))]]
    by_day: dict[object, list[int]] = {}
    for i, slot in enumerate(pb.instance.slots):
        by_day.setdefault(slot.start.date(), []).append(i)
    days = list(by_day.values())
    sessions = [list(ss) for ss in pb.session_slots]
    if len(days) > 1 and pairs / len(days) <= BLOCK_VARIABLES:
        return [days]
    return [sessions]


def improve_weight(
    sched: Schedule, deadline: float, flags: dict[str, bool], bound: int | None = None
) -> str:
    """Re-optimise weight block by block with an exact MILP; returns a status summary."""
    statuses: list[str] = []
    for blocks in _partitions(sched.pb):
        if bound is not None and sched.weight() >= bound:
            break
        for i, block in enumerate(blocks):
            remaining = deadline - time.perf_counter()
            if remaining <= 0.05:
                flags["time_limit_hit"] = True
                statuses.append("no-time")
                return ",".join(statuses)
            block_deadline = time.perf_counter() + remaining / (len(blocks) - i)
            statuses.append(_milp_block(sched, block, block_deadline, flags))
    return ",".join(statuses)


def _milp_block(sched: Schedule, block: list[int], deadline: float, flags: dict[str, bool]) -> str:
    pb = sched.pb
    in_block = set(block)
    cands = [
        m
        for m in range(pb.n_meetings)
        if m not in pb.locked
        and (sched.slot_of[m] in in_block or sched.slot_of[m] == NO_SLOT)
        and any(s in in_block for s in pb.allowed[m])
    ]
    if not cands:
        return "empty"
    var_m: list[int] = []
    var_s: list[int] = []
    for m in cands:
        for s in pb.allowed[m]:
            if s in in_block:
                var_m.append(m)
                var_s.append(s)
    n = len(var_m)
    # capacities left by the locked meetings (the only fixed meetings inside the block)
    slot_cap = {s: pb.tables for s in block}
    busy: set[tuple[int, int]] = set()
    table_busy: set[tuple[int, int]] = set()
    for m, (s, _) in pb.locked.items():
        if s in in_block:
            slot_cap[s] -= 1
            busy.update((p, s) for p in pb.parts[m])
            t = pb.table_need[m]
            if t is not None:
                table_busy.add((s, t))
    rows: list[int] = []
    cols: list[int] = []
    ub: list[float] = []
    row_of: dict[tuple[Any, ...], int] = {}

    def add(key: tuple[Any, ...], j: int, cap: float) -> None:
        r = row_of.get(key)
        if r is None:
            r = row_of[key] = len(ub)
            ub.append(cap)
        rows.append(r)
        cols.append(j)

    prev_count = sum(1 for m in cands if m in pb.previous and pb.previous[m][0] in in_block)
    big = prev_count + 1
    c = np.zeros(n)
    lo = np.zeros(n)
    hi = np.ones(n)
    for j in range(n):
        m, s = var_m[j], var_s[j]
        add(("m", m), j, 1)
        add(("s", s), j, slot_cap[s])
        for p in pb.parts[m]:
            add(("p", p, s), j, 1)
            if (p, s) in busy:
                hi[j] = 0
        t = pb.fixed_table[m]
        if t is not None:
            add(("t", s, t), j, 1)
            if (s, t) in table_busy:
                hi[j] = 0
        prev = pb.previous.get(m)
        c[j] = -(pb.weight[m] * big + (1 if prev is not None and prev[0] == s else 0))
    current = sum(-c[j] for j in range(n) if sched.slot_of[var_m[j]] == var_s[j] and hi[j] > 0)
    a = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(ub), n)).tocsc()
    start = np.array(
        [1.0 if sched.slot_of[var_m[j]] == var_s[j] and hi[j] > 0 else 0.0 for j in range(n)]
    )
    limit = deadline - time.perf_counter()  # model building time counts too
    x, optimal = _highs_milp(c, a, np.array(ub, dtype=float), lo, hi, limit, start)
    if not optimal:
        flags["time_limit_hit"] = True
    if x is None:
        return "no-solution"
    value = -float(c @ x)
    if value < current - 1e-6:
        return "kept"
    for m in cands:
        sched.remove(m)
    for j in np.flatnonzero(x > 0.5).tolist():
        sched.place(var_m[j], var_s[j])
    return "optimal" if optimal else "time-limit"


def _highs_milp(
    c: np.ndarray,
    a: Any,
    ub: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    limit: float,
    start: np.ndarray | None,
) -> tuple[np.ndarray | None, bool]:
    """Minimise c·x, a·x <= ub, lo <= x <= hi, x integer, with HiGHS (one thread, fixed seed).

    `start` is a feasible warm start: with it, a time-limited run still returns a solution at
    least as good. Returns ``(rounded x or None, proven optimal)``.
    """
    n, rows = len(c), len(ub)
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = rows
    lp.col_cost_ = c
    lp.col_lower_ = lo
    lp.col_upper_ = hi
    lp.row_lower_ = np.full(rows, -highspy.kHighsInf)
    lp.row_upper_ = ub
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.num_col_ = n
    lp.a_matrix_.num_row_ = rows
    lp.a_matrix_.start_ = a.indptr
    lp.a_matrix_.index_ = a.indices
    lp.a_matrix_.value_ = a.data
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    # the plain core object: the Python wrapper's constructor prints a banner on stdout,
    # which would corrupt the CLI's JSON output
    h = highspy._core._Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("time_limit", max(0.05, float(limit)))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("presolve", "off")  # presolve ignores the time limit on these models
    h.passModel(lp)
    if start is not None:
        sol = highspy.HighsSolution()
        sol.col_value = list(start)
        sol.value_valid = True
        h.setSolution(sol)
    h.run()
    optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    info = h.getInfo()
    if info.primal_solution_status != 2:  # no feasible solution
        return None, optimal
    return np.round(np.array(h.getSolution().col_value)), optimal


# --------------------------------------------------------------------------- fairness


def repair_fairness(sched: Schedule) -> int:
    """Give participants without meetings one, replacing equal-or-lighter meetings."""
    pb = sched.pb
    count = [0] * pb.n_participants
    for m, s in enumerate(sched.slot_of):
        if s != NO_SLOT:
            for p in pb.parts[m]:
                count[p] += 1
    fixed = set(pb.locked) | {m for m, (s, _) in pb.previous.items() if sched.slot_of[m] == s}
    repaired = 0
    for p in range(pb.n_participants):
        if count[p] or not any(pb.allowed[m] for m in pb.meetings_of[p]):
            continue
        done = False
        for m in sorted(pb.meetings_of[p], key=lambda m: -pb.weight[m]):
            for s in pb.allowed[m]:
                blockers = {sched.occ[q][s] for q in pb.parts[m]} - {NO_SLOT}
                if len(blockers) > 1:
                    continue
                if not blockers:  # slot full or fixed table taken: any meeting there may yield
                    t = pb.fixed_table[m]
                    user = sched.table_user.get((s, t)) if t is not None else None
                    blockers = {user} if user is not None else set(sched.in_slot[s])
                for b in sorted(blockers, key=lambda b: (pb.weight[b], b)):
                    if b in fixed or pb.weight[b] > pb.weight[m]:
                        continue
                    if any(count[q] < 2 for q in pb.parts[b]):
                        continue
                    sched.remove(b)
                    if not sched.can_place(m, s):
                        sched.place(b, s)
                        continue
                    sched.place(m, s)
                    for q in pb.parts[b]:
                        count[q] -= 1
                    for q in pb.parts[m]:
                        count[q] += 1
                    for t in pb.allowed[b]:  # put the displaced meeting back if it fits
                        if sched.can_place(b, t):
                            sched.place(b, t)
                            for q in pb.parts[b]:
                                count[q] += 1
                            break
                    repaired += 1
                    done = True
                    break
                if done:
                    break
            if done:
                break
    return repaired


# --------------------------------------------------------------------------- gaps


def _move_cost(pb: Problem, m: int, s: int) -> int:
    """Stability cost of meeting m in slot s: it left its previous slot, or its fixed table
    pushes a previous meeting off its previous table."""
    prev = pb.previous.get(m)
    cost = MOVE_PENALTY if prev is not None and prev[0] != s else 0
    t = pb.fixed_table[m]
    if t is not None and pb.previous_seat.get((s, t), m) != m:
        cost += MOVE_PENALTY
    return cost


def _local_gaps(sched: Schedule, people: set[int], sessions: set[int]) -> int:
    return sum(sched.participant_gaps(p, k) for p in people for k in sessions)


def reduce_gaps(
    sched: Schedule, rng: random.Random, deadline: float, flags: dict[str, bool]
) -> int:
    """Local search on idle gaps with the set of scheduled meetings fixed; returns gaps."""
    pb = sched.pb
    n_sessions = len(pb.session_slots)
    locked = set(pb.locked)

    def bad_list() -> list[tuple[int, int]]:
        return [
            (p, k)
            for p in range(pb.n_participants)
            for k in range(n_sessions)
            if sched.participant_gaps(p, k) > 0
        ]

    bad = bad_list()
    if not bad:
        return 0
    cost = sched.total_gaps() + sum(
        _move_cost(pb, m, s) for m, s in enumerate(sched.slot_of) if s != NO_SLOT
    )
    best_cost = cost
    snapshot: list[int] | None = None  # slot_of of the best state, if the current one is worse
    stall_limit = max(STALL, 8 * pb.n_meetings)
    max_iters = 60 * pb.n_meetings + 10_000
    stall = 0
    for it in range(max_iters):
        if it % 16 == 0 and time.perf_counter() > deadline:
            flags["time_limit_hit"] = True
            break
        if stall > stall_limit or best_cost == 0:
            break
        if not bad or it % 2000 == 1999:
            bad = bad_list()
            if not bad:
                break
        idx = rng.randrange(len(bad))
        p, k = bad[idx]
        if sched.participant_gaps(p, k) == 0:
            bad[idx] = bad[-1]
            bad.pop()
            continue
        mine = [
            sched.occ[p][s]
            for s in pb.session_slots[k]
            if sched.occ[p][s] != NO_SLOT and sched.occ[p][s] not in locked
        ]
        if not mine:
            bad[idx] = bad[-1]
            bad.pop()
            continue
        # prefer the first or last meeting of the session: moving those closes gaps
        m = mine[0] if rng.random() < 0.4 else mine[-1] if rng.random() < 0.67 else rng.choice(mine)
        move = _best_move(sched, m, rng, locked)
        stall += 1
        if move is None:
            continue
        delta, b, partner = move
        if delta > 0:
            # rare uphill step (simulated-annealing style) to leave local optima
            if delta >= MOVE_PENALTY or rng.random() >= UPHILL**delta:
                continue
            if snapshot is None and cost == best_cost:
                snapshot = list(sched.slot_of)
        elif delta == 0 and rng.random() > 0.3:
            continue
        _apply(sched, m, b, partner)
        cost += delta
        if cost < best_cost:
            best_cost, snapshot, stall = cost, None, 0
    if snapshot is not None and cost > best_cost:
        for m in range(pb.n_meetings):
            sched.remove(m)
        for m, s in enumerate(snapshot):
            if s != NO_SLOT:
                sched.place(m, s)
    return sched.total_gaps()


def _best_move(
    sched: Schedule, m: int, rng: random.Random, locked: set[int]
) -> tuple[int, int, int] | None:
    """Best relocate/swap of meeting m as ``(cost delta, target slot, partner or NO_SLOT)``."""
    pb = sched.pb
    a = sched.slot_of[m]
    best: tuple[int, int, int] | None = None
    targets = list(pb.allowed[m])
    rng.shuffle(targets)
    for b in targets:
        if b == a:
            continue
        partners: list[int] = [NO_SLOT]
        if not sched.can_place(m, b):
            blockers = {sched.occ[q][b] for q in pb.parts[m]} - {NO_SLOT}
            if len(blockers) > 1:
                continue
            if blockers:
                partners = list(blockers)
            else:  # slot full or fixed table taken: swap with a meeting of that slot
                t = pb.fixed_table[m]
                user = sched.table_user.get((b, t)) if t is not None else None
                if user is not None:
                    partners = [user]
                else:
                    pool = sorted(sched.in_slot[b])
                    partners = rng.sample(pool, min(SWAP_SAMPLE, len(pool)))
        for partner in partners:
            if partner != NO_SLOT and (partner in locked or a not in pb.allowed[partner]):
                continue
            delta = _delta(sched, m, a, b, partner)
            if delta is not None and (best is None or delta < best[0]):
                best = (delta, b, partner)
    return best


def _delta(sched: Schedule, m: int, a: int, b: int, partner: int) -> int | None:
    pb = sched.pb
    people = set(pb.parts[m])
    if partner != NO_SLOT:
        people.update(pb.parts[partner])
    sessions = {pb.session_of[a], pb.session_of[b]}
    before = _local_gaps(sched, people, sessions) + _move_cost(pb, m, a)
    if partner != NO_SLOT:
        before += _move_cost(pb, partner, b)
    sched.remove(m)
    ok = True
    if partner != NO_SLOT:
        sched.remove(partner)
        ok = sched.can_place(m, b) and sched.can_place(partner, a)
        if ok:
            sched.place(m, b)
            sched.place(partner, a)
    else:
        sched.place(m, b)
    after = 0
    if ok:
        after = _local_gaps(sched, people, sessions) + _move_cost(pb, m, b)
        if partner != NO_SLOT:
            after += _move_cost(pb, partner, a)
        sched.remove(m)
        if partner != NO_SLOT:
            sched.remove(partner)
    if partner != NO_SLOT:
        sched.place(partner, b)
    sched.place(m, a)
    return after - before if ok else None


def _apply(sched: Schedule, m: int, b: int, partner: int) -> None:
    a = sched.remove(m)
    if partner != NO_SLOT:
        sched.remove(partner)
        sched.place(partner, a)
    sched.place(m, b)
