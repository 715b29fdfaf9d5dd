"""The competency dictionary and the minimum level each kind of position requires."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from submissions.models.organisation import Instansi
from submissions.models.positions import FunctionalRank, PositionKind, Urusan

LEVEL_RANGE_MESSAGE = "Level kompetensi harus antara 1 dan 5."


class CompetencyGroup(models.TextChoices):
    MANAGERIAL = "managerial", gettext_noop("Manajerial")
    SOCIOCULTURAL = "sociocultural", gettext_noop("Sosial kultural")
    TECHNICAL = "technical", gettext_noop("Teknis")


class Competency(models.Model):
    code = models.CharField(_("kode"), max_length=30)
    name = models.CharField(_("nama"), max_length=255)
    group = models.CharField(_("kelompok"), max_length=20, choices=CompetencyGroup.choices)
    definition = models.TextField(_("definisi"), blank=True)
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competencies",
        verbose_name=_("instansi pemilik"),
        help_text=_("Kosong untuk kamus nasional."),
    )
    # Technical competencies belong to a government affair and are issued by the ministry or agency
    # that owns it (with its regulation), or by the instansi itself.
    urusan = models.ForeignKey(
        Urusan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competencies",
        verbose_name=_("urusan pemerintahan"),
    )
    issuer = models.CharField(
        _("penerbit"),
        max_length=255,
        blank=True,
        help_text=_("Kementerian/lembaga, atau kosong bila instansi sendiri."),
    )
    regulation = models.CharField(_("nomor peraturan"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kamus kompetensi")
        ordering = ["group", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(instansi__isnull=True),
                name="competency_code_unique_nationally",
                violation_error_message="Kode kompetensi ini sudah ada di kamus nasional.",
            ),
            models.UniqueConstraint(
                fields=["instansi", "code"],
                name="competency_code_unique_in_instansi",
                violation_error_message="Kode kompetensi ini sudah ada di kamus instansi.",
            ),
            models.CheckConstraint(
                condition=models.Q(group__in=CompetencyGroup.values),
                name="competency_group_valid",
                violation_error_message="Kelompok kompetensi tidak dikenal.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CompetencyLevel(models.Model):
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="levels", verbose_name=_("kompetensi")
    )
    level = models.PositiveSmallIntegerField(_("level"))
    description = models.TextField(_("deskripsi"))
    indicators = models.JSONField(
        _("indikator perilaku"), default=list, help_text=_("Daftar indikator, berurutan.")
    )

    class Meta:
        verbose_name = _("level kompetensi")
        verbose_name_plural = pgettext_lazy("plural", "level kompetensi")
        ordering = ["competency", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["competency", "level"],
                name="competency_level_unique",
                violation_error_message="Level ini sudah ada untuk kompetensi tersebut.",
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5),
                name="competency_level_in_range",
                violation_error_message=LEVEL_RANGE_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency.code} level {self.level}"


class MinimumLevel(models.Model):
    """Reference data: the lowest managerial and socio-cultural level a kind of position needs."""

    kind = models.CharField(_("kelompok jabatan"), max_length=20, choices=PositionKind.choices)
    rank = models.CharField(
        _("jenjang"), max_length=20, choices=FunctionalRank.choices, blank=True, default=""
    )
    level = models.PositiveSmallIntegerField(_("level minimum"))
    blocking = models.BooleanField(
        _("menghalangi pengajuan"),
        default=True,
        help_text=_("Jika aktif, level di bawah minimum menjadi kesalahan; jika tidak, hanya peringatan."),
    )

    class Meta:
        verbose_name = _("level minimum")
        verbose_name_plural = _("level minimum per kelompok jabatan")
        ordering = ["kind", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "rank"],
                name="minimum_level_unique",
                violation_error_message="Level minimum untuk kelompok dan jenjang ini sudah ada.",
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5),
                name="minimum_level_in_range",
                violation_error_message=LEVEL_RANGE_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        rank = f" {self.get_rank_display()}" if self.rank else ""
        return f"{self.get_kind_display()}{rank}: {self.level}"
