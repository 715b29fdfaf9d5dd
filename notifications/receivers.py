"""The memos of whether any webhook subscription is active, and of the deliveries users chose, are
dropped when a subscription or a preference changes.

Signals only log elsewhere in the project; these only bump a memo's version (config/memo.py), so
every path that changes the rows (their owner's API or page, the admin, a shell) is covered.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from notifications.models import Preference
from notifications.services import CHOSEN_DELIVERIES
from notifications.webhooks.models import WebhookSubscription
from notifications.webhooks.outbox import ANY_ACTIVE


@receiver(post_save, sender=WebhookSubscription, dispatch_uid="notifications.subscription_saved")
@receiver(post_delete, sender=WebhookSubscription, dispatch_uid="notifications.subscription_deleted")
def _subscription_changed(sender: Any, **kwargs: Any) -> None:
    ANY_ACTIVE.bump()


@receiver(post_save, sender=Preference, dispatch_uid="notifications.preference_saved")
@receiver(post_delete, sender=Preference, dispatch_uid="notifications.preference_deleted")
def _preference_changed(sender: Any, **kwargs: Any) -> None:
    CHOSEN_DELIVERIES.bump()
