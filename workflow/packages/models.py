"""A consultation package, its items and the ministry's answers (issue 11).

A package's status is derived from its items, never stored: draft until it is sent, then sent,
partly answered or answered by the outcomes of its items. A standard is in at most one open
package (an item still waiting for its answer), which the database enforces.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy


class PackageStatus(models.TextChoices):
    DRAFT = "draft", gettext_noop("Draf")
    SENT = "sent", gettext_noop("Terkirim ke KemenPAN-RB")
    PARTLY_ANSWERED = "partly_answered", gettext_noop("Sebagian dijawab")
    ANSWERED = "answered", gettext_noop("Dijawab")


class Outcome(models.TextChoices):
    PENDING = "pending", gettext_noop("Menunggu jawaban")
    AGREED = "agreed", gettext_noop("Disetujui")
    RETURNED = "returned", gettext_noop("Dikembalikan")


def package_status(*, sent: bool, total: int, answered: int) -> PackageStatus:
    if not sent:
        return PackageStatus.DRAFT
    if answered == 0:
        return PackageStatus.SENT
    return PackageStatus.ANSWERED if answered >= total else PackageStatus.PARTLY_ANSWERED


class ConsultationPackage(models.Model):
    instansi = models.ForeignKey(
        "submissions.Instansi",
        on_delete=models.PROTECT,
        related_name="consultation_packages",
        verbose_name=_("instansi"),
    )
    title = models.CharField(_("judul"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dibuat oleh")
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    sent_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dikirim oleh"),
    )
    cover_letter_number = models.CharField(_("nomor surat pengantar"), max_length=120, blank=True)
    cover_letter_date = models.DateField(_("tanggal surat pengantar"), null=True, blank=True)
    cover_letter = models.ForeignKey(
        "workflow.Letter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("berkas surat pengantar"),
    )
    # The ministry's stage budget, counted from sending; one follow-up when it runs out unanswered.
    due_at = models.DateTimeField(_("tenggat jawaban"), null=True, blank=True)
    next_reminder_at = models.DateTimeField(_("tindak lanjut berikutnya"), null=True, blank=True)
    follow_ups_sent = models.PositiveSmallIntegerField(_("tindak lanjut terkirim"), default=0)

    class Meta:
        verbose_name = _("paket konsultasi")
        verbose_name_plural = pgettext_lazy("plural", "paket konsultasi")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_reminder_at"],
                condition=Q(next_reminder_at__isnull=False),
                name="package_follow_up_due",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.sent_at is None


class MinistryAnswer(models.Model):
    """One answer letter of the ministry; it may answer part of a package."""

    package = models.ForeignKey(ConsultationPackage, on_delete=models.PROTECT, related_name="answers")
    letter_number = models.CharField(_("nomor surat jawaban"), max_length=120)
    letter_date = models.DateField(_("tanggal surat jawaban"))
    letter = models.ForeignKey(
        "workflow.Letter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("berkas surat jawaban"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dicatat oleh")
    )
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("jawaban KemenPAN-RB")
        verbose_name_plural = pgettext_lazy("plural", "jawaban KemenPAN-RB")
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.letter_number} ({self.letter_date})"


class PackageItem(models.Model):
    package = models.ForeignKey(ConsultationPackage, on_delete=models.CASCADE, related_name="items")
    submission = models.ForeignKey(
        "submissions.Submission", on_delete=models.PROTECT, related_name="package_items"
    )
    outcome = models.CharField(_("hasil"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    answer = models.ForeignKey(
        MinistryAnswer, on_delete=models.PROTECT, null=True, blank=True, related_name="items"
    )
    position_code = models.CharField(_("kode jabatan dari KemenPAN-RB"), max_length=50, blank=True)
    reason_code = models.CharField(_("kode alasan"), max_length=40, blank=True)
    notes = models.TextField(_("catatan KemenPAN-RB"), blank=True)
    added_at = models.DateTimeField(_("ditambahkan"), auto_now_add=True)

    class Meta:
        verbose_name = _("isi paket")
        verbose_name_plural = pgettext_lazy("plural", "isi paket")
        ordering = ["package", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission"],
                condition=Q(outcome="pending"),
                name="package_item_one_open_package_per_submission",
                violation_error_message="Dokumen ini sudah ada dalam paket yang masih terbuka.",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["pending", "agreed", "returned"]),
                name="package_item_outcome_valid",
                violation_error_message="Hasil tidak dikenal.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.package_id}: {self.submission_id} ({self.outcome})"
