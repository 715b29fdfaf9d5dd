"""Reading a user's in-app notifications: always scoped to the user himself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from notifications.models import Kind, Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def inbox_for(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first (digest emails are not inbox items)."""
    rows = Notification.objects.filter(recipient=user).exclude(kind=Kind.DIGEST)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.select_related("submission", "actor").order_by("-created_at", "-id")


def unread_count(*, user: User) -> int:
    return inbox_for(user=user, unread_only=True).count()
