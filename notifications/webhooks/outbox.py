"""Writing deliveries in the event's transaction, and the subscriptions workflow matches against."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from config.memo import Memo
from notifications.webhooks.dispatch import dispatch_webhooks
from notifications.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription


@dataclass(frozen=True)
class Planned:
    """One event for one subscription: what workflow decided is delivered."""

    subscription_id: int
    event_id: int
    event_kind: str
    payload: dict[str, Any]


# Whether any subscription is active, the question every event-writing transaction asks first:
# most deployments have none, and then the answer costs a cache read instead of a query. When
# there are some they are read afresh (their owners' state included), so a subscription or an
# owner switched off takes effect at once; notifications/receivers.py bumps the memo on every
# save and delete of a subscription.
ANY_ACTIVE: Memo[str, bool] = Memo("webhook_subscriptions")


def active_subscriptions() -> list[WebhookSubscription]:
    """Active subscriptions with their owners (few: one or two per integration account)."""
    if not ANY_ACTIVE.get("any", WebhookSubscription.objects.filter(active=True).exists):
        return []
    return list(
        WebhookSubscription.objects.filter(active=True, owner__is_active=True)
        .select_related("owner")
        .order_by("id")
    )


def queue_deliveries(planned: Sequence[Planned]) -> list[str]:
    """Inside the caller's transaction: one pending row each, enqueued once the transaction commits."""
    if not planned:
        return []
    now = timezone.now()
    rows = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                subscription_id=item.subscription_id,
                event_id=item.event_id,
                event_kind=item.event_kind,
                payload=item.payload,
                status=DeliveryStatus.PENDING,
                next_attempt_at=now,
            )
            for item in planned
        ]
    )
    ids = [str(row.pk) for row in rows]
    # robust: a broker that is down must not keep later on-commit work from running; the rows
    # stay pending and the sweeper sends them.
    transaction.on_commit(lambda: dispatch_webhooks(ids), robust=True)
    return ids
