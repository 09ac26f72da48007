"""The load generator (``benchmarks/load.py``): bounded, loopback only, honest percentiles."""

import pytest
from benchmarks.load import percentile, run_load


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.50) == 50.0
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 0.99) == 99.0
    assert percentile([3.0], 0.99) == 3.0
    assert percentile([], 0.95) == 0.0


def test_load_refuses_other_hosts():
    with pytest.raises(SystemExit, match="loopback"):
        run_load("http://example.org", ["/"], users=1, duration=1, budget=1)


@pytest.mark.django_db(transaction=True)
def test_load_against_live_server_is_bounded(live_server):
    report = run_load(live_server.url, ["/healthz", "/"], users=2, duration=10, budget=12)
    assert report["requests"] == 12
    assert report["failures"] == 0
    assert report["routes"]["/healthz"]["requests"] == 6
    assert report["routes"]["/healthz"]["p95_ms"] >= report["routes"]["/healthz"]["p50_ms"] > 0


@pytest.mark.django_db(transaction=True)
def test_scenario_logs_in_posts_and_reports_every_route(live_server):
    from benchmarks.load import count_queries, run_scenario
    from benchmarks.scale_data import Sizes, generate
    from django.db import connection

    from digibridge.events.models import MeetingRequest

    # The test database on SQLite is in memory with a shared cache, where concurrent writers
    # fail at once ("table is locked") instead of waiting as they do on the WAL file the
    # platform uses: one user there, three on PostgreSQL.
    users = 1 if connection.vendor == "sqlite" else 3
    sizes = Sizes(organisations=30, opportunities=120, participants=20, meetings=30, users=users)
    scenario = generate(sizes, real_vectors=False)
    report = run_scenario(live_server.url, scenario, duration=60, budget=30)
    assert report["login_failures"] == 0
    assert report["requests"] == 30
    assert report["failures"] == 0, report["routes"]
    routes = report["routes"]
    assert set(routes) == {
        "directory search",
        "opportunity matches",
        "personal agenda",
        "meeting request",
        "API listing",
    }
    assert all(r["requests"] > 0 for r in routes.values())
    # Every meeting request the load sent was created, none refused.
    assert MeetingRequest.objects.count() == routes["meeting request"]["statuses"]["302"]
    counts = count_queries(scenario, None)
    assert counts["meeting request"]["status"] == 302
    assert all(row["status"] in (200, 302) and row["queries"] > 0 for row in counts.values())


def test_think_time_is_parsed_and_checked():
    import argparse

    from benchmarks.load import parse_think

    assert parse_think("1,5") == (1.0, 5.0)
    for bad in ("5,1", "-1,2", "fast", "1"):
        with pytest.raises(argparse.ArgumentTypeError):
            parse_think(bad)


@pytest.mark.django_db(transaction=True)
def test_scenario_users_pause_between_requests_and_reconnect(live_server, monkeypatch):
    import benchmarks.load as load
    from benchmarks.scale_data import Sizes, generate

    # Pauses longer than the keep-alive make each user open a fresh connection, as after a
    # real reader's pause; none of those requests may fail.
    monkeypatch.setattr(load, "KEEPALIVE_S", 0.01)
    sizes = Sizes(organisations=20, opportunities=60, participants=10, meetings=10, users=1)
    scenario = generate(sizes, real_vectors=False)
    report = load.run_scenario(live_server.url, scenario, duration=60, budget=8, think=(0.2, 0.3))
    assert report["think_s"] == [0.2, 0.3]
    assert report["requests"] == 8
    assert report["failures"] == 0, report["routes"]
    assert report["duration_s"] >= 7 * 0.2  # seven pauses between eight answers


def test_ramp_starts_the_users_one_after_another(monkeypatch):
    import benchmarks.load as load

    delays = []

    def fake_user(host, port, user, steps, password, clock, budget, rec, ready, **kw):
        delays.append(kw["delay"])
        ready.release()
        clock["go"].wait()

    monkeypatch.setattr(load, "scenario_user", fake_user)
    scenario = {
        "event": "fair",
        "queries": ["energy"],
        "password": "x",
        "users": [
            {"email": f"u{n}@example.org", "opportunities": [], "recipients": [], "token": "t"}
            for n in range(4)
        ],
    }
    report = load.run_scenario("http://127.0.0.1:9", scenario, duration=1, budget=1, ramp=8.0)
    assert sorted(delays) == [0.0, 2.0, 4.0, 6.0]
    assert report["ramp_s"] == 8.0


def test_ramp_must_fit_in_the_duration():
    from benchmarks.load import main

    with pytest.raises(SystemExit):
        main(["--duration", "10", "--ramp", "10"])
    with pytest.raises(SystemExit):
        main(["--ramp", "-1"])


def test_busy_cores_come_from_the_machine_counters():
    import os

    from benchmarks.load import busy_cores, machine_cpu_ticks

    assert busy_cores(None, (1, 2)) is None
    assert busy_cores((10, 100), (10, 100)) is None  # no time passed
    cores = os.cpu_count() or 1
    assert busy_cores((0, 0), (50, 100)) == round(0.5 * cores, 2)
    before = machine_cpu_ticks()
    if before is not None:  # Linux
        sum(i * i for i in range(300_000))  # a little work
        after = machine_cpu_ticks()
        assert after[1] >= before[1] and after[0] >= before[0]
