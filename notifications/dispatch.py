"""Handing delivery work to Celery: the delivery tasks, and the only place that enqueues them.

The tasks live here, beside their enqueueing, because they enqueue delivery again (after a
transient failure, or fanning a batch out): in tasks.py the two would import each other.

A transaction that wrote several rows hands them over in one message (`dispatch_batch`): the
worker fans it out into one delivery task per row. The request then pays one publish instead of
one per recipient (each costs milliseconds of CPU in Celery's message building), while every row
keeps its own task: its own claim, time limit, retries and worker, so the rows still go out in
parallel and a slow SMTP conversation for one recipient never holds up the others.

The database is the record, the broker only transports: an enqueue that fails (broker down) is
logged and dropped, and the outbox sweeper enqueues the still-pending rows again later.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable

from celery import current_app, shared_task
from django.conf import settings
from kombu import Connection

from notifications import delivery

logger = logging.getLogger(__name__)

FAIL_FAST = {"max_retries": 0}


# An SMTP conversation is cut off after this (prefork pool), so a row `sending` for longer than
# NOTIFICATION_SENDING_TIMEOUT_SECONDS has no live worker behind it.
_DELIVERY_LIMIT = int(settings.NOTIFICATION_DELIVERY_TIME_LIMIT_SECONDS)


# The name it had when it lived in tasks.py: messages already in the broker keep finding it.
@shared_task(
    name="notifications.tasks.deliver_notification",
    ignore_result=True,
    time_limit=_DELIVERY_LIMIT,
    soft_time_limit=max(1, _DELIVERY_LIMIT - 15),
)
def deliver_notification(notification_id: int) -> str:
    """Send one notification; a transient failure is enqueued again after its backoff (capped)."""
    result = delivery.deliver(notification_id)
    if result.outcome is delivery.Outcome.RETRY:
        # A backoff longer than the countdown cap arrives early, fails the claim, and the
        # sweeper sends the row once it is due.
        dispatch_deliveries([notification_id], countdown=result.retry_in)
    return result.outcome.value


# The fan-out only publishes: it needs no more than the default time limits.
@shared_task(name="notifications.tasks.deliver_notifications", ignore_result=True)
def deliver_notifications(notification_ids: list[int]) -> int:
    """One delivery task per row of a batch; a row already sent, or sent twice, is claimed once."""
    return dispatch_deliveries(notification_ids)


def capped_countdown(seconds: float) -> int:
    """No message may wait in the broker longer than CELERY_MAX_COUNTDOWN_SECONDS (Redis redelivers)."""
    return max(0, min(int(seconds), int(settings.CELERY_MAX_COUNTDOWN_SECONDS)))


def dispatch_deliveries(notification_ids: Iterable[int], *, countdown: float = 0) -> int:
    """Enqueue one delivery task per id; returns how many were enqueued before any broker error."""
    ids = list(notification_ids)
    if not ids:
        return 0
    enqueued = 0
    try:
        connection = fail_fast_connection()
        for notification_id in ids:
            _enqueue(notification_id, countdown, connection)
            enqueued += 1
    except Exception:  # any broker/transport error: the rows stay pending for the sweeper
        forget_connection()  # the next call connects afresh (the broker may be back by then)
        logger.warning(
            "Gagal mengantrekan %s notifikasi; penyapu outbox akan mencoba lagi.", len(ids) - enqueued
        )
    return enqueued


def dispatch_batch(notification_ids: Iterable[int]) -> int:
    """Enqueue the rows of one transaction in one message; returns how many rows it carried.

    If the message is lost (broker down now, or later), the rows stay pending for the sweeper,
    as with one message per row.
    """
    ids = list(notification_ids)
    if len(ids) <= 1:
        return dispatch_deliveries(ids)
    try:
        # celery-types omits `connection`, which apply_async passes on to send_task.
        deliver_notifications.apply_async(  # type: ignore[call-arg]
            (ids,), connection=fail_fast_connection(), retry=False
        )
    except Exception:  # any broker/transport error: the rows stay pending for the sweeper
        forget_connection()
        logger.warning("Gagal mengantrekan %s notifikasi; penyapu outbox akan mencoba lagi.", len(ids))
        return 0
    return len(ids)


class _Held(threading.local):
    connection: Connection | None = None
    pid: int = 0


_held = _Held()


def fail_fast_connection() -> Connection:
    """This process's and thread's broker connection, opened on first use and kept.

    One attempt, no reconnect loop: with the broker down the caller (often a request that has
    just committed a transition) goes on at once instead of waiting seconds for retries. Kept
    because opening it is most of an enqueue's cost: measured under a burst of transitions, a
    fresh connection per commit (TCP connect and handshake to Redis) cost more than rendering the
    emails. Per thread, since a kombu connection is not thread-safe; per process, since a forked
    child must not write to its parent's socket.
    """
    if _held.connection is None or _held.pid != os.getpid():
        _held.connection = current_app.connection_for_write(transport_options=FAIL_FAST)
        _held.pid = os.getpid()
    return _held.connection


def forget_connection() -> None:
    connection, _held.connection = _held.connection, None
    if connection is not None:
        try:
            connection.release()
        except Exception:  # already broken: nothing more to close
            logger.debug("Koneksi broker yang rusak tidak dapat ditutup.", exc_info=True)


def _enqueue(notification_id: int, countdown: float, connection: Connection) -> None:
    # celery-types omits `connection`, which apply_async passes on to send_task.
    deliver_notification.apply_async(  # type: ignore[call-arg]
        (notification_id,), countdown=capped_countdown(countdown), connection=connection, retry=False
    )
