"""Background tasks of reports: thin, they take ids and call a service."""

from __future__ import annotations

from celery import shared_task


@shared_task(max_retries=0)
def run_import(job_id: int) -> str | None:
    """Run a web import job (``services.import_job_run``); returns its final status."""
    from .services import import_job_run

    job = import_job_run(job_id=job_id)
    return job.status if job is not None else None
