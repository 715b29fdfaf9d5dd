"""The webhook delivery task and the only place that enqueues it (as notifications.dispatch does).

The database is the record, the broker only transports: an enqueue that fails is logged and
dropped, and the sweeper enqueues the still-pending rows again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from celery import shared_task

from notifications.dispatch import capped_countdown, fail_fast_connection, forget_connection
from notifications.webhooks import delivery

logger = logging.getLogger(__name__)


@shared_task(
    name="notifications.tasks.deliver_webhook",
    ignore_result=True,
    time_limit=delivery.task_time_limit(),
    soft_time_limit=delivery.task_time_limit() - 10,
)
def deliver_webhook(delivery_id: str) -> str:
    """Send one delivery; a transient failure is enqueued again after its backoff (capped)."""
    result = delivery.deliver(delivery_id)
    if result.outcome is delivery.Outcome.RETRY:
        # A backoff longer than the countdown cap arrives early, fails the claim, and the sweeper
        # sends the row once it is due.
        dispatch_webhooks([delivery_id], countdown=result.retry_in)
    return result.outcome.value


def dispatch_webhooks(delivery_ids: Iterable[str], *, countdown: float = 0) -> int:
    """Enqueue one task per id; returns how many were enqueued before any broker error."""
    ids = list(delivery_ids)
    if not ids:
        return 0
    enqueued = 0
    try:
        connection = fail_fast_connection()  # the process's kept connection, as for emails
        for delivery_id in ids:
            # celery-types omits `connection`, which apply_async passes on to send_task.
            deliver_webhook.apply_async(  # type: ignore[call-arg]
                (delivery_id,), countdown=capped_countdown(countdown), connection=connection, retry=False
            )
            enqueued += 1
    except Exception:  # any broker/transport error: the rows stay pending for the sweeper
        forget_connection()  # the next call connects afresh
        logger.warning("Gagal mengantrekan %s webhook; penyapu akan mencoba lagi.", len(ids) - enqueued)
    return enqueued
