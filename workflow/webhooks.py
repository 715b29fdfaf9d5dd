"""Integration accounts' webhook subscriptions: who may register one, and what a valid one is.

Only an integration account (workflow.roles.is_integration_account) registers webhooks; it sees,
changes and deletes its own, and another account's are not found. What reaches a subscription
is decided where events are written (workflow.events.services): the kinds it asked for, of what
its owner may see in the feed. The rows themselves live in notifications.webhooks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import QuerySet

from notifications.webhooks.addresses import AddressRefused, checked_target
from notifications.webhooks.models import WebhookDelivery, WebhookSubscription
from notifications.webhooks.signing import SECRET_MAX_LENGTH, SECRET_MIN_LENGTH, new_secret
from workflow.errors import InvalidContent, NotFound, NotPermitted
from workflow.events.models import EventKind
from workflow.roles import is_integration_account

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from workflow.roles import AnyUser

MAX_SUBSCRIPTIONS = 10


def visible_webhooks(user: AnyUser) -> QuerySet[WebhookSubscription]:
    if not user.is_authenticated:
        return WebhookSubscription.objects.none()
    return WebhookSubscription.objects.filter(owner_id=user.pk)


def require_integration_account(user: AnyUser) -> None:
    if not is_integration_account(user):
        raise NotPermitted("Hanya akun integrasi yang dapat mendaftarkan dan melihat webhook.")


def webhook_create(
    *, actor: User, url: Any, kinds: Any, secret: Any = None
) -> tuple[WebhookSubscription, str]:
    """A new subscription and its secret (given, or generated), shown to the caller this once."""
    require_integration_account(actor)
    clean_url, clean_kinds = _checked_url(url), _checked_kinds(kinds)
    clean_secret = new_secret() if secret in (None, "") else _checked_secret(secret)
    with transaction.atomic(durable=True):
        if visible_webhooks(actor).select_for_update().count() >= MAX_SUBSCRIPTIONS:
            raise InvalidContent(
                f"Satu akun integrasi paling banyak memiliki {MAX_SUBSCRIPTIONS} webhook.",
                code="too_many_webhooks",
            )
        subscription = WebhookSubscription.objects.create(
            owner=actor, url=clean_url, kinds=clean_kinds, secret=clean_secret
        )
    return subscription, clean_secret


def webhook_update(*, actor: AnyUser, webhook_id: int, **changes: Any) -> WebhookSubscription:
    """Change the URL, the kinds or whether it is active (the secret stays)."""
    require_integration_account(actor)
    with transaction.atomic(durable=True):
        subscription = _own(actor, webhook_id, lock=True)
        if "url" in changes:
            subscription.url = _checked_url(changes["url"])
        if "kinds" in changes:
            subscription.kinds = _checked_kinds(changes["kinds"])
        if "active" in changes:
            subscription.active = bool(changes["active"])
        subscription.save()
    return subscription


def webhook_delete(*, actor: AnyUser, webhook_id: int) -> None:
    require_integration_account(actor)
    with transaction.atomic(durable=True):
        _own(actor, webhook_id, lock=True).delete()


def webhook_deliveries(*, actor: AnyUser, webhook_id: int) -> QuerySet[WebhookDelivery]:
    """The subscription's deliveries, newest first, with their status and last error."""
    require_integration_account(actor)
    return _own(actor, webhook_id).deliveries.order_by("-created_at", "-event_id")


def webhook_of(*, actor: AnyUser, webhook_id: int) -> WebhookSubscription:
    require_integration_account(actor)
    return _own(actor, webhook_id)


def _own(actor: AnyUser, webhook_id: int, *, lock: bool = False) -> WebhookSubscription:
    queryset = visible_webhooks(actor)
    if lock:
        queryset = queryset.select_for_update()
    subscription = queryset.filter(pk=webhook_id).first()
    if subscription is None:
        raise NotFound("Webhook tidak ditemukan.")
    return subscription


def _refused(field: str, message: str, code: str) -> InvalidContent:
    return InvalidContent(message, code=code, errors=[{"code": code, "message": message, "field": field}])


def _checked_url(url: Any) -> str:
    try:
        checked_target(url)
    except AddressRefused as refusal:
        raise _refused("url", refusal.message, refusal.code) from None
    return str(url)


def _checked_kinds(kinds: Any) -> list[str]:
    if not isinstance(kinds, Sequence) or isinstance(kinds, str) or not kinds:
        raise _refused("kinds", "Pilih paling sedikit satu jenis peristiwa.", "kinds_required")
    unknown = [kind for kind in kinds if kind not in EventKind.values]
    if unknown:
        known = ", ".join(EventKind.values)
        raise _refused(
            "kinds",
            f"Jenis peristiwa tidak dikenal: {str(unknown[0])[:40]!r}. Pilih: {known}.",
            "kind_invalid",
        )
    return list(dict.fromkeys(str(kind) for kind in kinds))


def _checked_secret(secret: Any) -> str:
    if (
        not isinstance(secret, str)
        or not SECRET_MIN_LENGTH <= len(secret) <= SECRET_MAX_LENGTH
        or not secret.isascii()
        or not secret.isprintable()
        or " " in secret
    ):
        raise _refused(
            "secret",
            f"Rahasia berupa {SECRET_MIN_LENGTH} sampai {SECRET_MAX_LENGTH} karakter ASCII tanpa spasi, "
            "atau kosongkan agar dibuatkan.",
            "secret_invalid",
        )
    return secret
