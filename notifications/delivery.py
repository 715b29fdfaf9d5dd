"""Sending one notification by email, exactly once per successful claim, and the outbox sweeper.

A row moves pending -> sending by a conditional UPDATE (the claim); only the worker that changed
the row sends. Transient errors put it back to pending with a later `next_attempt_at`; permanent
errors and exhausted retries leave it `failed` with the error kept for the administrators.

Nothing twice. Once the SMTP server has accepted a message, the worker knows it was sent: it
records that first in Redis (the accepted mark, one quick write), then marks the row `sent`,
reconnecting to the database and retrying when the connection was dropped. A row found still
`sending` later (its worker died, or the database stayed away) is marked sent from the accepted
mark without sending again; only a row without the mark is sent again. Every copy of one
notification carries the same Message-ID, derived from its idempotency key, so a receiver drops a
copy in the one case the outcome cannot be known: the worker died between the server's "250"
and the accepted mark.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import logging
import smtplib
import time
from dataclasses import dataclass
from email.utils import parseaddr

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import InterfaceError, OperationalError, connection
from django.db.models import F
from django.utils import timezone

from notifications.models import Notification, Status
from notifications.rendering import ensure_bodies

logger = logging.getLogger(__name__)

# A delivery task arriving a moment before its row's next_attempt_at (clock rounding) may still claim it.
CLAIM_SLACK = datetime.timedelta(seconds=2)


class Outcome(enum.Enum):
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    NOT_CLAIMED = "not_claimed"


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    retry_in: float = 0


def max_attempts() -> int:
    return int(settings.NOTIFICATION_MAX_ATTEMPTS)


def backoff_seconds(attempts: int) -> float:
    """Wait before the next attempt: base, 2x base, 4x base ... after the 1st, 2nd, 3rd failure."""
    base = float(settings.NOTIFICATION_RETRY_BASE_SECONDS)
    return base * 2.0 ** max(0, attempts - 1)


def delivery_time_limit() -> int:
    """The delivery task's hard time limit: an SMTP conversation never lasts longer."""
    return int(settings.NOTIFICATION_DELIVERY_TIME_LIMIT_SECONDS)


def sending_timeout() -> datetime.timedelta:
    # Longer than a delivery task may run: a row still `sending` after this belongs to a worker
    # that died (or to a database write that never got through).
    seconds = int(settings.NOTIFICATION_SENDING_TIMEOUT_SECONDS)
    return datetime.timedelta(seconds=max(seconds, delivery_time_limit() + 2))


# Waits between attempts to record `sent` after the server accepted, across a dropped connection.
MARK_SENT_RETRY_WAITS = (0.0, 0.5, 1.0, 2.0, 4.0)
ACCEPTED_MARK_SECONDS = 7 * 24 * 60 * 60


def accepted_mark_key(notification_id: int) -> str:
    return f"alur-skj:notification-accepted:{notification_id}"


def message_id(idempotency_key: str) -> str:
    """The same Message-ID for every copy of one notification (RFC 5322 msg-id)."""
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:40]
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "alur-skj.local"
    return f"<{digest}@{domain}>"


