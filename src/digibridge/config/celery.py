"""Celery application: background jobs on workers when DIGIBRIDGE_BROKER_URL is set, else run
in-process (``CELERY_TASK_ALWAYS_EAGER``).

Guarantees on workers (``digibridge worker``):

* never lost: tasks are acknowledged after they finish (``CELERY_TASK_ACKS_LATE``) and requeued
  when the worker process dies (``CELERY_TASK_REJECT_ON_WORKER_LOST``);
* retried: every task derives from :class:`PlatformTask`, which retries transient failures
  (database or broker connection lost, time-outs) with exponential back-off and jitter;
* never blocked by the broker: when the broker cannot take a task (down, unreachable), the
  task runs in the calling process instead and a warning says so (:meth:`PlatformTask.apply_async`);
* reported: a task that fails for good (or is retried) leaves one structured record on the
  ``digibridge.tasks`` logger (task name, id, arguments, error), so operators find it in the
  logs — JSON lines with ``DIGIBRIDGE_LOG_FORMAT=json``.
"""

import logging
import os

from celery import Celery, Task
from celery.signals import task_failure, task_retry

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digibridge.config.settings")

failures = logging.getLogger("digibridge.tasks")


def _transient_errors() -> tuple[type[BaseException], ...]:
    """Errors worth a retry: the database or the broker was briefly unreachable."""
    from django.db import InterfaceError, OperationalError

    return (OperationalError, InterfaceError, ConnectionError, TimeoutError)


class PlatformTask(Task):
    """Base class of the platform's tasks: transient failures are retried with back-off.

    A task may still call ``self.retry`` itself or set its own ``autoretry_for``; anything
    else that escapes is a real failure, reported by :func:`report_failure`.
    """

    autoretry_for = _transient_errors()
    max_retries = 5
    retry_backoff = 5  # seconds for the first retry, doubling after that
    retry_backoff_max = 600
    retry_jitter = True

    def apply_async(
        self,
        args=None,
        kwargs=None,
        task_id=None,
        producer=None,
        link=None,
        link_error=None,
        shadow=None,
        **options,
    ):
        """Queue the task; if the broker cannot take it, run it here and now instead.

        The user's action that queued it (a message, an import, an e-mail) must not fail
        because the broker is down: the work is done in-process, slower but not lost, and the
        warning on the ``digibridge.tasks`` log tells operators what is missing."""
        from kombu.exceptions import OperationalError as BrokerError

        try:
            return super().apply_async(
                args,
                kwargs,
                task_id=task_id,
                producer=producer,
                link=link,
                link_error=link_error,
                shadow=shadow,
                **options,
            )
        except BrokerError as exc:
            failures.warning(
                "broker unavailable, running %s in this process: %s",
                self.name,
                exc,
                extra={"task_name": self.name, "error": _short(exc)},
            )
            return self.apply(args, kwargs, task_id=task_id, link=link, link_error=link_error)


app = Celery("digibridge", task_cls=PlatformTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _short(value, limit: int = 500) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


@task_failure.connect
def report_failure(sender=None, task_id=None, exception=None, args=None, kwargs=None, **_):
    """The failed-task log: one record per task that failed after its retries."""
    failures.error(
        "task failed: %s[%s]: %r",
        getattr(sender, "name", sender),
        task_id,
        exception,
        extra={
            "task_name": getattr(sender, "name", str(sender)),
            "task_id": task_id,
            "task_args": _short(args),
            "task_kwargs": _short(kwargs),
            "error": _short(exception),
        },
    )


@task_retry.connect
def report_retry(sender=None, request=None, reason=None, **_):
    failures.warning(
        "task retried: %s[%s]: %s",
        getattr(sender, "name", sender),
        getattr(request, "id", None),
        reason,
        extra={
            "task_name": getattr(sender, "name", str(sender)),
            "task_id": getattr(request, "id", None),
            "error": _short(reason),
        },
    )
