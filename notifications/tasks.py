"""Celery adapters: each task takes an id (or nothing), calls a service, and reports."""

from __future__ import annotations

import logging

from celery import shared_task

from notifications import delivery, digests
from notifications.dispatch import dispatch_deliveries

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def deliver_notification(notification_id: int) -> str:
    """Send one notification; a transient failure is enqueued again after its backoff (capped)."""
    result = delivery.deliver(notification_id)
    if result.outcome is delivery.Outcome.RETRY:
        # A backoff longer than the countdown cap arrives early, fails the claim, and the
        # sweeper sends the row once it is due.
        dispatch_deliveries([notification_id], countdown=result.retry_in)
    return result.outcome.value


@shared_task(ignore_result=True)
def sweep_outbox() -> int:
    """Every minute: recover rows of dead workers and re-enqueue rows left pending."""
    result = delivery.sweep_outbox()
    return dispatch_deliveries(result.due)


@shared_task(ignore_result=True)
def send_daily_digests() -> int:
    """Once a day: one email per user gathering his digest-mode notifications."""
    digest_ids = digests.compose_all_digests()
    logger.info("%s ringkasan harian disiapkan.", len(digest_ids))
    return len(digest_ids)
