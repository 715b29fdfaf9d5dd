"""Reading a notification's text body in tests, as a reader would: rendered at the first read."""

from __future__ import annotations

from notifications.models import Notification
from notifications.rendering import ensure_bodies


def body_of(notification: Notification) -> str:
    ensure_bodies([notification])
    return notification.body_text
