"""An uploaded spreadsheet between its preview and its commit, and the record of what it changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from submissions.models.organisation import Instansi


class ImportKind(models.TextChoices):
    OPDS = "opds", "Daftar OPD"
    PETA_JABATAN = "peta_jabatan", "Peta jabatan"
    PEOPLE = "people", "Pengguna dan peran"
    DICTIONARY = "dictionary", "Kamus kompetensi"


class ImportBatch(models.Model):
    kind = models.CharField("jenis", max_length=20, choices=ImportKind.choices)
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="import_batches",
        verbose_name="instansi",
        help_text="Kosong untuk kamus nasional (administrator).",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="diunggah oleh"
    )
    filename = models.CharField("nama berkas", max_length=255)
    content = models.BinaryField("isi berkas")
    created_at = models.DateTimeField("diunggah", auto_now_add=True)
    committed_at = models.DateTimeField("disimpan", null=True, blank=True)
    summary = models.JSONField("ringkasan", default=dict, blank=True)

    class Meta:
        verbose_name = "impor berkas"
        verbose_name_plural = "impor berkas"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ImportKind.values),
                name="import_batch_kind_valid",
                violation_error_message="Jenis impor tidak dikenal.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"
