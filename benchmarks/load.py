"""A bounded HTTP load generator for a served DigiBridge, on loopback.

Each simulated user is a thread with its own keep-alive connection that requests the routes in
turn until the duration or the request budget is used up: without think time by default (a
stress test: 50 users then keep 50 requests in flight at every moment), or, with ``--think
MIN,MAX``, pausing a random MIN–MAX seconds after each answer as a person reading the page
would (the closed-loop model of locust's ``wait_time = between(MIN, MAX)``). ``--ramp S``
starts the scenario users one after another, evenly over the first S seconds (locust's spawn
rate), instead of all in the same millisecond: 50 users clicking at once queue 50 requests on two
cores, a burst no real audience makes, and with think time its echo lasts for several cycles.
The ramp is part of the duration and its requests are counted. The report gives
per route: requests, failures (status >= 400 or connection errors), throughput, and latency
percentiles p50/p95/p99 measured from sending the request to reading the whole body.

    python benchmarks/load.py --base-url http://127.0.0.1:8000 --users 50 --duration 30
    python benchmarks/load.py --start --users 20 --duration 20 --json

``--start`` serves a throw-away instance first (fresh SQLite under a temporary directory,
``digibridge migrate`` and ``digibridge demo``, then ``digibridge serve`` with ``--workers``)
and stops it afterwards; with ``--database-url`` it uses that database instead of SQLite.
Only loopback addresses are accepted, so the generator cannot be pointed at someone else's site.

``--scenario FILE`` (written by ``benchmarks/scale_data.py``) drives the issue's mix instead of
anonymous page views: every simulated user logs in through the login form first (not timed),
then cycles through directory search, the matches of one of their opportunities, their
personal agenda at the event, a meeting request to another participant (a POST with the CSRF
token; each user asks different people, so no request collides with another) and API listing
with their bearer token. Routes are reported by name, since paths vary per user.

``--count-queries`` (with ``--scenario`` and ``--database-url``) runs each route of the mix once
in this process with Django's test client and prints the number of SQL queries per page
(``CaptureQueriesContext``), instead of a load run.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookies
import json
import math
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
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
START_TIMEOUT_S = 1800
KEEPALIVE_S = 1.5  # gunicorn closes idle keep-alive connections after 2 s


def machine_cpu_ticks() -> tuple[int, int] | None:
    """(busy, total) CPU ticks of the whole machine so far, from /proc/stat; None elsewhere."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


def busy_cores(before: tuple[int, int] | None, after: tuple[int, int] | None) -> float | None:
    """How many cores were busy on average between two ``machine_cpu_ticks`` readings."""
    if before is None or after is None or after[1] <= before[1]:
        return None
    share = (after[0] - before[0]) / (after[1] - before[1])
    return round(share * (os.cpu_count() or 1), 2)


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


@dataclass
class Request:
    """One step of a user's cycle: a named route, its method and path, form body, headers."""

    name: str
    path: str
    method: str = "GET"
    form: dict[str, str] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    cookies: bool = True  # send the session cookie (False: API calls with a token only)


