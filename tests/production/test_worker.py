"""A real Celery worker (``digibridge worker``) against the Redis on 127.0.0.1:6379.

The worker runs in a subprocess on a dedicated Redis database and a queue private to this test
run, so parallel runs do not take each other's tasks. Skipped when Redis does not answer.
"""

import os
import socket
import subprocess
import sys
import time
import uuid

import pytest
from celery.backends.redis import RedisBackend
from celery.result import AsyncResult

from digibridge.common.management.commands.worker import Command as WorkerCommand
from digibridge.config.celery import app

REDIS_HOST, REDIS_PORT, REDIS_DB = "127.0.0.1", 6379, 14
BROKER = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"


def redis_answers() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    """A worker subprocess consuming a private queue; yields (queue, log path)."""
    if not redis_answers():
        pytest.skip(f"Redis does not answer on {REDIS_HOST}:{REDIS_PORT}; worker test skipped")
    var_dir = tmp_path_factory.mktemp("worker")
    queue = f"digibridge-test-{uuid.uuid4().hex[:12]}"
    log_path = var_dir / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "digibridge.config.settings",
        "DIGIBRIDGE_VAR_DIR": str(var_dir),
        "DIGIBRIDGE_BROKER_URL": BROKER,
        "DIGIBRIDGE_TASK_QUEUE": queue,
        "DIGIBRIDGE_LOG_FORMAT": "json",
        "DATABASE_URL": f"sqlite:///{var_dir / 'worker.sqlite3'}",
    }
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own command line
            [sys.executable, "-m", "digibridge", "worker", "--concurrency=1"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield queue, log_path
    finally:
        app.conf.task_always_eager = saved
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        # Leave nothing of this run's queue in the shared Redis (results expire on their own).
        import redis

        redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB).delete(
            queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"
        )


def send(task, args, queue) -> AsyncResult:
    """Queue ``task`` on the test broker the way the app does, and its result from Redis.

    An explicit connection: this process's settings have no broker (tasks run eagerly), so the
    app's shared producer pool must not be used or changed for the other tests.
    """
    with app.connection_for_write(BROKER) as connection, connection.Producer() as producer:
        sent = task.apply_async(args=args, queue=queue, producer=producer)
    return AsyncResult(sent.id, app=app, backend=RedisBackend(app=app, url=BROKER))


def test_worker_argv_defaults_and_beat(settings):
    argv = WorkerCommand.worker_argv(
        concurrency=3,
        queues="digibridge,reports",
        beat=True,
        loglevel="INFO",
        pool="prefork",
        max_tasks_per_child=50,
        hostname=None,
    )
    assert argv[0] == "worker"
    assert "--concurrency=3" in argv and "--queues=digibridge,reports" in argv
    assert "--beat" in argv
    assert f"--schedule={settings.CELERY_BEAT_SCHEDULE_FILENAME}" in argv


def test_worker_command_refuses_without_broker(tmp_path):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "digibridge", "worker"],
        env={**os.environ, "DIGIBRIDGE_VAR_DIR": str(tmp_path), "DIGIBRIDGE_BROKER_URL": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "DIGIBRIDGE_BROKER_URL" in result.stderr


@pytest.mark.slow
def test_real_worker_runs_a_queued_task(worker):
    from digibridge.common.tasks import ping

    queue, log_path = worker
    result = send(ping, ["hello"], queue)
    try:
        value = result.get(timeout=25)
    except Exception:  # noqa: BLE001 - show what the worker said
        pytest.fail(f"worker did not run the task; its log:\n{log_path.read_text()}")
    assert value["payload"] == "hello"
    assert value["pid"] != os.getpid()
    assert result.state == "SUCCESS"


@pytest.mark.slow
def test_real_worker_reports_a_failed_task(worker):
    from digibridge.common.tasks import fail

    queue, log_path = worker
    result = send(fail, ["boom"], queue)
    with pytest.raises(RuntimeError, match="boom"):
        result.get(timeout=25)
    assert result.state == "FAILURE"
    deadline = time.monotonic() + 5
    while "task failed" not in log_path.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    log = log_path.read_text()
    assert "task failed" in log and "digibridge.common.tasks.fail" in log
