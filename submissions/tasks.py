"""Celery adapters for the exports: each takes an id and hands it to `submissions.exports.jobs`."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from submissions.exports import jobs


@shared_task(
    ignore_result=True,
    # A 250-standard book takes minutes; the project's default limit is for short tasks.
    time_limit=settings.EXPORT_TASK_TIME_LIMIT,
    soft_time_limit=settings.EXPORT_TASK_TIME_LIMIT - 30,
)
def run_export(job_id: int) -> str:
    return jobs.run(job_id)


@shared_task(ignore_result=True)
def sweep_exports() -> int:
    """Delete expired files; queue again jobs whose message was lost (broker down at commit time)."""
    for job_id in jobs.pending_ids(older_than_seconds=120):
        run_export.delay(job_id)
    return jobs.purge_expired()
