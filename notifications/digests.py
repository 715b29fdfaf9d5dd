"""The daily digest: one email per user listing his digest-mode notifications not yet sent.

Each notification joins exactly one digest (claimed by a conditional UPDATE), and a user gets at
most one digest per day (its idempotency key holds the date); what arrives later waits a day.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.context import base_context, document_url
from notifications.dispatch import dispatch_deliveries
from notifications.models import Delivery, Kind, Notification, Status
from notifications.rendering import render

logger = logging.getLogger(__name__)

DIGEST_NEXT_STEP = "Buka tautan tiap notifikasi untuk melihat dokumen dan tindakan yang diperlukan."


def compose_all_digests(*, day: datetime.date | None = None) -> list[int]:
    """Compose today's digest of every user who has something waiting; returns the digest ids."""
    day = day or timezone.localdate()
    # order_by(): the default ordering (created_at, id) would enter the DISTINCT: a user once per item.
    user_ids = (
        Notification.objects.filter(status=Status.AWAITING_DIGEST)
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    composed = [_compose_isolated(user_id, day) for user_id in list(user_ids)]
    return [digest.pk for digest in composed if digest is not None]


def _compose_isolated(user_id: int, day: datetime.date) -> Notification | None:
    # One user's failure must not cost everyone else his digest; his items wait for the next run.
    try:
        return compose_digest(user_id=user_id, day=day)
    except Exception:
        logger.exception("Ringkasan harian pengguna %s gagal disusun; dicoba lagi besok.", user_id)
        return None


def compose_digest(*, user_id: int, day: datetime.date) -> Notification | None:
    """Write the user's digest for `day` and enqueue it after commit; None if nothing to send."""
    with transaction.atomic():
        # One composer per user at a time: a run started meanwhile waits here, then finds the items
        # digested (locking the items themselves would let it take some and leave them for tomorrow).
        user = get_user_model().objects.select_for_update().get(pk=user_id)
        items = list(
            Notification.objects.filter(recipient_id=user_id, status=Status.AWAITING_DIGEST).order_by(
                "created_at", "id"
            )
        )
        if not items:
            return None
        digest = _create_digest_row(user, day, items)
        if digest is None:
            return None
        Notification.objects.filter(pk__in=[item.pk for item in items], status=Status.AWAITING_DIGEST).update(
            status=Status.DIGESTED, digest=digest
        )
        transaction.on_commit(lambda: _enqueue(digest.pk), robust=True)
    return digest


def _create_digest_row(user: Any, day: datetime.date, items: list[Notification]) -> Notification | None:
    context = {
        **base_context(user, None),
        "items": [_item(item) for item in items],
        "next_step": DIGEST_NEXT_STEP,
    }
    rendered = render(Kind.DIGEST, context)
    try:
        with transaction.atomic():
            return Notification.objects.create(
                kind=Kind.DIGEST,
                recipient=user,
                event_key=f"digest:{day.isoformat()}",
                idempotency_key=f"digest:{day.isoformat()}:{user.pk}",
                delivery=Delivery.EMAIL,
                subject=rendered.subject,
                body_text=rendered.text,
                body_html=rendered.html,
                status=Status.PENDING,
                next_attempt_at=timezone.now(),
            )
    except IntegrityError:  # today's digest of this user exists; the rest waits for tomorrow
        return None


def _item(notification: Notification) -> dict[str, object]:
    url = document_url(notification.submission_id) if notification.submission_id else ""
    return {"subject": notification.subject, "url": url, "created_at": notification.created_at}


def _enqueue(digest_id: int) -> None:
    dispatch_deliveries([digest_id])
