"""Sending one notification by email, exactly once per successful claim, and the outbox sweeper.

A row moves pending -> sending by a conditional UPDATE (the claim); only the worker that changed
the row sends. Transient errors put it back to pending with a later `next_attempt_at`; permanent
errors and exhausted retries leave it `failed` with the error kept for the administrators.
"""

from __future__ import annotations

import datetime
import enum
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.utils import timezone

from notifications.models import Notification, Status

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


def sending_timeout() -> datetime.timedelta:
    # Longer than any task may run (CELERY_TASK_TIME_LIMIT): a row still `sending` after this
    # belongs to a worker that died.
    seconds = int(settings.NOTIFICATION_SENDING_TIMEOUT_SECONDS)
    return datetime.timedelta(seconds=max(seconds, settings.CELERY_TASK_TIME_LIMIT + 60))


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
    return isinstance(error, ConnectionError | TimeoutError | OSError)


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
        _send(notification)
    except Exception as error:  # every outcome must leave the row out of `sending`
        return _record_failure(notification, error, now)
    Notification.objects.filter(pk=notification_id, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), claimed_at=None, last_error=""
    )
    return Result(Outcome.SENT)


def _send(notification: Notification) -> None:
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
        headers={"X-Alur-SKJ-Notification": str(notification.pk)},
    )
    message.attach_alternative(notification.body_html, "text/html")
    message.send(fail_silently=False)


def _record_failure(notification: Notification, error: Exception, now: datetime.datetime) -> Result:
    detail = f"{type(error).__name__}: {error}"[:2000]
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


@dataclass(frozen=True)
class SweepResult:
    recovered: int
    due: list[int]


def sweep_outbox(*, now: datetime.datetime | None = None, limit: int = 500) -> SweepResult:
    """Put rows of dead workers back to pending, and list the pending rows due to be (re)enqueued.

    Rows younger than the grace period were just enqueued on commit and are left to that message.
    """
    now = now or timezone.now()
    grace = datetime.timedelta(seconds=settings.NOTIFICATION_SWEEP_GRACE_SECONDS)
    # Recovered rows are due at once: dated back by the grace period so this sweep takes them.
    recovered = Notification.objects.filter(
        status=Status.SENDING, claimed_at__lt=now - sending_timeout()
    ).update(status=Status.PENDING, next_attempt_at=now - grace, claimed_at=None)
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
