"""Administrators see every notification, its last error, and can send failed ones again."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from notifications.delivery import retry_notifications
from notifications.dispatch import dispatch_deliveries
from notifications.models import Notification, Preference
from notifications.rendering import ensure_bodies
from notifications.webhooks.delivery import retry_deliveries
from notifications.webhooks.dispatch import dispatch_webhooks
from notifications.webhooks.models import WebhookDelivery, WebhookSubscription


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = [
        "created_at",
        "recipient",
        "kind",
        "delivery",
        "status",
        "attempts",
        "sent_at",
        "error_short",
    ]
    list_filter = ["status", "kind", "delivery"]
    search_fields = ["recipient__username", "recipient__email", "subject", "event_key"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]
    actions = ["send_again"]
    readonly_fields = [field.name for field in Notification._meta.fields]

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Notification | None:
        notification = super().get_object(request, object_id, from_field)
        if notification is not None:  # an in-app row nobody has opened yet: its bodies are shown too
            ensure_bodies([notification])
        return notification

    @admin.display(description=_("galat terakhir"))
    def error_short(self, notification: Notification) -> str:
        return notification.last_error[:120]

    @admin.action(description=_("Kirim ulang notifikasi terpilih"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        with transaction.atomic():
            ids = retry_notifications(list(queryset.values_list("id", flat=True)))
            transaction.on_commit(lambda: dispatch_deliveries(ids), robust=True)
        skipped = queryset.count() - len(ids)
        self.message_user(request, f"{len(ids)} notifikasi diantrekan untuk dikirim ulang.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} notifikasi dilewati (sudah terkirim, hanya di aplikasi, "
                "atau tanpa alamat email).",
                messages.WARNING,
            )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin[Preference]):
    list_display = ["user", "kind", "delivery"]
    list_filter = ["kind", "delivery"]
    search_fields = ["user__username"]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin[WebhookSubscription]):
    list_display = ["id", "owner", "url", "active", "created_at"]
    list_filter = ["active"]
    search_fields = ["owner__username", "url"]
    list_select_related = ["owner"]
    # The secret signs deliveries; administrators see that it exists, not what it is.
    exclude = ["secret"]
    readonly_fields = ["owner", "created_at", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin[WebhookDelivery]):
    list_display = [
        "created_at",
        "subscription",
        "event_kind",
        "event_id",
        "status",
        "attempts",
        "last_status_code",
        "delivered_at",
        "error_short",
    ]
    list_filter = ["status", "event_kind"]
    search_fields = ["subscription__owner__username", "subscription__url", "last_error"]
    date_hierarchy = "created_at"
    list_select_related = ["subscription__owner"]
    actions = ["send_again"]
    readonly_fields = [field.name for field in WebhookDelivery._meta.fields]

    @admin.display(description=_("galat terakhir"))
    def error_short(self, delivery: WebhookDelivery) -> str:
        return delivery.last_error[:120]

    @admin.action(description=_("Kirim ulang webhook terpilih"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        with transaction.atomic():
            ids = retry_deliveries([str(pk) for pk in queryset.values_list("pk", flat=True)])
            transaction.on_commit(lambda: dispatch_webhooks(ids), robust=True)
        self.message_user(request, f"{len(ids)} pengiriman webhook diantrekan ulang.", messages.SUCCESS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: WebhookDelivery | None = None) -> bool:
        return False
