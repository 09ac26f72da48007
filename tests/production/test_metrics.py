"""``/metrics``: Prometheus text per route name, method and status; restricted; multi-process."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.urls import reverse

from tests.directory.factories import OrganisationFactory

DIGIBRIDGE = [sys.executable, "-m", "digibridge"]


def sample(text: str, name: str, **labels) -> float:
    """The value of one sample in Prometheus text (0 when absent); labels in any order."""
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(name + "{"):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0]))
        if all(found.get(key) == value for key, value in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


def scrape(client, **extra) -> str:
    response = client.get("/metrics", **extra)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


@pytest.mark.django_db
def test_requests_are_counted_and_timed_per_route_name(client):
    org = OrganisationFactory()
    path = reverse("directory:detail", args=[org.slug])
    before = scrape(client)
    for _ in range(3):
        assert client.get(path).status_code == 200
    assert client.get("/no-such-page/").status_code == 404
    after = scrape(client)

    route = "directory:detail"
    counted = "digibridge_http_requests_total"
    assert sample(after, counted, route=route, method="GET", status="200") - sample(
        before, counted, route=route, method="GET", status="200"
    ) == pytest.approx(3)
    hist = "digibridge_http_request_duration_seconds_count"
    assert sample(after, hist, route=route, method="GET") - sample(
        before, hist, route=route, method="GET"
    ) == pytest.approx(3)
    # The raw path (with the slug) never becomes a label value; unknown paths share one label.
    assert org.slug not in after
    assert "no-such-page" not in after
    assert sample(after, counted, route="<unresolved>", status="404") >= 1
    assert 'le="0.2"' in after


@pytest.mark.django_db
def test_metrics_refused_to_other_addresses_unless_token(client, settings):
    far = {"REMOTE_ADDR": "203.0.113.7"}
    assert client.get("/metrics", **far).status_code == 403
    settings.DIGIBRIDGE_METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong", **far).status_code == 403
    assert scrape(client, HTTP_AUTHORIZATION="Bearer s3cret-token", **far)
    settings.DIGIBRIDGE_METRICS_ALLOWED_IPS = ["203.0.113.0/24"]
    assert scrape(client, **far)
    # Loopback is only allowed while it is in the list.
    assert client.get("/metrics").status_code == 403


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.mark.slow
def test_gunicorn_workers_report_one_sum(tmp_path):
    """Two gunicorn workers: whichever answers /metrics reports all requests of both."""
    env = {**os.environ, "DIGIBRIDGE_VAR_DIR": str(tmp_path)}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    env.pop("DATABASE_URL", None)
    subprocess.run(  # noqa: S603 - our own command
        [*DIGIBRIDGE, "migrate", "--no-input", "-v", "0"], env=env, check=True, timeout=300
    )
    stale = tmp_path / "prometheus"
    stale.mkdir()
    (stale / "counter_999999.db").write_bytes(b"left over from an earlier run")
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [*DIGIBRIDGE, "serve", "--port", str(port), "--workers", "2", "--no-collectstatic"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if _get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("server did not answer")
        for _ in range(40):  # a new connection each time: both workers get some
            assert _get(f"{base}/healthz")[0] == 200
        for _ in range(6):
            status, text = _get(f"{base}/metrics")
            assert status == 200
            # 41 health checks in all (the first one included), whichever worker answered.
            assert sample(
                text, "digibridge_http_requests_total", route="common:healthz", status="200"
            ) == pytest.approx(41)
        db_files = {p.name for p in stale.glob("*.db")}
        pids = {re.search(r"_(\d+)\.db$", name).group(1) for name in db_files}
        assert "counter_999999.db" not in db_files
        assert len(pids) == 2, db_files  # one file set per worker
    finally:
        server.terminate()
        server.communicate(timeout=30)
