"""The memo of whether any webhook subscription is active is dropped when a subscription changes.

Signals only log elsewhere in the project; this one only bumps a memo's version (config/memo.py),
so every path that changes a subscription (its owner's API, the admin, a shell) is covered.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from notifications.webhooks.models import WebhookSubscription
from notifications.webhooks.outbox import ANY_ACTIVE


@receiver(post_save, sender=WebhookSubscription, dispatch_uid="notifications.subscription_saved")
@receiver(post_delete, sender=WebhookSubscription, dispatch_uid="notifications.subscription_deleted")
def _subscription_changed(sender: Any, **kwargs: Any) -> None:
    ANY_ACTIVE.bump()
