"""Benchmark of the meeting-schedule optimiser against first-come and one-shot CP-SAT.

Usage::

    PYTHONPATH=src python benchmarks/scheduling.py [--sizes networking,brokerage,tradefair]
        [--json] [--seed 1] [--cpsat-limit SECONDS] [--skip-cpsat]

For each generated event (see `digibridge.scheduling.generate`): first-come greedy, a plain
one-shot CP-SAT model (single worker, time limit), and `solve` (10 s on the two smaller
events, 60 s on the trade fair), plus a late-change run (5 % new requests with ``previous``
= the optimiser's schedule). Every schedule is checked by the independent validator and its
figures recomputed by `schedule_metrics`. Each run happens in a fresh process, so the peak
memory column is that process's peak resident set (interpreter, imports and the native
solvers included; an idle interpreter with the imports is about 100 MB).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from digibridge.scheduling import (  # noqa: E402
    parse_instance,
    schedule_metrics,
    solve,
    validate_schedule,
)
from digibridge.scheduling.baselines import cpsat_one_shot, first_come  # noqa: E402
from digibridge.scheduling.generate import SIZES, add_late_requests, generate_size  # noqa: E402

LIMITS = {"networking": 10.0, "brokerage": 10.0, "tradefair": 60.0}


def _child(
    name: str, seed: int, method: str, limit: float, previous: dict[str, Any] | None
) -> dict[str, Any]:
    """Run one method on a freshly generated instance (in its own process); return a row."""
    data = generate_size(name, seed=seed)
    if previous is not None:
        data = add_late_requests(data, previous, fraction=0.05, seed=seed + 100)
    instance = parse_instance(data)
    t0 = time.perf_counter()
    if method == "first-come":
        result = first_come(instance)
    elif method == "cp-sat":
        result = cpsat_one_shot(instance, time_limit=limit, seed=seed)
    else:
        result = solve(instance, time_limit=limit, seed=seed)
    seconds = time.perf_counter() - t0
    errors = validate_schedule(instance, result)
    if errors:
        raise AssertionError(f"{name}/{method}: invalid schedule: {errors[:5]}")
    row: dict[str, Any] = {"event": name, "requests": len(instance.meetings)}
    row.update(schedule_metrics(instance, result))
    row["seconds"] = round(seconds, 2)
    # peak resident memory of this process (includes interpreter, imports and native solvers)
    row["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)
    row["upper_bound"] = result.stats.get("upper_bound")
    row["previous"] = len(instance.previous)
    row["result"] = result.to_dict()
    return row


def _run(pool_ctx: Any, *args: Any) -> dict[str, Any]:
    with pool_ctx.Pool(1) as pool:
        return pool.apply(_child, args)


def run_size(name: str, seed: int, cpsat_limit: float | None) -> list[dict[str, Any]]:
    ctx = multiprocessing.get_context("spawn")
    limit = LIMITS.get(name, 10.0)
    rows: list[dict[str, Any]] = []
    greedy = _run(ctx, name, seed, "first-come", limit, None)
    rows.append({**greedy, "method": "first-come"})
    if cpsat_limit is not None:
        lim = cpsat_limit if cpsat_limit > 0 else limit
        row = _run(ctx, name, seed, "cp-sat", lim, None)
        rows.append({**row, "method": f"cp-sat one-shot {lim:g}s"})
    opt = _run(ctx, name, seed, "optimiser", limit, None)
    rows.append({**opt, "method": f"optimiser {limit:g}s"})
    bound = opt["upper_bound"]
    for r in rows:
        r["bound"] = bound
    late = _run(ctx, name, seed, "optimiser", limit, opt["result"])
    late["moved_pct"] = round(100.0 * late["moved"] / max(1, late["previous"]), 2)
    late["bound"] = late["upper_bound"]
    rows.append({**late, "method": f"late change +5% {limit:g}s"})
    for r in rows:
        r.pop("result", None)
        r.pop("upper_bound", None)
        r["pct_of_bound"] = round(100.0 * r["weight"] / r["bound"], 2) if r["bound"] else 100.0
    return rows


COLUMNS = [
    ("event", 10),
    ("method", 24),
    ("requests", 8),
    ("scheduled", 9),
    ("weight", 7),
    ("bound", 7),
    ("pct_of_bound", 8),
    ("gaps", 6),
    ("moved", 6),
    ("seconds", 8),
    ("peak_mb", 8),
]


def print_table(rows: list[dict[str, Any]]) -> None:
    head = " ".join(
        f"{'%bound' if c == 'pct_of_bound' else c:>{w}}"
        if c not in ("event", "method")
        else f"{c:<{w}}"
        for c, w in COLUMNS
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        cells = []
        for c, w in COLUMNS:
            v = r.get(c, "")
            if c == "moved" and "moved_pct" in r:
                v = f"{r['moved_pct']}%"
            cells.append(f"{v:<{w}}" if c in ("event", "method") else f"{v!s:>{w}}")
        print(" ".join(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated sizes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--cpsat-limit",
        type=float,
        default=0.0,
        help="CP-SAT time limit in seconds (0 = same as the optimiser's)",
    )
    parser.add_argument("--skip-cpsat", action="store_true")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    for name in args.sizes.split(","):
        if name not in SIZES:
            parser.error(f"--sizes: unknown size {name!r} (choose from {', '.join(SIZES)})")
        rows.extend(run_size(name, args.seed, None if args.skip_cpsat else args.cpsat_limit))
        if not args.json:
            print(f"... {name} done", file=sys.stderr)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
