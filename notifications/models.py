"""The outbox and the inbox: one Notification row per (event, recipient), and users' preferences.

A row is written in the same transaction as the event it tells of, with its subject rendered and
everything its body says frozen beside it (`context`), so what was sent can always be shown,
retried or audited without the event's data at hand. The bodies are rendered from that frozen
context at delivery or at the first read (notifications.rendering.ensure_bodies), outside the
request that fired the event.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy


class Kind(models.TextChoices):
    SUBMIT = "submit", gettext_noop("Dokumen diajukan untuk reviu")
    WITHDRAW = "withdraw", gettext_noop("Dokumen ditarik kembali")
    RETURN_TO_DRAFTER = "return_to_drafter", gettext_noop("Dokumen dikembalikan ke penyusun")
    FORWARD = "forward", gettext_noop("Dokumen diteruskan ke Bagian Organisasi")
    RETURN_TO_OPD = "return_to_opd", gettext_noop("Dokumen dikembalikan ke OPD")
    SEND_TO_MINISTRY = "send_to_ministry", gettext_noop("Dokumen dikirim ke KemenPAN-RB")
    MINISTRY_AGREE = "ministry_agree", gettext_noop("KemenPAN-RB menyetujui")
    MINISTRY_RETURN = "ministry_return", gettext_noop("KemenPAN-RB mengembalikan")
    REVISION_STARTED = "revision_started", gettext_noop("Versi baru mulai disusun")
    PACKAGE_SENT = "package_sent", gettext_noop("Paket konsultasi dikirim ke KemenPAN-RB")
    PACKAGE_ANSWERED = "package_answered", gettext_noop("Jawaban KemenPAN-RB atas paket")
    PACKAGE_FOLLOW_UP = "package_follow_up", gettext_noop("Tindak lanjut paket yang belum dijawab")
    REMINDER = "reminder", gettext_noop("Pengingat tenggat")
    ESCALATION = "escalation", gettext_noop("Eskalasi keterlambatan")
    DIGEST = "digest", gettext_noop("Ringkasan harian")
    INVITATION = "invitation", gettext_noop("Undangan ke Alur SKJ")
    ROUND_ANNOUNCED = "round_announced", gettext_noop("Putaran penyusunan dibuka")


# Kinds a user may route (the digest itself is always an email).
# An invitation carries the link to set one's password: it always goes by email at once.
PREFERENCE_KINDS = [kind for kind in Kind if kind not in (Kind.DIGEST, Kind.INVITATION)]


class Delivery(models.TextChoices):
    EMAIL = "email", gettext_noop("Email segera")
    DIGEST = "digest", gettext_noop("Ringkasan harian")
    IN_APP = "in_app", gettext_noop("Hanya di aplikasi")


class Status(models.TextChoices):
    PENDING = "pending", gettext_noop("Menunggu dikirim")
    SENDING = "sending", gettext_noop("Sedang dikirim")
    SENT = "sent", gettext_noop("Terkirim")
    FAILED = "failed", gettext_noop("Gagal")
    AWAITING_DIGEST = "awaiting_digest", gettext_noop("Menunggu ringkasan harian")
    DIGESTED = "digested", gettext_noop("Masuk ringkasan harian")
    IN_APP = "in_app", gettext_noop("Hanya di aplikasi")


class Notification(models.Model):
    kind = models.CharField(_("jenis"), max_length=30, choices=Kind.choices)
    submission = models.ForeignKey(
        "submissions.Submission",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("dokumen"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("penerima"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    event_key = models.CharField(_("kunci peristiwa"), max_length=120)
    # Unique by a constraint, not `unique=True`: that would add a second index for LIKE queries on
    # PostgreSQL (40 MB at 1,000,000 documents), and nothing searches the keys by prefix.
    idempotency_key = models.CharField(_("kunci idempotensi"), max_length=200)
    delivery = models.CharField(_("cara penyampaian"), max_length=10, choices=Delivery.choices)
    subject = models.CharField(_("perihal"), max_length=255)
    body_text = models.TextField(_("isi (teks)"), blank=True)
    body_html = models.TextField(_("isi (HTML)"), blank=True)
    # What the body templates are given, frozen as JSON when the row is written (names and labels,
    # never objects), and whether the bodies still have to be rendered from it.
    context = models.JSONField(_("konteks isi"), default=dict, blank=True)
    needs_body = models.BooleanField(_("isi belum disusun"), default=False)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("mulai dikirim"), null=True, blank=True)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    digest = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="digest_items",
        verbose_name=_("ringkasan"),
    )

    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = pgettext_lazy("plural", "notifikasi")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_inbox"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
            # The sweeper's and the digest's work lists stay small: only rows still in flight.
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=Q(status__in=["pending", "sending"]),
                name="notification_in_flight",
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(status="awaiting_digest"),
                name="notification_awaiting_digest",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["idempotency_key"], name="notification_idempotency_key_unique"),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="notification_status_valid",
                violation_error_message="Status notifikasi tidak dikenal.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} -> {self.recipient} ({self.get_status_display()})"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    """How one user wants to hear of one kind of event; without a row, email at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("pengguna"),
    )
    kind = models.CharField(_("jenis"), max_length=30, choices=[(k.value, k.label) for k in PREFERENCE_KINDS])
    delivery = models.CharField(_("cara penyampaian"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("preferensi notifikasi")
        verbose_name_plural = pgettext_lazy("plural", "preferensi notifikasi")
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="notification_preference_unique",
                violation_error_message="Preferensi untuk jenis notifikasi ini sudah ada.",
            ),
            models.CheckConstraint(
                condition=Q(delivery__in=Delivery.values),
                name="notification_preference_delivery_valid",
                violation_error_message="Cara penyampaian tidak dikenal.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} - {self.get_delivery_display()}"


# Webhooks live in their own modules; importing them here registers their models with this app.

from notifications.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription  # noqa: E402

__all__ = [
    "PREFERENCE_KINDS",
    "Delivery",
    "DeliveryStatus",
    "Kind",
    "Notification",
    "Preference",
    "Status",
    "WebhookDelivery",
    "WebhookSubscription",
]
