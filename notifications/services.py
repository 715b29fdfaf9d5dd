"""Writing notifications (the outbox), the inbox actions and users' preferences.

`record_notifications` is called inside the transaction of the event it tells of: its rows commit
or roll back with the event, and delivery is only enqueued once they are committed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from config.memo import Memo
from notifications.context import base_context
from notifications.dispatch import dispatch_batch
from notifications.models import PREFERENCE_KINDS, Delivery, Kind, Notification, Preference, Status
from notifications.rendering import freeze, render_subject

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from submissions.models import Submission

NO_EMAIL_ADDRESS = "Penerima tidak memiliki alamat email; notifikasi hanya tersedia di aplikasi."


@dataclass(frozen=True)
class Recipient:
    """A user to notify, with what only he is told (e.g. what he must do next)."""

    user: User
    context: Mapping[str, object] = field(default_factory=dict)


def record_notifications(
    *,
    kind: str,
    event_key: str,
    recipients: Iterable[Recipient | User],
    submission: Submission | None = None,
    actor: User | None = None,
    context: Mapping[str, object],
) -> list[Notification]:
    """Write one row per (event, recipient), its subject rendered and its body's context frozen;
    email delivery is enqueued after commit.

    Repeating the call for the same event writes nothing new: the idempotency key is unique (the
    returned objects then hold the ids of the rows written the first time, not their current state).
    The actor is never notified of his own action, and inactive users are left out.
    """
    targets = _targets(recipients, actor)
    if not targets:
        return []
    deliveries = deliveries_for(users=[target.user for target in targets], kind=kind)
    now = timezone.now()
    rows = [
        _build_row(kind, event_key, target, deliveries[target.user.pk], submission, actor, context, now)
        for target in targets
    ]
    # One statement that also returns the ids: a row already written for this event is left as it
    # was (the no-op update only makes the database report its id), so nothing is written twice;
    # enqueueing such a row again is harmless, its delivery claims it at most once.
    Notification.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["idempotency_key"], update_fields=["idempotency_key"]
    )
    _deliver_on_commit([row.pk for row in rows if row.status == Status.PENDING and row.pk is not None])
    return rows


def _targets(recipients: Iterable[Recipient | User], actor: User | None) -> list[Recipient]:
    seen: set[Any] = set()
    targets = []
    for item in recipients:
        target = item if isinstance(item, Recipient) else Recipient(user=item)
        user = target.user
        if user.pk in seen or not user.is_active or (actor is not None and user.pk == actor.pk):
            continue
        seen.add(user.pk)
        targets.append(target)
    return targets


def _build_row(
    kind: str,
    event_key: str,
    target: Recipient,
    delivery: str,
    submission: Submission | None,
    actor: User | None,
    context: Mapping[str, object],
    now: datetime.datetime,
) -> Notification:
    user = target.user
    full_context = {**base_context(user, submission), **context, **target.context}
    status, note = _initial_status(delivery, getattr(user, "email", ""))
    return Notification(
        kind=kind,
        submission=submission,
        recipient=user,
        actor=actor,
        event_key=event_key,
        idempotency_key=f"{event_key}:{user.pk}",
        delivery=delivery,
        subject=render_subject(kind, full_context),
        # The bodies are rendered at delivery or at the first read (rendering.ensure_bodies).
        context=freeze(full_context),
        needs_body=True,
        status=status,
        last_error=note,
        next_attempt_at=now if status == Status.PENDING else None,
    )


def _initial_status(delivery: str, email: str) -> tuple[str, str]:
    if not email and delivery != Delivery.IN_APP:
        return Status.IN_APP, NO_EMAIL_ADDRESS
    return {
        Delivery.EMAIL: (Status.PENDING, ""),
        Delivery.DIGEST: (Status.AWAITING_DIGEST, ""),
    }.get(Delivery(delivery), (Status.IN_APP, ""))


def _deliver_on_commit(notification_ids: Sequence[int]) -> None:
    if notification_ids:
        # robust: a broker that is down must not keep later on-commit work from running;
        # the rows stay pending and the outbox sweeper sends them. One message for all of them.
        ids = list(notification_ids)
        transaction.on_commit(lambda: dispatch_batch(ids), robust=True)


### Inbox


def mark_read(*, notification_id: int, user: User) -> Notification:
    """Mark one of the user's notifications read; another user's id raises DoesNotExist (404)."""
    notification = Notification.objects.exclude(kind=Kind.DIGEST).get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(*, user: User) -> int:
    """Mark every unread inbox item read; returns how many (digest emails are not inbox items)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).exclude(kind=Kind.DIGEST)
    return unread.update(read_at=timezone.now())


### Preferences


def preference_choices() -> list[tuple[str, str]]:
    """The kinds a user may route, with their Indonesian labels, in display order."""
    return [(kind.value, kind.label) for kind in PREFERENCE_KINDS]


def delivery_choices() -> list[tuple[str, str]]:
    return list(Delivery.choices)


# The deliveries users chose, per kind ({user id: delivery}, only those who chose one): read by
# every transition and changed only when someone saves his preferences, so kept per process
# (config/memo.py) and bumped by notifications/receivers.py.
CHOSEN_DELIVERIES: Memo[str, dict[int, str]] = Memo("notification_preferences", max_keys=64)


def deliveries_for(*, users: Sequence[User], kind: str) -> dict[Any, str]:
    """Each user's delivery for this kind (email at once unless he chose otherwise)."""
    chosen = CHOSEN_DELIVERIES.get(kind, lambda: _chosen_deliveries(kind))
    return {user.pk: chosen.get(user.pk, Delivery.EMAIL.value) for user in users}


def _chosen_deliveries(kind: str) -> dict[int, str]:
    return dict(Preference.objects.filter(kind=kind).order_by().values_list("user_id", "delivery"))


def preferences_for(*, user: User) -> dict[str, str]:
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind.value: chosen.get(kind.value, Delivery.EMAIL.value) for kind in PREFERENCE_KINDS}


def set_preference(*, user: User, kind: str, delivery: str) -> Preference:
    """Choose how the user hears of one kind; unknown kinds or deliveries raise ValueError."""
    if kind not in {k.value for k in PREFERENCE_KINDS}:
        raise ValueError(f"Jenis notifikasi tidak dikenal: {kind}")
    if delivery not in Delivery.values:
        raise ValueError(f"Cara penyampaian tidak dikenal: {delivery}")
    preference, _ = Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
    return preference