class Session:
    """A keep-alive connection with a cookie jar (session id, CSRF token)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(host, port, timeout=60)

    def reconnect(self) -> None:
        self.conn.close()
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def send(self, req: Request) -> tuple[int, bytes, http.client.HTTPResponse]:
        headers = {"Accept-Language": "en", **req.headers}
        body = None
        if req.cookies and self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if req.method == "POST":
            form = dict(req.form or {})
            if "csrftoken" in self.cookies:
                form.setdefault("csrfmiddlewaretoken", self.cookies["csrftoken"])
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(req.method, req.path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            for key, morsel in jar.items():
                self.cookies[key] = morsel.value
        return response.status, data, response

    def login(self, email: str, password: str) -> None:
        self.send(Request("login form", "/accounts/login/"))
        status, _data, response = self.send(
            Request("login", "/accounts/login/", "POST", {"username": email, "password": password})
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"could not log in as {email} (HTTP {status})")


def scenario_cycles(scenario: dict) -> list[tuple[dict, list[Request]]]:
    """Per user: the credentials and an endless-enough list of requests of the mix."""
    event = scenario["event"]
    queries = scenario["queries"]
    cycles = []
    for n, user in enumerate(scenario["users"]):
        steps: list[Request] = []
        opportunities = user["opportunities"] or [None]
        for i, recipient in enumerate(user["recipients"]):
            query = urllib.parse.quote(queries[(n + i) % len(queries)])
            steps.append(Request("directory search", f"/directory/?q={query}"))
            opportunity = opportunities[i % len(opportunities)]
            if opportunity is not None:
                steps.append(
                    Request("opportunity matches", f"/matching/opportunity/{opportunity}/")
                )
            steps.append(Request("personal agenda", f"/events/{event}/agenda/"))
            steps.append(
                Request(
                    "meeting request",
                    f"/events/{event}/participants/{recipient}/request/",
                    "POST",
                    {"message": "Could we meet at the fair?", "opportunity": ""},
                )
            )
            steps.append(
                Request(
                    "API listing",
                    f"/api/v1/opportunities?limit=20&offset={20 * ((n + i) % 50)}",
                    headers={"Authorization": f"Bearer {user['token']}"},
                    cookies=False,
                )
            )
        cycles.append((user, steps))
    return cycles


def scenario_user(
    host, port, user, steps, password, clock, budget, rec, ready, think=None, delay=0.0
):
    """Log in (not timed), wait for the start, then walk the steps until time or budget ends.

    ``clock`` holds the shared stop time, set once every user has logged in. ``think`` is
    ``(random generator, min s, max s)`` to pause after each answer, or None. ``delay`` is
    how long after the start this user's first request goes (the ramp).
    """
    session = Session(host, port)
    try:
        session.login(user["email"], password)
    except (SystemExit, OSError, http.client.HTTPException):
        rec.add("login", 0.0, 0)
        return
    finally:
        ready.release()
    clock["go"].wait()
    if delay > 0:
        time.sleep(delay)
    # A fresh connection: the server closes idle keep-alive ones while the others log in.
    session.reconnect()
    for req in steps:
        if time.monotonic() >= clock["stop_at"] or not rec.take_ticket(budget):
            break
        started = time.perf_counter()
        try:
            status, _data, _response = session.send(req)
        except (OSError, http.client.HTTPException):
            status = 0
            session.reconnect()
        # A meeting request answers with a redirect to the inbox; anything else is a failure.
        if req.method == "POST" and status == 200:
            status = 422
        rec.add(req.name, time.perf_counter() - started, status)
        if think is not None:
            rng, low, high = think
            pause = rng.uniform(low, high)
            if time.monotonic() + pause >= clock["stop_at"]:
                break
            time.sleep(pause)
            if pause > KEEPALIVE_S:
                # The server has closed the idle connection: open a new one, as a browser does.
                session.reconnect()
    session.conn.close()


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
    return report(base_url, routes, users, time.monotonic() - started, rec)


ROUTE_NAMES = [
    "directory search",
    "opportunity matches",
    "personal agenda",
    "meeting request",
    "API listing",
]


def run_scenario(
    base_url: str,
    scenario: dict,
    duration: float,
    budget: int,
    without: tuple[str, ...] = (),
    think: tuple[float, float] | None = None,
    ramp: float = 0.0,
) -> dict:
    """50 logged-in users (or as many as the scenario has) driving the issue's mix, minus the
    routes named in ``without``, pausing ``think`` = (min, max) seconds after each answer,
    starting one after another over the first ``ramp`` seconds."""
    parsed = urllib.parse.urlsplit(base_url)
    if parsed.hostname not in LOOPBACK:
        raise SystemExit(f"refusing to load {parsed.hostname}: loopback addresses only")
    rec = Recorder()
    cycles = [
        (info, [step for step in steps if step.name not in without])
        for info, steps in scenario_cycles(scenario)
    ]
    ready = threading.Semaphore(0)
    clock = {"go": threading.Event(), "stop_at": 0.0}
    threads = [
        threading.Thread(
            target=scenario_user,
            args=(parsed.hostname, parsed.port or 80, info, steps, scenario["password"], clock),
            kwargs={
                "budget": budget,
                "rec": rec,
                "ready": ready,
                "think": (random.Random(n), *think) if think else None,  # noqa: S311
                "delay": ramp * n / len(cycles),
            },
            daemon=True,
        )
        for n, (info, steps) in enumerate(cycles)
    ]
    # Log in one user at a time (password hashing is deliberately slow), then start together.
    for thread in threads:
        thread.start()
        ready.acquire()
    started = time.monotonic()
    ticks = machine_cpu_ticks()
    clock["stop_at"] = started + duration
    clock["go"].set()
    for thread in threads:
        thread.join()
    names = [name for name in ROUTE_NAMES if name not in without]
    result = report(base_url, names, len(cycles), time.monotonic() - started, rec)
    # The whole machine (server, database, generator) while the timed requests ran; the
    # logins before are left out (password hashing is deliberately slow).
    result["busy_cores"] = busy_cores(ticks, machine_cpu_ticks())
    result["think_s"] = list(think) if think else None
    result["ramp_s"] = ramp
    return result


def report(base_url: str, routes: list[str], users: int, elapsed: float, rec: Recorder) -> dict:
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
        "login_failures": rec.failures.get("login", 0),
        "routes": per_route,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_instance(
    workers: int, database_url: str | None, *, demo: bool = True, threads: int = 4
) -> tuple[subprocess.Popen, str, Path]:
    """Migrate, load the demo (unless told not to: a scenario brings its own data) and serve a
    throw-away instance; returns (process, url, dir)."""
    var_dir = Path(tempfile.mkdtemp(prefix="digibridge-load-"))
    env = {**os.environ, "DIGIBRIDGE_VAR_DIR": str(var_dir)}
    if database_url:
        env["DATABASE_URL"] = database_url
    command = [sys.executable, "-m", "digibridge"]
    steps = [["migrate", "--no-input", "-v", "0"]] + ([["demo"]] if demo else [])
    for step in steps:
        subprocess.run([*command, *step], env=env, check=True, capture_output=True)  # noqa: S603
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own command
        [
            *command,
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
        ],
        env=env,
        stdout=(var_dir / "serve.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: workers and companion stop with it
    )
    url = f"http://127.0.0.1:{port}"
    # The server builds the matching index before it starts its workers: minutes at 100,000.
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline and process.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status in (200, 503):
                return process, url, var_dir
        except OSError:
            time.sleep(0.5)
    stop_instance(process)
    raise SystemExit(
        f"the served instance did not answer /healthz within {START_TIMEOUT_S} s "
        f"(its output: {var_dir / 'serve.log'})"
    )


def index_build_line(var_dir: Path) -> str | None:
    """What ``digibridge serve`` said about building the matching index before its workers."""
    log = var_dir / "serve.log"
    if not log.exists():
        return None
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("Matching index"):
            return line.strip()
    return None


def stop_instance(process: subprocess.Popen) -> None:
    """Stop the served instance's whole process group: gracefully, then for good."""
    import signal

    for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            # The master is gone; make sure nothing of its group is left either.
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue
        return


