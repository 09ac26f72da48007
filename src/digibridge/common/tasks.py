"""Platform-level background tasks: a round trip check for workers."""

from __future__ import annotations

import os
import socket

from celery import shared_task


@shared_task
def ping(payload: str = "pong") -> dict:
    """Echo ``payload`` with the worker's host and process id: proves a worker took the task."""
    return {"payload": payload, "host": socket.gethostname(), "pid": os.getpid()}


@shared_task(max_retries=0)
def fail(message: str = "failure requested") -> None:
    """Fail on purpose (used to check that failures reach the failed-task log)."""
    raise RuntimeError(message)
