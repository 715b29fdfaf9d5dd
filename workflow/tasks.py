"""Tasks of the workflow: the reminder and escalation sweep; export jobs and their sweep."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from workflow import export_jobs
from workflow.packages.reminders import send_package_follow_ups
from workflow.reminders import send_due_reminders

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def send_reminders() -> int:
    """Every five minutes: send the reminders and escalations that are due."""
    announced = send_due_reminders() + send_package_follow_ups()
    if announced:
        logger.info("%s pengingat/eskalasi dikirim.", announced)
    return announced


@shared_task(
    ignore_result=True,
    # A 250-standard book takes minutes; the project's default limit is for short tasks.
    time_limit=settings.EXPORT_TASK_TIME_LIMIT,
    soft_time_limit=settings.EXPORT_TASK_TIME_LIMIT - 30,
)
def run_export(job_id: int) -> str:
    """Build the file of one export job (claimed in `workflow.export_jobs`, so safe to run twice)."""
    return export_jobs.run(job_id)


@shared_task(ignore_result=True)
def sweep_exports() -> int:
    """Every five minutes: delete expired files; queue again jobs whose message was lost at commit."""
    for job_id in export_jobs.pending_ids(older_than_seconds=120):
        run_export.delay(job_id)
    return export_jobs.purge_expired()
