"""Request metrics in the Prometheus text format, served at ``/metrics``.

Per route (the resolved URL name such as ``directory:organisation_list``, never the raw path,
so ids and query strings do not multiply the series), method and status:

* ``digibridge_http_requests_total`` — a counter;
* ``digibridge_http_request_duration_seconds`` — a latency histogram (by route and method).

Several gunicorn workers: each process writes its samples to files under
``PROMETHEUS_MULTIPROC_DIR`` (prometheus-client's multiprocess mode) and whichever worker
answers ``/metrics`` aggregates all of them. The variable must be set before
``prometheus_client`` is first imported and the directory emptied before the server starts;
``digibridge serve`` does both (a directory under ``DIGIBRIDGE_VAR_DIR`` unless the variable is
already set) and tells the library when a worker exits. With one process and no variable the
in-memory registry is used.

Access: loopback clients by default; ``DIGIBRIDGE_METRICS_ALLOWED_IPS`` (comma-separated
addresses or networks) widens or narrows that, and ``DIGIBRIDGE_METRICS_TOKEN`` lets a scraper
in from anywhere with ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import time
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
# Seconds; web requests from a few milliseconds (health checks) to the 60 s worker timeout.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0)
UNRESOLVED = "<unresolved>"


@cache
def _metrics():
    """Create the metric objects once per process (after the multiprocess choice is made)."""
    from prometheus_client import Counter, Histogram

    requests = Counter(
        "digibridge_http_requests",
        "HTTP requests answered, by route name, method and status.",
        ["route", "method", "status"],
    )
    latency = Histogram(
        "digibridge_http_request_duration_seconds",
        "Time to answer an HTTP request, by route name and method.",
        ["route", "method"],
        buckets=BUCKETS,
    )
    return requests, latency


def route_name(request) -> str:
    """The resolved URL name (``namespace:name``), else the route pattern, else a constant."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return UNRESOLVED
    if match.url_name:
        return match.view_name
    return match.route or UNRESOLVED


def method_label(method: str | None) -> str:
    """Known HTTP methods as they are; anything else in one bucket (bounded label values)."""
    known = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
    return method if method in known else "other"


class RequestMetricsMiddleware:
    """Count and time every request; outermost, so it sees the whole time spent."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            return response
        finally:
            counter, histogram = _metrics()
            route = route_name(request)
            method = method_label(request.method)
            counter.labels(route, method, str(status)).inc()
            histogram.labels(route, method).observe(time.perf_counter() - started)


def _allowed_networks() -> list:
    networks = []
    for item in settings.DIGIBRIDGE_METRICS_ALLOWED_IPS:
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            continue
    return networks


def client_allowed(request) -> bool:
    """A configured bearer token, or a client address in the allowed networks."""
    token = settings.DIGIBRIDGE_METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer "):
        return secrets.compare_digest(header.removeprefix("Bearer ").strip(), token)
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in _allowed_networks())


def exposition() -> tuple[bytes, str]:
    """The current metrics (all processes' in multiprocess mode) and their content type."""
    from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

    _metrics()
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def metrics_view(request):
    if not client_allowed(request):
        return HttpResponse(
            "metrics: not allowed from this address\n", status=403, content_type="text/plain"
        )
    body, content_type = exposition()
    return HttpResponse(body, content_type=content_type)


def prepare_multiprocess_dir(var_dir: Path) -> Path:
    """Choose and empty the multiprocess directory before the server forks its workers.

    Uses ``PROMETHEUS_MULTIPROC_DIR`` when set, else ``<var>/prometheus``; sets the variable
    so the workers (forked from this process) inherit it. Call before ``prometheus_client`` is
    imported in this process.
    """
    path = Path(os.environ.get(MULTIPROC_ENV) or var_dir / "prometheus")
    if path.exists():
        for entry in path.glob("*.db"):
            entry.unlink()
    else:
        path.mkdir(parents=True)
    os.environ[MULTIPROC_ENV] = str(path)
    return path


def child_exit(_server, worker) -> None:
    """gunicorn's ``child_exit`` hook: let the library tidy up after a dead worker."""
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
