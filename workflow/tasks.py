"""Beat task of the workflow: the reminder and escalation sweep."""

from __future__ import annotations

import logging

from celery import shared_task

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
