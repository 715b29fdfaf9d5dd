"""A subscription (URL, event kinds, secret) and one delivery row per (subscription, event)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

URL_MAX_LENGTH = 500


class WebhookSubscription(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
        verbose_name=_("akun integrasi"),
    )
    url = models.URLField(_("alamat"), max_length=URL_MAX_LENGTH)
    kinds = models.JSONField(_("jenis peristiwa"), default=list)
    # Kept as it is: the HMAC needs it on every delivery (it is shown to its owner once, at creation).
    secret = models.CharField(_("rahasia penanda tangan"), max_length=200)
    active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("langganan webhook")
        verbose_name_plural = pgettext_lazy("plural", "langganan webhook")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.owner}: {self.url}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", gettext_noop("Menunggu dikirim")
    SENDING = "sending", gettext_noop("Sedang dikirim")
    DELIVERED = "delivered", gettext_noop("Terkirim")
    FAILED = "failed", gettext_noop("Gagal")


class WebhookDelivery(models.Model):
    """One event for one subscription. `id` is the delivery id the receiver deduplicates on."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("langganan")
    )
    event_id = models.BigIntegerField(_("peristiwa"))
    event_kind = models.CharField(_("jenis peristiwa"), max_length=30)
    # The JSON sent, written with the event: a retry sends the same bytes and the same delivery id.
    payload = models.JSONField(_("isi"))
    status = models.CharField(_("status"), max_length=20, choices=DeliveryStatus.choices)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("mulai dikirim"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("kode HTTP terakhir"), null=True, blank=True)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    delivered_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengiriman webhook")
        verbose_name_plural = pgettext_lazy("plural", "pengiriman webhook")
        ordering = ["-created_at", "-event_id"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "event_id"], name="webhook_delivery_once"),
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values), name="webhook_delivery_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["subscription", "-created_at"], name="webhook_delivery_list"),
            # The sweeper's work list stays small: only rows still in flight.
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=Q(status__in=["pending", "sending"]),
                name="webhook_delivery_in_flight",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_kind} #{self.event_id} -> {self.subscription_id} ({self.get_status_display()})"
