"""Background export for the download page: takes a file name, hands it to the service."""

from __future__ import annotations

from celery import shared_task


@shared_task
def export_archive_task(name: str) -> str:
    from .services import export_write

    export_write(name=name)
    return name
