"""Proven upper bound on the total weight of scheduled meetings.

Relaxation (a weighted b-matching on the request hypergraph): choose a set of meetings,
ignoring *when* they happen, such that

* each participant p is in at most ``cap(p)`` chosen meetings, where ``cap(p)`` is the number
  of slots in which p is available and at least one of p's requests could take place —
  p can attend at most one meeting per slot;
* at most ``sum over slots of tables`` meetings are chosen in total;
* meetings of participants with fixed table t are at most ``#slots`` — table t hosts one
  meeting per slot;
* locked meetings are chosen, meetings with no possible slot are not.

Every feasible schedule gives such a set, so the optimum of this relaxation bounds the
schedule's weight. It is solved as a MILP with HiGHS (`scipy.optimize.milp`); if the time
limit stops it, the MILP's proven dual bound is used, and if that fails the LP relaxation.
Weights are integers, so the bound is rounded down (with a small tolerance).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_matrix

from .core import Problem


def upper_bound(pb: Problem, time_limit: float = 5.0) -> tuple[int, str, set[int]]:
    """Return ``(bound, method, chosen)``.

    ``method`` is 'b-matching', 'b-matching-dual', 'lp' or 'trivial'; ``chosen`` is the
    meeting set of the relaxation's best integer solution (empty if none) — a good hint for
    which meetings the schedule should contain.
    """
    n = pb.n_meetings
    if n == 0:
        return 0, "b-matching", set()
    cap = []
    for p in range(pb.n_participants):
        usable: set[int] = set()
        for m in pb.meetings_of[p]:
            usable.update(pb.allowed[m])
        cap.append(len(usable))
    rows: list[int] = []
    cols: list[int] = []
    row = 0
    ub: list[float] = []
    for p in range(pb.n_participants):
        if not pb.meetings_of[p]:
            continue
        for m in pb.meetings_of[p]:
            rows.append(row)
            cols.append(m)
        ub.append(cap[p])
        row += 1
    rows.extend([row] * n)
    cols.extend(range(n))
    ub.append(pb.n_slots * pb.tables)
    row += 1
    by_table: dict[int, list[int]] = {}
    for m, t in enumerate(pb.fixed_table):
        if t is not None and t > 0:
            by_table.setdefault(t, []).append(m)
    for ms in by_table.values():
        rows.extend([row] * len(ms))
        cols.extend(ms)
        ub.append(pb.n_slots)
        row += 1
    a = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(row, n)).tocsr()
    lo = np.zeros(n)
    hi = np.array([1.0 if pb.allowed[m] else 0.0 for m in range(n)])
    for m in pb.locked:
        lo[m] = 1.0
    c = -np.array(pb.weight, dtype=float)
    constraint = LinearConstraint(a, -np.inf, np.array(ub, dtype=float))
    res = milp(
        c,
        integrality=np.ones(n),
        bounds=Bounds(lo, hi),
        constraints=constraint,
        options={
            "time_limit": max(0.1, time_limit),
            "mip_rel_gap": 0.0,
            "disp": False,
            "presolve": False,
        },
    )
    chosen = set() if res.x is None else {int(m) for m in np.flatnonzero(res.x > 0.5)}
    if res.status == 0 and res.fun is not None:
        return math.floor(-res.fun + 1e-6), "b-matching", chosen
    dual = getattr(res, "mip_dual_bound", None)
    if dual is not None and np.isfinite(dual):
        return math.floor(-dual + 1e-6), "b-matching-dual", chosen
    lp = linprog(c, A_ub=a, b_ub=np.array(ub, dtype=float), bounds=list(zip(lo, hi, strict=True)))
    if lp.status == 0:
        return math.floor(-lp.fun + 1e-6), "lp", chosen
    return sum(pb.weight[m] for m in range(n) if pb.allowed[m]), "trivial", chosen
