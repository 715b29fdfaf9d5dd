"""Positions (jabatan) whose standards are drafted, and the government affairs they serve."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from submissions.models.organisation import OPD


class PositionKind(models.TextChoices):
    JPT_UTAMA = "jpt_utama", gettext_noop("JPT Utama")
    JPT_MADYA = "jpt_madya", gettext_noop("JPT Madya")
    JPT_PRATAMA = "jpt_pratama", gettext_noop("JPT Pratama")
    ADMINISTRATOR = "administrator", gettext_noop("Administrator")
    PENGAWAS = "pengawas", gettext_noop("Pengawas")
    PELAKSANA = "pelaksana", gettext_noop("Pelaksana")
    FUNGSIONAL = "fungsional", gettext_noop("Fungsional")


class FunctionalRank(models.TextChoices):
    AHLI_UTAMA = "ahli_utama", gettext_noop("Ahli Utama")
    AHLI_MADYA = "ahli_madya", gettext_noop("Ahli Madya")
    AHLI_MUDA = "ahli_muda", gettext_noop("Ahli Muda")
    AHLI_PERTAMA = "ahli_pertama", gettext_noop("Ahli Pertama")
    PENYELIA = "penyelia", gettext_noop("Penyelia")
    MAHIR = "mahir", gettext_noop("Mahir")
    TERAMPIL = "terampil", gettext_noop("Terampil")
    PEMULA = "pemula", gettext_noop("Pemula")


class Urusan(models.Model):
    """A government affair (urusan pemerintahan), e.g. Kesehatan or Kesekretariatan."""

    name = models.CharField(_("nama"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("urusan pemerintahan")
        verbose_name_plural = pgettext_lazy("plural", "urusan pemerintahan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


RANK_REQUIRED_MESSAGE = "Jabatan fungsional wajib memiliki jenjang; jabatan lain tidak."


class Position(models.Model):
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="positions", verbose_name=_("OPD"))
    name = models.CharField(_("nama jabatan"), max_length=255)
    sub_unit = models.CharField(
        _("sub-unit"),
        max_length=255,
        blank=True,
        help_text=_("Bidang, bagian atau seksi tempat jabatan berada, bila ada."),
    )
    kind = models.CharField(_("kelompok jabatan"), max_length=20, choices=PositionKind.choices)
    rank = models.CharField(
        _("jenjang jabatan fungsional"), max_length=20, choices=FunctionalRank.choices, blank=True
    )
    urusan = models.ManyToManyField(Urusan, related_name="positions", verbose_name=_("urusan pemerintahan"))
    code = models.CharField(
        _("kode jabatan"),
        max_length=50,
        blank=True,
        help_text=_("Diberikan oleh KemenPAN-RB; boleh kosong selama penyusunan."),
    )
    # The peta jabatan: the position above this one in its OPD, and how many people hold it
    # (bezetting) against how many it needs (kebutuhan, from the workload analysis).
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("jabatan atasan"),
    )
    bezetting = models.PositiveIntegerField(_("bezetting (pemangku)"), default=0)
    kebutuhan = models.PositiveIntegerField(_("kebutuhan pegawai"), default=0)
    active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = pgettext_lazy("plural", "jabatan")
        ordering = ["opd__name", "name"]
        indexes = [
            # The national lists walk positions by name (keyset on name, sub_unit, id).
            models.Index(fields=["name", "sub_unit", "id"], name="position_name_keyset"),
        ]
        constraints = [
            # The target of the documents' (position, OPD) foreign key (their copied scope).
            models.UniqueConstraint(fields=["id", "opd"], name="position_id_opd"),
            models.UniqueConstraint(
                fields=["opd", "name", "sub_unit"],
                name="position_unique_in_unit",
                violation_error_message="Unit ini sudah memiliki jabatan dengan nama yang sama.",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="position_not_its_own_parent",
                violation_error_message="Jabatan tidak boleh menjadi atasan dirinya sendiri.",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=PositionKind.values),
                name="position_kind_valid",
                violation_error_message="Kelompok jabatan tidak dikenal.",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind=PositionKind.FUNGSIONAL, rank__in=FunctionalRank.values)
                    | (~models.Q(kind=PositionKind.FUNGSIONAL) & models.Q(rank=""))
                ),
                name="position_rank_only_for_functional",
                violation_error_message=RANK_REQUIRED_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        unit = self.sub_unit or self.opd.name
        return f"{self.name} - {unit}"

    def clean(self) -> None:
        if self.kind == PositionKind.FUNGSIONAL and not self.rank:
            raise ValidationError({"rank": "Pilih jenjang untuk jabatan fungsional."})
        if self.kind != PositionKind.FUNGSIONAL and self.rank:
            raise ValidationError({"rank": "Jenjang hanya diisi untuk jabatan fungsional."})

    @property
    def kind_label(self) -> str:
        label = self.get_kind_display()
        return f"{label} {self.get_rank_display()}" if self.rank else label
