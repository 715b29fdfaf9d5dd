"""Sending one webhook delivery, at least once, and the sweeper that finds the ones left behind.

A row moves pending -> sending by a conditional UPDATE (the claim); only the worker that changed
the row sends. The POST goes to the checked address (addresses.py), is never redirected (a 3xx
answer is a failed attempt), and is cut off after WEBHOOK_TIMEOUT_SECONDS in all, however slowly
the receiver trickles its answer, so a slow receiver does not hold a worker. A 2xx answer
delivers; connection errors, timeouts, 408, 429 and 5xx are tried again with exponential backoff
up to WEBHOOK_MAX_ATTEMPTS, then the row is `failed` with its last error; any other answer fails
it at once. A row still `sending` long after its claim belongs to a worker that died: the sweeper
puts it back to pending and it is sent again with the same delivery id, which is what receivers
deduplicate on (a webhook is delivered at least once, not exactly once).
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import http.client
import json
import logging
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from notifications.webhooks import signing
from notifications.webhooks.addresses import AddressRefused, Target, checked_target
from notifications.webhooks.models import DeliveryStatus, WebhookDelivery

logger = logging.getLogger(__name__)

CLAIM_SLACK = datetime.timedelta(seconds=2)
RESPONSE_READ_LIMIT = 64 * 1024
USER_AGENT = "Alur-SKJ-Webhook/1"


class Outcome(enum.Enum):
    DELIVERED = "delivered"
    RETRY = "retry"
    FAILED = "failed"
    NOT_CLAIMED = "not_claimed"


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    retry_in: float = 0


class Refused(Exception):
    """The receiver answered, but not with 2xx."""

    def __init__(self, status: int, transient: bool) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.transient = transient


def timeout_seconds() -> float:
    return float(settings.WEBHOOK_TIMEOUT_SECONDS)


def max_attempts() -> int:
    return int(settings.WEBHOOK_MAX_ATTEMPTS)


def backoff_seconds(attempts: int) -> float:
    """base, 2x base, 4x base ... after the 1st, 2nd, 3rd failure."""
    return float(settings.WEBHOOK_RETRY_BASE_SECONDS) * 2.0 ** max(0, attempts - 1)


def task_time_limit() -> int:
    return int(timeout_seconds()) + 30


def sending_timeout() -> datetime.timedelta:
    """Longer than a delivery task may run: a row `sending` for longer has no live worker."""
    return datetime.timedelta(seconds=task_time_limit() + 30)


def body_of(delivery: WebhookDelivery) -> bytes:
    envelope = {"delivery": str(delivery.pk), "subscription": delivery.subscription_id, **delivery.payload}
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def deliver(delivery_id: str, *, now: datetime.datetime | None = None) -> Result:
    """Claim, send and record one delivery; safe to call any number of times."""
    now = now or timezone.now()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id,
        status=DeliveryStatus.PENDING,
        next_attempt_at__lte=now + CLAIM_SLACK,
        subscription__active=True,
    ).update(status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if claimed != 1:
        return Result(Outcome.NOT_CLAIMED)
    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)
    try:
        status = post(delivery)
    except Exception as error:  # every outcome must leave the row out of `sending`
        return _record_failure(delivery, error, now)
    WebhookDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.DELIVERED,
        delivered_at=timezone.now(),
        claimed_at=None,
        last_status_code=status,
        last_error="",
    )
    return Result(Outcome.DELIVERED)


def post(delivery: WebhookDelivery) -> int:
    """POST the signed body; the 2xx status, or Refused / an OSError / AddressRefused."""
    subscription = delivery.subscription
    target = checked_target(subscription.url)
    body = body_of(delivery)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        signing.DELIVERY_HEADER: str(delivery.pk),
        signing.EVENT_HEADER: delivery.event_kind,
        signing.TIMESTAMP_HEADER: timestamp,
        signing.SIGNATURE_HEADER: signing.signature(subscription.secret, timestamp, body),
    }
    status = _exchange(target, body, headers, timeout_seconds())
    if 200 <= status < 300:
        return status
    raise Refused(status, transient=status in (408, 429) or status >= 500)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever the name resolves to by now."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(target.host, target.port, timeout=timeout, context=self.tls)
        self.address = target.address

    def connect(self) -> None:
        raw = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(raw, server_hostname=self.host)


def _exchange(target: Target, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """One request and its status line, within `timeout` seconds in all (never a redirect)."""
    kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = kind(target, timeout)
    expired = threading.Event()

    def cut_off() -> None:
        # A receiver answering byte by byte would renew the socket's own timeout for ever.
        expired.set()
        sock = connection.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(timeout, cut_off)
    timer.daemon = True
    timer.start()
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(RESPONSE_READ_LIMIT)
        status = response.status
    except (OSError, http.client.HTTPException) as error:
        if expired.is_set():
            raise TimeoutError(f"penerima tidak menjawab dalam {timeout:g} detik") from error
        raise
    finally:
        timer.cancel()
        connection.close()
    if expired.is_set():
        raise TimeoutError(f"penerima tidak menjawab dalam {timeout:g} detik")
    return status


def is_transient(error: BaseException) -> bool:
    if isinstance(error, Refused):
        return error.transient
    if isinstance(error, AddressRefused | ssl.SSLCertVerificationError):
        return False
    return isinstance(error, OSError | http.client.HTTPException)


def describe(error: BaseException) -> str:
    if isinstance(error, Refused) and 300 <= error.status < 400:
        return f"HTTP {error.status}: pengalihan (redirect) tidak diikuti; perbaiki alamat webhook."
    if isinstance(error, Refused):
        return f"HTTP {error.status}"
    if isinstance(error, AddressRefused):
        return error.message
    return f"{type(error).__name__}: {error}"[:2000]


def _record_failure(delivery: WebhookDelivery, error: Exception, now: datetime.datetime) -> Result:
    detail = describe(error)
    status_code = error.status if isinstance(error, Refused) else None
    if is_transient(error) and delivery.attempts < max_attempts():
        wait = backoff_seconds(delivery.attempts)
        _leave_sending(
            delivery,
            status=DeliveryStatus.PENDING,
            last_error=detail,
            last_status_code=status_code,
            next_attempt_at=now + datetime.timedelta(seconds=wait),
        )
        logger.warning("Webhook %s gagal sementara (%s); dicoba lagi.", delivery.pk, detail)
        return Result(Outcome.RETRY, retry_in=wait)
    _leave_sending(
        delivery,
        status=DeliveryStatus.FAILED,
        last_error=detail,
        last_status_code=status_code,
        next_attempt_at=None,
    )
    if is_transient(error) or isinstance(error, Refused | AddressRefused | ssl.SSLError):
        logger.error("Webhook %s gagal: %s", delivery.pk, detail)
    else:
        logger.exception("Webhook %s gagal karena galat tak terduga.", delivery.pk, exc_info=error)
    return Result(Outcome.FAILED)


def _leave_sending(delivery: WebhookDelivery, **changes: Any) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        claimed_at=None, **changes
    )


### The sweeper

UNKNOWN_OUTCOME = (
    "Hasil pengiriman sebelumnya tidak diketahui (worker berhenti di tengah pengiriman); "
    "dikirim ulang dengan id pengiriman yang sama."
)


@dataclass(frozen=True)
class SweepResult:
    recovered: int
    due: list[str]


def sweep(*, now: datetime.datetime | None = None, limit: int = 500) -> SweepResult:
    """Put rows of dead workers back to pending; list pending rows due to be (re)enqueued."""
    now = now or timezone.now()
    grace = datetime.timedelta(seconds=settings.NOTIFICATION_SWEEP_GRACE_SECONDS)
    stuck = WebhookDelivery.objects.filter(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - sending_timeout()
    ).values_list("pk", flat=True)[:limit]
    recovered = WebhookDelivery.objects.filter(pk__in=list(stuck), status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.PENDING,
        next_attempt_at=now - grace,
        claimed_at=None,
        last_error=UNKNOWN_OUTCOME,
    )
    due = [
        str(pk)
        for pk in WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING,
            next_attempt_at__lte=now - grace,
            subscription__active=True,
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    ]
    if recovered:
        logger.warning("%s pengiriman webhook macet dikembalikan ke antrean.", recovered)
    return SweepResult(recovered=recovered, due=due)


def retry_deliveries(delivery_ids: list[str]) -> list[str]:
    """An administrator's "kirim ulang": failed (or pending) rows get a fresh set of attempts."""
    ids = [
        str(pk)
        for pk in WebhookDelivery.objects.filter(
            pk__in=delivery_ids, status__in=[DeliveryStatus.FAILED, DeliveryStatus.PENDING]
        ).values_list("pk", flat=True)
    ]
    WebhookDelivery.objects.filter(
        pk__in=ids, status__in=[DeliveryStatus.FAILED, DeliveryStatus.PENDING]
    ).update(status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), claimed_at=None)
    return ids
