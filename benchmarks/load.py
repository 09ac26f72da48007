"""A bounded HTTP load generator for a served DigiBridge, on loopback.

Each simulated user is a thread with its own keep-alive connection that requests the routes in
turn, without think time, until the duration or the request budget is used up. The report gives
per route: requests, failures (status >= 400 or connection errors), throughput, and latency
percentiles p50/p95/p99 measured from sending the request to reading the whole body.

    python benchmarks/load.py --base-url http://127.0.0.1:8000 --users 50 --duration 30
    python benchmarks/load.py --start --users 20 --duration 20 --json

``--start`` serves a throw-away instance first (fresh SQLite under a temporary directory,
``digibridge migrate`` and ``digibridge demo``, then ``digibridge serve`` with ``--workers``)
and stops it afterwards; with ``--database-url`` it uses that database instead of SQLite.
Only loopback addresses are accepted, so the generator cannot be pointed at someone else's site.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

DEFAULT_ROUTES = [
    "/healthz",
    "/",
    "/directory/",
    "/directory/?q=energy",
    "/opportunities/",
    "/opportunities/showcase/",
    "/events/",
    "/api/v1/opportunities",
    "/api/v1/organisations",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of an ascending list (0 for an empty one)."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {}
        self.failures: dict[str, int] = {}
        self.statuses: dict[str, dict[int, int]] = {}
        self.issued = 0

    def take_ticket(self, budget: int) -> bool:
        with self.lock:
            if self.issued >= budget:
                return False
            self.issued += 1
            return True

    def add(self, route: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies.setdefault(route, []).append(seconds)
            counts = self.statuses.setdefault(route, {})
            counts[status] = counts.get(status, 0) + 1
            if status == 0 or status >= 400:
                self.failures[route] = self.failures.get(route, 0) + 1


def user(host: str, port: int, routes: list[str], offset: int, stop_at: float, budget: int, rec):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    i = offset
    while time.monotonic() < stop_at and rec.take_ticket(budget):
        route = routes[i % len(routes)]
        i += 1
        started = time.perf_counter()
        try:
            conn.request("GET", route, headers={"Accept-Language": "en"})
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
        rec.add(route, time.perf_counter() - started, status)
    conn.close()


def run_load(base_url: str, routes: list[str], users: int, duration: float, budget: int) -> dict:
    parsed = urllib.parse.urlsplit(base_url)
    if parsed.hostname not in LOOPBACK:
        raise SystemExit(f"refusing to load {parsed.hostname}: loopback addresses only")
    rec = Recorder()
    started = time.monotonic()
    stop_at = started + duration
    threads = [
        threading.Thread(
            target=user,
            args=(parsed.hostname, parsed.port or 80, routes, n, stop_at, budget, rec),
            daemon=True,
        )
        for n in range(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    per_route = {}
    for route in routes:
        values = sorted(rec.latencies.get(route, []))
        per_route[route] = {
            "requests": len(values),
            "failures": rec.failures.get(route, 0),
            "statuses": {str(k): v for k, v in sorted(rec.statuses.get(route, {}).items())},
            "throughput_rps": round(len(values) / elapsed, 2) if elapsed else 0.0,
            "p50_ms": round(percentile(values, 0.50) * 1000, 1),
            "p95_ms": round(percentile(values, 0.95) * 1000, 1),
            "p99_ms": round(percentile(values, 0.99) * 1000, 1),
            "mean_ms": round(statistics.fmean(values) * 1000, 1) if values else 0.0,
        }
    total = sum(r["requests"] for r in per_route.values())
    return {
        "base_url": base_url,
        "users": users,
        "duration_s": round(elapsed, 2),
        "requests": total,
        "failures": sum(r["failures"] for r in per_route.values()),
        "throughput_rps": round(total / elapsed, 2) if elapsed else 0.0,
        "cpu_count": os.cpu_count(),
        "routes": per_route,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_instance(workers: int, database_url: str | None) -> tuple[subprocess.Popen, str, Path]:
    """Migrate, load the demo and serve a throw-away instance; returns (process, url, dir)."""
    var_dir = Path(tempfile.mkdtemp(prefix="digibridge-load-"))
    env = {**os.environ, "DIGIBRIDGE_VAR_DIR": str(var_dir)}
    if database_url:
        env["DATABASE_URL"] = database_url
    command = [sys.executable, "-m", "digibridge"]
    for step in (["migrate", "--no-input", "-v", "0"], ["demo"]):
        subprocess.run([*command, *step], env=env, check=True, capture_output=True)  # noqa: S603
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own command
        [*command, "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status in (200, 503):
                return process, url, var_dir
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("the served instance did not answer /healthz within 120 s")


def table(report: dict) -> str:
    lines = [
        f"{report['users']} users, {report['duration_s']} s, {report['requests']} requests, "
        f"{report['failures']} failures, {report['throughput_rps']} req/s "
        f"({report['cpu_count']} cores, generator on the same machine)",
        f"{'route':32} {'req':>6} {'fail':>5} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7}",
    ]
    for route, r in report["routes"].items():
        lines.append(
            f"{route[:32]:32} {r['requests']:>6} {r['failures']:>5} {r['throughput_rps']:>7} "
            f"{r['p50_ms']:>7} {r['p95_ms']:>7} {r['p99_ms']:>7}"
        )
    lines.append("latencies in ms")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--start", action="store_true", help="serve a throw-away demo instance")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers with --start")
    parser.add_argument("--database-url", help="database for --start (default: fresh SQLite)")
    parser.add_argument("--users", type=int, default=50, help="concurrent users (threads)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds, at most")
    parser.add_argument("--max-requests", type=int, default=20000, help="request budget")
    parser.add_argument("--route", action="append", help="a path to request (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    routes = args.route or DEFAULT_ROUTES
    process = None
    base_url = args.base_url
    if args.start:
        process, base_url, _var_dir = start_instance(args.workers, args.database_url)
    try:
        # Warm up: each route once (first requests load templates and the matching index).
        run_load(base_url, routes, users=1, duration=60, budget=len(routes))
        report = run_load(base_url, routes, args.users, args.duration, args.max_requests)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
    print(json.dumps(report, indent=2) if args.json else table(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
