"""Handing delivery work to Celery: the only place that enqueues notification tasks.

The database is the record, the broker only transports: an enqueue that fails (broker down) is
logged and dropped, and the outbox sweeper enqueues the still-pending rows again later.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings

logger = logging.getLogger(__name__)


def capped_countdown(seconds: float) -> int:
    """No message may wait in the broker longer than CELERY_MAX_COUNTDOWN_SECONDS (Redis redelivers)."""
    return max(0, min(int(seconds), int(settings.CELERY_MAX_COUNTDOWN_SECONDS)))


def dispatch_deliveries(notification_ids: Iterable[int], *, countdown: float = 0) -> int:
    """Enqueue one delivery task per id; returns how many were enqueued before any broker error."""
    from notifications.tasks import deliver_notification

    enqueued = 0
    for notification_id in notification_ids:
        try:
            # retry=False: with the broker down, fail at once instead of holding up the request.
            deliver_notification.apply_async(
                (notification_id,), countdown=capped_countdown(countdown), retry=False
            )
        except Exception:  # any broker/transport error: the row stays pending for the sweeper
            logger.warning("Gagal mengantrekan notifikasi %s; penyapu akan mencoba lagi.", notification_id)
            return enqueued
        enqueued += 1
    return enqueued
