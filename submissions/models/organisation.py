"""Who owns documents: an instansi (a regional government) and its units (OPD)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy


class InstansiKind(models.TextChoices):
    PROVINSI = "provinsi", gettext_noop("Provinsi")
    KABUPATEN = "kabupaten", gettext_noop("Kabupaten")
    KOTA = "kota", gettext_noop("Kota")


class TimeZone(models.TextChoices):
    WIB = "Asia/Jakarta", gettext_noop("WIB (UTC+7)")
    WITA = "Asia/Makassar", gettext_noop("WITA (UTC+8)")
    WIT = "Asia/Jayapura", gettext_noop("WIT (UTC+9)")


class Instansi(models.Model):
    name = models.CharField(_("nama"), max_length=200, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=InstansiKind.choices)
    time_zone = models.CharField(
        _("zona waktu"),
        max_length=40,
        choices=TimeZone.choices,
        default=TimeZone.WIB,
        help_text=_("Tenggat jatuh pada akhir hari kerja di zona waktu ini."),
    )

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = pgettext_lazy("plural", "instansi")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=InstansiKind.values),
                name="instansi_kind_valid",
                violation_error_message="Jenis instansi harus provinsi, kabupaten, atau kota.",
            ),
            models.CheckConstraint(
                condition=models.Q(time_zone__in=TimeZone.values),
                name="instansi_time_zone_valid",
                violation_error_message="Zona waktu harus WIB, WITA, atau WIT.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OPD(models.Model):
    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="opds", verbose_name=_("instansi")
    )
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=40, blank=True)
    active = models.BooleanField(
        _("aktif"),
        default=True,
        help_text=_("OPD yang dinonaktifkan (mis. digabung atau dibubarkan) tidak lagi menyusun standar."),
    )

    class Meta:
        verbose_name = _("OPD")
        verbose_name_plural = pgettext_lazy("plural", "OPD")
        ordering = ["instansi__name", "name"]
        constraints = [
            # The target of the documents' (OPD, instansi) foreign key (their copied scope).
            models.UniqueConstraint(fields=["id", "instansi"], name="opd_id_instansi"),
            models.UniqueConstraint(
                fields=["instansi", "name"],
                name="opd_name_unique_in_instansi",
                violation_error_message="Instansi ini sudah memiliki OPD dengan nama yang sama.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.instansi.name})"