def is_transient(error: BaseException) -> bool:
    """Errors worth another attempt later: the server or the network, not the message."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        # A 4xx refusal ("try again later", e.g. greylisting) passes; a 5xx one (no such user) is final.
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPException):
        return False
    # The database dropped the worker's connection while the bodies were being stored (a restart,
    # a failover, an administrator's pg_terminate_backend): nothing was sent yet, so try again.
    if isinstance(error, OperationalError | InterfaceError):
        return True
    # A conversation cut short by the task's soft time limit: the server was slow, not the message.
    return isinstance(error, ConnectionError | TimeoutError | OSError | SoftTimeLimitExceeded)


def deliver(notification_id: int, *, now: datetime.datetime | None = None) -> Result:
    """Claim, send and record one notification; safe to call any number of times."""
    now = now or timezone.now()
    claimed = Notification.objects.filter(
        pk=notification_id, status=Status.PENDING, next_attempt_at__lte=now + CLAIM_SLACK
    ).update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if claimed != 1:
        return Result(Outcome.NOT_CLAIMED)
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        ensure_bodies([notification])
        _send(notification)
    except Exception as error:  # every outcome must leave the row out of `sending`
        return _record_failure(notification, error, now)
    # From here the message is sent: record it where it survives this process and the database.
    _remember_accepted(notification, claimed_at=now)
    _mark_sent_durably(notification_id)
    return Result(Outcome.SENT)


def _accepted_mark(idempotency_key: str, claimed_at: datetime.datetime) -> str:
    # The mark names the message and the claim it was sent under, so it never speaks for another
    # attempt, nor for a row that reuses an id (a database restored from a backup).
    return f"{message_id(idempotency_key)} {claimed_at.isoformat()}"


def _remember_accepted(notification: Notification, *, claimed_at: datetime.datetime) -> None:
    mark = _accepted_mark(notification.idempotency_key, claimed_at)
    try:
        cache.set(accepted_mark_key(notification.pk), mark, ACCEPTED_MARK_SECONDS)
    except Exception as error:  # Redis away: the database write below is still the record
        logger.warning("Tanda terkirim notifikasi %s tidak dapat disimpan: %s", notification.pk, error)


def _was_accepted(notification_id: int, idempotency_key: str, claimed_at: datetime.datetime) -> bool:
    try:
        return bool(
            cache.get(accepted_mark_key(notification_id)) == _accepted_mark(idempotency_key, claimed_at)
        )
    except Exception as error:  # unknown: treated as not accepted, resent with the same Message-ID
        logger.warning("Tanda terkirim notifikasi %s tidak dapat dibaca: %s", notification_id, error)
        return False


def _mark_sent_durably(notification_id: int) -> bool:
    """Record `sent`, reconnecting when the connection was dropped; the sweeper finishes otherwise."""
    for wait in MARK_SENT_RETRY_WAITS:
        time.sleep(wait)
        try:
            _mark_sent(notification_id)
            return True
        except (OperationalError, InterfaceError) as error:
            logger.warning(
                "Notifikasi %s terkirim, status belum tercatat (%s); dicoba lagi.", notification_id, error
            )
            connection.close()  # the next query opens a new connection
    logger.error(
        "Notifikasi %s terkirim; statusnya dicatat penyapu outbox dari tanda terkirim.", notification_id
    )
    return False


def _mark_sent(notification_id: int) -> int:
    return Notification.objects.filter(pk=notification_id, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), claimed_at=None, last_error=""
    )


def _send(notification: Notification) -> None:
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
        headers={
            "Message-ID": message_id(notification.idempotency_key),
            "X-Alur-SKJ-Notification": str(notification.pk),
        },
    )
    message.attach_alternative(notification.body_html, "text/html")
    message.send(fail_silently=False)


def _record_failure(notification: Notification, error: Exception, now: datetime.datetime) -> Result:
    detail = f"{type(error).__name__}: {error}"[:2000]
    if isinstance(error, OperationalError | InterfaceError) and not connection.in_atomic_block:
        connection.close()  # dropped: the row's new status is written on a fresh connection
    if is_transient(error) and notification.attempts < max_attempts():
        wait = backoff_seconds(notification.attempts)
        _leave_sending(
            notification,
            status=Status.PENDING,
            last_error=detail,
            next_attempt_at=now + datetime.timedelta(seconds=wait),
        )
        logger.warning("Notifikasi %s gagal sementara (%s); dicoba lagi.", notification.pk, detail)
        return Result(Outcome.RETRY, retry_in=wait)
    _leave_sending(notification, status=Status.FAILED, last_error=detail, next_attempt_at=None)
    if not is_transient(error) and not isinstance(error, smtplib.SMTPException):
        logger.exception("Notifikasi %s gagal karena galat tak terduga.", notification.pk, exc_info=error)
    else:
        logger.error("Notifikasi %s gagal: %s", notification.pk, detail)
    return Result(Outcome.FAILED)


def _leave_sending(
    notification: Notification, *, status: str, last_error: str, next_attempt_at: datetime.datetime | None
) -> None:
    Notification.objects.filter(pk=notification.pk, status=Status.SENDING).update(
        status=status, last_error=last_error, next_attempt_at=next_attempt_at, claimed_at=None
    )


### The sweeper

UNKNOWN_OUTCOME = (
    "Hasil pengiriman sebelumnya tidak diketahui (worker berhenti di tengah pengiriman); "
    "dikirim ulang dengan Message-ID yang sama."
)


@dataclass(frozen=True)
class SweepResult:
    recovered: int
    due: list[int]


def sweep_outbox(*, now: datetime.datetime | None = None, limit: int = 500) -> SweepResult:
    """Finish rows of dead workers, and list the pending rows due to be (re)enqueued.

    A row stuck `sending` whose message the server accepted is marked sent; any other goes back to
    pending and is sent again, with the same Message-ID. Rows younger than the grace period were
    just enqueued on commit and are left to that message.
    """
    now = now or timezone.now()
    grace = datetime.timedelta(seconds=settings.NOTIFICATION_SWEEP_GRACE_SECONDS)
    recovered = 0
    stuck = Notification.objects.filter(status=Status.SENDING, claimed_at__lt=now - sending_timeout())
    for notification_id, key, claimed_at in stuck.values_list("id", "idempotency_key", "claimed_at")[:limit]:
        if claimed_at is not None and _was_accepted(notification_id, key, claimed_at):
            _mark_sent(notification_id)
            continue
        # Recovered rows are due at once: dated back by the grace period so this sweep takes them.
        recovered += Notification.objects.filter(pk=notification_id, status=Status.SENDING).update(
            status=Status.PENDING,
            next_attempt_at=now - grace,
            claimed_at=None,
            last_error=UNKNOWN_OUTCOME,
        )
    due = list(
        Notification.objects.filter(status=Status.PENDING, next_attempt_at__lte=now - grace)
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    if recovered:
        logger.warning("%s notifikasi macet di status 'sedang dikirim' dikembalikan ke antrean.", recovered)
    return SweepResult(recovered=recovered, due=due)


def retry_notifications(notification_ids: list[int]) -> list[int]:
    """An administrator's "kirim ulang": failed (or pending) rows get a fresh set of attempts."""
    rows = Notification.objects.filter(
        pk__in=notification_ids, status__in=[Status.FAILED, Status.PENDING], recipient__email__gt=""
    )
    ids = list(rows.values_list("id", flat=True))
    Notification.objects.filter(pk__in=ids, status__in=[Status.FAILED, Status.PENDING]).update(
        status=Status.PENDING, attempts=0, next_attempt_at=timezone.now(), claimed_at=None
    )
    return ids
