"""The enactment decree (Keputusan or Peraturan Bupati / Wali Kota / Gubernur) and what it enacts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy


class DecreeKind(models.TextChoices):
    KEPUTUSAN = "keputusan", gettext_noop("Keputusan")
    PERATURAN = "peraturan", gettext_noop("Peraturan")


class HeadOfRegion(models.TextChoices):
    BUPATI = "bupati", gettext_noop("Bupati")
    WALI_KOTA = "wali_kota", gettext_noop("Wali Kota")
    GUBERNUR = "gubernur", gettext_noop("Gubernur")


# The head of region an instansi's kind implies (InstansiKind values).
HEAD_FOR_INSTANSI_KIND = {
    "kabupaten": HeadOfRegion.BUPATI,
    "kota": HeadOfRegion.WALI_KOTA,
    "provinsi": HeadOfRegion.GUBERNUR,
}


class Decree(models.Model):
    instansi = models.ForeignKey(
        "submissions.Instansi", on_delete=models.PROTECT, related_name="decrees", verbose_name=_("instansi")
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=DecreeKind.choices)
    head = models.CharField(_("kepala daerah"), max_length=20, choices=HeadOfRegion.choices)
    number = models.CharField(_("nomor"), max_length=120)
    date = models.DateField(_("tanggal"))
    title = models.CharField(_("tentang"), max_length=500)
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=200, blank=True)
    signatory_office = models.CharField(_("jabatan penanda tangan"), max_length=200, blank=True)
    letter = models.ForeignKey(
        "workflow.Letter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("berkas keputusan"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("keputusan penetapan")
        verbose_name_plural = pgettext_lazy("plural", "keputusan penetapan")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "kind", "head", "number", "date"],
                name="decree_unique_in_instansi",
                violation_error_message="Keputusan dengan jenis, nomor dan tanggal ini sudah dicatat.",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """E.g. "Keputusan Wali Kota Nomor 188.45/12/2026 tanggal 2026-11-20"."""
        return (
            f"{self.get_kind_display()} {self.get_head_display()} Nomor {self.number} "
            f"tanggal {self.date:%d-%m-%Y}"
        )


class Enactment(models.Model):
    """One version enacted by one decree: a version is enacted at most once (a revision needs a new one)."""

    decree = models.ForeignKey(Decree, on_delete=models.PROTECT, related_name="enactments")
    submission = models.OneToOneField(
        "submissions.Submission", on_delete=models.PROTECT, related_name="enactment"
    )

    class Meta:
        verbose_name = _("standar yang ditetapkan")
        verbose_name_plural = pgettext_lazy("plural", "standar yang ditetapkan")
        ordering = ["decree", "id"]

    def __str__(self) -> str:
        return f"{self.decree}: {self.submission_id}"
