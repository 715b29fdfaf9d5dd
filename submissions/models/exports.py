"""Long outputs built in the background (books, recaps) and the codes that make printed copies checkable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from submissions.models.documents import Submission
from submissions.models.organisation import OPD, Instansi


class ExportKind(models.TextChoices):
    STANDARD = "standard", gettext_noop("Satu standar")
    BOOK = "book", gettext_noop("Buku standar yang berlaku")
    RECAP = "recap", gettext_noop("Rekap (Excel)")
    DECREE_BOOK = "decree_book", gettext_noop("Buku lampiran keputusan")
    PACKAGE_BOOK = "package_book", gettext_noop("Buku paket konsultasi")


class ExportFormat(models.TextChoices):
    DOCX = "docx", gettext_noop("Word (.docx)")
    PDF = "pdf", gettext_noop("PDF")
    XLSX = "xlsx", gettext_noop("Excel (.xlsx)")


class Orientation(models.TextChoices):
    PORTRAIT = "portrait", gettext_noop("Tegak (A4)")
    LANDSCAPE = "landscape", gettext_noop("Mendatar (A4)")


class ExportStatus(models.TextChoices):
    PENDING = "pending", gettext_noop("Menunggu")
    RUNNING = "running", gettext_noop("Sedang dibuat")
    DONE = "done", gettext_noop("Selesai")
    FAILED = "failed", gettext_noop("Gagal")
    EXPIRED = "expired", gettext_noop("Kedaluwarsa")


class ExportJob(models.Model):
    """One requested output: what, for whom, how far along, and where its file is kept until it expires."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("diminta oleh")
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=ExportKind.choices)
    format = models.CharField(_("format"), max_length=10, choices=ExportFormat.choices)
    orientation = models.CharField(
        _("orientasi"), max_length=10, choices=Orientation.choices, default=Orientation.PORTRAIT
    )
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi"),
    )
    opd = models.ForeignKey(
        OPD, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("OPD")
    )
    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dokumen"),
    )
    # The decree's or the package's book (workflow's models, named by string: no import of workflow).
    decree = models.ForeignKey(
        "workflow.Decree",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("keputusan"),
    )
    package = models.ForeignKey(
        "workflow.ConsultationPackage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paket konsultasi"),
    )
    status = models.CharField(_("status"), max_length=10, choices=ExportStatus.choices, default="pending")
    total = models.PositiveIntegerField(_("jumlah langkah"), default=0)
    done = models.PositiveIntegerField(_("langkah selesai"), default=0)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    file = models.FileField(_("berkas"), upload_to="exports/%Y/%m/", blank=True)
    filename = models.CharField(_("nama berkas"), max_length=200, blank=True)
    error = models.TextField(_("galat"), blank=True)
    created_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("tanda hidup terakhir"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kedaluwarsa"), null=True, blank=True)

    class Meta:
        verbose_name = _("ekspor")
        verbose_name_plural = pgettext_lazy("plural", "ekspor")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ExportStatus.values),
                name="export_job_status_valid",
                violation_error_message="Status ekspor tidak dikenal.",
            ),
        ]
        indexes = [
            models.Index(fields=["expires_at"], condition=Q(status="done"), name="export_job_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_format_display()}) #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0


class VerificationCode(models.Model):
    """The short code printed with an approved standard; the public page looks it up (one per version)."""

    code = models.CharField(_("kode verifikasi"), max_length=20, unique=True)
    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="verification", verbose_name=_("dokumen")
    )
    content_sha256 = models.CharField(_("SHA-256 isi yang ditetapkan"), max_length=64)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("kode verifikasi")
        verbose_name_plural = pgettext_lazy("plural", "kode verifikasi")

    def __str__(self) -> str:
        return self.code
