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
