"""Command line: ``digibridge schedule --instance FILE.json [--time-limit S] [--seed N] --json``.

Exit codes: 0 on success, 2 on invalid input (unreadable file, bad JSON, an instance error
naming the place such as ``meetings[3].participants[1]: unknown participant 'p999'``, or an
infeasible set of locks). ``--instance -`` reads the instance from standard input.
"""

from __future__ import annotations

import argparse
import json
import sys

from .model import InstanceError, parse_instance
from .solver import solve


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digibridge schedule",
        description="Place meeting requests into time slots and tables.",
    )
    parser.add_argument("--instance", required=True, help="instance JSON file, or - for stdin")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["schedule"]:
        args_list = args_list[1:]
    args = build_parser().parse_args(args_list)
    try:
        if args.instance == "-":
            text = sys.stdin.read()
        else:
            with open(args.instance, encoding="utf-8") as fh:
                text = fh.read()
    except OSError as exc:
        print(f"error: instance: cannot read {args.instance}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        print(
            f"error: instance: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
            file=sys.stderr,
        )
        return 2
    try:
        instance = parse_instance(data)
    except InstanceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.time_limit <= 0:
        print("error: --time-limit: must be positive", file=sys.stderr)
        return 2
    result = solve(instance, time_limit=args.time_limit, seed=args.seed)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        st = result.stats
        print(
            f"scheduled {st['scheduled']} of {len(instance.meetings)} meetings, "
            f"weight {st['weight']} (upper bound {st['upper_bound']}, "
            f"{st['gap_to_bound_pct']}% below), idle gaps {st['gaps']}, "
            f"moved {st['moved']} of {st['previous']} previous, {st['seconds']} s"
        )
    return 0
