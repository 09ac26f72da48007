import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIGIBRIDGE = [sys.executable, "-m", "digibridge"]


def run(args, env=None, **kwargs):
    return subprocess.run(
        [*DIGIBRIDGE, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        **kwargs,
    )


def test_cli_help_lists_platform_commands(tmp_path):
    result = run(["help"], env={"DIGIBRIDGE_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    for command in ("serve", "demo", "migrate", "compiletranslations"):
        assert command in result.stdout


def test_secret_key_generated_once_and_kept_under_var(tmp_path):
    env = {"DIGIBRIDGE_VAR_DIR": str(tmp_path)}
    env.pop("DIGIBRIDGE_SECRET_KEY", None)
    assert run(["check"], env=env).returncode == 0
    key_file = tmp_path / "secret_key"
    first = key_file.read_text()
    assert len(first) > 40
    assert run(["check"], env=env).returncode == 0
    assert key_file.read_text() == first
    assert oct(key_file.stat().st_mode)[-3:] == "600"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_serve_runs_gunicorn_with_static_files_and_demo_data(tmp_path):
    """The embedded set-up end to end: migrate, demo, serve with gunicorn + whitenoise."""
    env = {"DIGIBRIDGE_VAR_DIR": str(tmp_path)}
    assert run(["migrate", "--no-input", "-v", "0"], env=env).returncode == 0
    demo = run(["demo"], env=env)
    assert demo.returncode == 0, demo.stderr
    assert "Demo logins" in demo.stdout and "operator" in demo.stdout
    again = run(["demo"], env=env)
    assert "already loaded" in again.stdout
    port = _free_port()
    server = subprocess.Popen(
        [*DIGIBRIDGE, "serve", "--port", str(port), "--workers", "1"],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310
                    assert response.status == 200
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("server did not answer")
        # The worker answers with the matching index the server built before forking it,
        # although no matches page has been asked for.
        with urllib.request.urlopen(f"{base}/healthz", timeout=10) as response:  # noqa: S310
            matching = json.load(response)["checks"]["matching"]
        assert matching["indexed"] == matching["vectors"] > 0
        with urllib.request.urlopen(f"{base}/", timeout=10) as response:  # noqa: S310
            page = response.read().decode()
        assert "DigiBridge" in page
        css = page.split('href="/static/vendor/pico')[1].split('"')[0]
        with urllib.request.urlopen(f"{base}/static/vendor/pico{css}", timeout=5) as response:  # noqa: S310
            assert response.headers["Content-Type"].startswith("text/css")
        with urllib.request.urlopen(f"{base}/api/v1/opportunities?limit=1", timeout=10) as r:  # noqa: S310
            assert b'"count"' in r.read()
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "gunicorn" in output.lower() or "Booting worker" in output
    assert "Matching index: " in output


@pytest.mark.parametrize(
    "entry",
    [
        # `digibridge serve` (checked with a command that stops before serving)
        "import sys; sys.argv = ['digibridge', 'serve', '--help']\n"
        "from digibridge import cli\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n",
        # a WSGI server pointed at the application module
        "import digibridge.config.wsgi\n",
    ],
    ids=["serve", "wsgi"],
)
def test_web_processes_use_one_math_thread(tmp_path, entry):
    """OpenBLAS' spinning helper threads would take the CPU from other requests."""
    code = entry + (
        "import numpy, threadpoolctl\n"
        "print({i['internal_api']: i['num_threads'] "
        "for i in threadpoolctl.threadpool_info()})\n"
    )
    env = {**os.environ, "DIGIBRIDGE_VAR_DIR": str(tmp_path)}
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    threads = eval(result.stdout.strip().splitlines()[-1])  # noqa: S307 - our own dict literal
    assert threads.get("openblas") == 1
