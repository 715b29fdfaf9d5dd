"""Long outputs built in the background (books, recaps) and the codes that make printed copies checkable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from submissions.models.documents import Submission
from submissions.models.organisation import OPD, Instansi


class ExportKind(models.TextChoices):
    STANDARD = "standard", "Satu standar"
    BOOK = "book", "Buku standar yang berlaku"
    RECAP = "recap", "Rekap (Excel)"
    DECREE_BOOK = "decree_book", "Buku lampiran keputusan"
    PACKAGE_BOOK = "package_book", "Buku paket konsultasi"


class ExportFormat(models.TextChoices):
    DOCX = "docx", "Word (.docx)"
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "Excel (.xlsx)"


class Orientation(models.TextChoices):
    PORTRAIT = "portrait", "Tegak (A4)"
    LANDSCAPE = "landscape", "Mendatar (A4)"


class ExportStatus(models.TextChoices):
    PENDING = "pending", "Menunggu"
    RUNNING = "running", "Sedang dibuat"
    DONE = "done", "Selesai"
    FAILED = "failed", "Gagal"
    EXPIRED = "expired", "Kedaluwarsa"


class ExportJob(models.Model):
    """One requested output: what, for whom, how far along, and where its file is kept until it expires."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="diminta oleh"
    )
    kind = models.CharField("jenis", max_length=20, choices=ExportKind.choices)
    format = models.CharField("format", max_length=10, choices=ExportFormat.choices)
    orientation = models.CharField(
        "orientasi", max_length=10, choices=Orientation.choices, default=Orientation.PORTRAIT
    )
    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="instansi"
    )
    opd = models.ForeignKey(
        OPD, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="OPD"
    )
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="dokumen"
    )
    # The decree's or the package's book (workflow's models, named by string: no import of workflow).
    decree = models.ForeignKey(
        "workflow.Decree",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="keputusan",
    )
    package = models.ForeignKey(
        "workflow.ConsultationPackage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="paket konsultasi",
    )
    status = models.CharField("status", max_length=10, choices=ExportStatus.choices, default="pending")
    total = models.PositiveIntegerField("jumlah langkah", default=0)
    done = models.PositiveIntegerField("langkah selesai", default=0)
    attempts = models.PositiveSmallIntegerField("percobaan", default=0)
    file = models.FileField("berkas", upload_to="exports/%Y/%m/", blank=True)
    filename = models.CharField("nama berkas", max_length=200, blank=True)
    error = models.TextField("galat", blank=True)
    created_at = models.DateTimeField("diminta", auto_now_add=True)
    started_at = models.DateTimeField("mulai", null=True, blank=True)
    heartbeat_at = models.DateTimeField("tanda hidup terakhir", null=True, blank=True)
    finished_at = models.DateTimeField("selesai", null=True, blank=True)
    expires_at = models.DateTimeField("kedaluwarsa", null=True, blank=True)

    class Meta:
        verbose_name = "ekspor"
        verbose_name_plural = "ekspor"
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

    code = models.CharField("kode verifikasi", max_length=20, unique=True)
    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="verification", verbose_name="dokumen"
    )
    content_sha256 = models.CharField("SHA-256 isi yang ditetapkan", max_length=64)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "kode verifikasi"
        verbose_name_plural = "kode verifikasi"

    def __str__(self) -> str:
        return self.code
