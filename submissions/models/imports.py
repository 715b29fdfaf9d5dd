"""An uploaded spreadsheet between its preview and its commit, and the record of what it changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from submissions.models.organisation import Instansi


class ImportKind(models.TextChoices):
    OPDS = "opds", gettext_noop("Daftar OPD")
    PETA_JABATAN = "peta_jabatan", gettext_noop("Peta jabatan")
    PEOPLE = "people", gettext_noop("Pengguna dan peran")
    DICTIONARY = "dictionary", gettext_noop("Kamus kompetensi")


class ImportBatch(models.Model):
    kind = models.CharField(_("jenis"), max_length=20, choices=ImportKind.choices)
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="import_batches",
        verbose_name=_("instansi"),
        help_text=_("Kosong untuk kamus nasional (administrator)."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("diunggah oleh")
    )
    filename = models.CharField(_("nama berkas"), max_length=255)
    content = models.BinaryField(_("isi berkas"))
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    committed_at = models.DateTimeField(_("disimpan"), null=True, blank=True)
    summary = models.JSONField(_("ringkasan"), default=dict, blank=True)

    class Meta:
        verbose_name = _("impor berkas")
        verbose_name_plural = pgettext_lazy("plural", "impor berkas")
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
