"""Celery adapters: each task takes an id (or nothing), calls a service, and reports.

`deliver_notification` and its batch `deliver_notifications` are defined in
notifications.dispatch (and `deliver_webhook` in notifications.webhooks.dispatch), beside the
enqueueing they use; they are named here too, where the worker's autodiscovery and the callers
look for tasks.
"""

from __future__ import annotations

import logging

from celery import shared_task

from notifications import delivery, digests
from notifications.dispatch import deliver_notification, deliver_notifications, dispatch_deliveries
from notifications.webhooks import delivery as webhook_delivery
from notifications.webhooks.dispatch import deliver_webhook, dispatch_webhooks

__all__ = [
    "deliver_notification",
    "deliver_notifications",
    "deliver_webhook",
    "send_daily_digests",
    "sweep_outbox",
    "sweep_webhooks",
]

logger = logging.getLogger(__name__)


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


@shared_task(ignore_result=True)
def sweep_webhooks() -> int:
    """Every minute: recover webhook deliveries of dead workers and re-enqueue those left pending."""
    result = webhook_delivery.sweep()
    return dispatch_webhooks(result.due)