def warm_up(base_url: str, paths: list[str], parallel: int, rounds: int = 2) -> list[float]:
    """Send ``parallel`` simultaneous requests per round so that every worker builds its
    matching index before the measurement (the first matches page of a process builds it).
    Returns each round's wall time in seconds."""
    parsed = urllib.parse.urlsplit(base_url)
    times = []
    for _ in range(rounds):
        started = time.monotonic()
        threads = [
            threading.Thread(
                target=_get_once, args=(parsed.hostname, parsed.port, paths[i % len(paths)])
            )
            for i in range(parallel)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        times.append(round(time.monotonic() - started, 1))
    return times


def _get_once(host: str, port: int, path: str) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=900)
    try:
        conn.request("GET", path)
        conn.getresponse().read()
    except (OSError, http.client.HTTPException):
        pass
    finally:
        conn.close()


def count_queries(scenario: dict, database_url: str | None) -> dict:
    """SQL queries per page of the mix, for the scenario's first user, in this process.

    Each page is requested twice and the second count is reported (the first matches page of a
    process builds the matching index). Uses Django's test client against the given database.
    """
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    # The test settings: the production ones with plain static files (no collectstatic needed).
    os.environ["DJANGO_SETTINGS_MODULE"] = "digibridge.config.test_settings"
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from digibridge.accounts.models import User

    info = scenario["users"][0]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(User.objects.get(email=info["email"]))
    # Two recipients from the end of the list, so a later load run can still use the start.
    spare = {**info, "recipients": info["recipients"][-2:]}
    steps = scenario_cycles({**scenario, "users": [spare]})[0][1]
    counts: dict[str, dict] = {}
    for req in steps:
        kwargs = {}
        if not req.cookies:
            kwargs["HTTP_AUTHORIZATION"] = req.headers["Authorization"]
            client.logout()
        cpu = time.process_time()
        with CaptureQueriesContext(connection) as captured:
            if req.method == "POST":
                response = client.post(req.path, req.form or {}, **kwargs)
            else:
                response = client.get(req.path, **kwargs)
        cpu_ms = (time.process_time() - cpu) * 1000
        if not req.cookies:
            client.force_login(User.objects.get(email=info["email"]))
        counts[req.name] = {
            "status": response.status_code,
            "queries": len(captured),
            # CPU of this process (Django, templates, the database driver; not PostgreSQL's).
            "cpu_ms": round(cpu_ms, 1),
        }
    return counts


def queries_table(counts: dict) -> str:
    lines = [f"{'route':24} {'status':>6} {'queries':>8} {'CPU ms':>8}"]
    for name, row in counts.items():
        lines.append(f"{name:24} {row['status']:>6} {row['queries']:>8} {row['cpu_ms']:>8}")
    return "\n".join(lines)


def table(report: dict) -> str:
    lines = [
        f"{report['users']} users, {report['duration_s']} s, {report['requests']} requests, "
        f"{report['failures']} failures, {report['throughput_rps']} req/s "
        f"({report['cpu_count']} cores, generator on the same machine"
        + (", think time {}–{} s".format(*report["think_s"]) if report.get("think_s") else "")
        + (f", users started over {report['ramp_s']} s" if report.get("ramp_s") else "")
        + (f", {report['busy_cores']} cores busy" if report.get("busy_cores") is not None else "")
        + ")",
        f"{'route':32} {'req':>6} {'fail':>5} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7}",
    ]
    for route, r in report["routes"].items():
        lines.append(
            f"{route[:32]:32} {r['requests']:>6} {r['failures']:>5} {r['throughput_rps']:>7} "
            f"{r['p50_ms']:>7} {r['p95_ms']:>7} {r['p99_ms']:>7}"
        )
    lines.append("latencies in ms")
    return "\n".join(lines)


def parse_think(text: str) -> tuple[float, float]:
    try:
        low, high = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("give MIN,MAX in seconds, e.g. 1,5") from None
    if not 0 <= low <= high:
        raise argparse.ArgumentTypeError("need 0 <= MIN <= MAX")
    return low, high


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
    parser.add_argument("--threads", type=int, default=4, help="threads per worker with --start")
    parser.add_argument("--scenario", help="scenario file from benchmarks/scale_data.py")
    parser.add_argument(
        "--count-queries", action="store_true", help="SQL queries per page of the scenario"
    )
    parser.add_argument(
        "--without", action="append", default=[], choices=ROUTE_NAMES, help="leave a route out"
    )
    parser.add_argument(
        "--think",
        type=parse_think,
        help="MIN,MAX seconds each scenario user pauses after an answer (default: no pause)",
    )
    parser.add_argument(
        "--ramp",
        type=float,
        default=0.0,
        help="start the scenario users evenly over the first RAMP seconds (default: together)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if not 0 <= args.ramp < args.duration:
        parser.error("--ramp must be at least 0 and shorter than --duration")
    routes = args.route or DEFAULT_ROUTES
    scenario = json.loads(Path(args.scenario).read_text()) if args.scenario else None
    if scenario is not None:
        scenario["users"] = scenario["users"][: args.users]
    if args.count_queries:
        if scenario is None:
            raise SystemExit("--count-queries needs --scenario")
        counts = count_queries(scenario, args.database_url)
        print(json.dumps(counts, indent=2) if args.json else queries_table(counts))
        return 0
    process = None
    base_url = args.base_url
    started = time.monotonic()
    if args.start:
        process, base_url, var_dir = start_instance(
            args.workers, args.database_url, demo=scenario is None, threads=args.threads
        )
        start_s = round(time.monotonic() - started, 1)
    try:
        if scenario is not None:
            first = scenario["users"][0]
            paths = [f"/matching/opportunity/{pk}/" for pk in first["opportunities"]]
            if "opportunity matches" in args.without or not paths:
                paths = ["/directory/"]
            warm = warm_up(base_url, paths, parallel=3 * args.workers * args.threads)
            without = tuple(args.without)
            report = run_scenario(
                base_url,
                scenario,
                args.duration,
                args.max_requests,
                without,
                args.think,
                ramp=args.ramp,
            )
            report["warm_up_s"] = warm
            report["workers"] = args.workers if args.start else None
            if args.start:
                report["start_s"] = start_s
                report["index_build"] = index_build_line(var_dir)
        else:
            # Warm up: each route once (first requests load templates and the matching index).
            run_load(base_url, routes, users=1, duration=60, budget=len(routes))
            report = run_load(base_url, routes, args.users, args.duration, args.max_requests)
        report["load_average"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        if process is not None:
            stop_instance(process)
    print(json.dumps(report, indent=2) if args.json else table(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
