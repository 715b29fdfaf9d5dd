"""Who may do what where: a user's roles, each bound to an OPD or an instansi and a period."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from submissions.models.organisation import OPD, Instansi


class Role(models.TextChoices):
    DRAFTER = "drafter", gettext_noop("Penyusun OPD")
    REVIEWER = "reviewer", gettext_noop("Pemeriksa OPD")
    BAGIAN_ORGANISASI = "bagian_organisasi", gettext_noop("Bagian Organisasi")
    MINISTRY = "ministry", gettext_noop("KemenPAN-RB")
    ADMINISTRATOR = "administrator", gettext_noop("Administrator")
    # A read-only account of another system (SIMPEG, an inspectorate's dashboard): bound to one
    # instansi, or to none for a nationwide account that only an administrator may create.
    INTEGRATION = "integration", gettext_noop("Akun integrasi (hanya baca)")


OPD_ROLES = (Role.DRAFTER, Role.REVIEWER)


class ActingKind(models.TextChoices):
    DEFINITIVE = "", gettext_noop("Definitif")
    PLT = "plt", gettext_noop("Plt. (pelaksana tugas)")
    PLH = "plh", gettext_noop("Plh. (pelaksana harian)")


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def active_on(self, day: datetime.date) -> RoleAssignmentQuerySet:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("pengguna"),
    )
    role = models.CharField(_("peran"), max_length=30, choices=Role.choices)
    opd = models.ForeignKey(
        OPD,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("OPD"),
    )
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("instansi"),
    )
    acting = models.CharField(
        _("jenis penugasan"), max_length=3, choices=ActingKind.choices, blank=True, default=""
    )
    acting_for = models.CharField(
        _("bertindak untuk"),
        max_length=255,
        blank=True,
        help_text=_("Untuk Plt./Plh.: jabatan yang dilaksanakan, mis. 'Kepala Dinas Kesehatan'."),
    )
    valid_from = models.DateField(_("berlaku mulai"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = pgettext_lazy("plural", "penugasan peran")
        ordering = ["user__username", "role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="role_assignment_role_valid",
                violation_error_message="Peran tidak dikenal.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(role__in=OPD_ROLES, opd__isnull=False, instansi__isnull=True)
                    | Q(role=Role.BAGIAN_ORGANISASI, opd__isnull=True, instansi__isnull=False)
                    | Q(role__in=[Role.MINISTRY, Role.ADMINISTRATOR], opd__isnull=True, instansi__isnull=True)
                    | Q(role=Role.INTEGRATION, opd__isnull=True)
                ),
                name="role_assignment_scope_matches_role",
                violation_error_message=(
                    "Penyusun dan pemeriksa terikat pada satu OPD, Bagian Organisasi pada satu "
                    "instansi, KemenPAN-RB dan administrator tidak terikat, akun integrasi pada satu "
                    "instansi atau seluruh instansi."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="role_assignment_period_ordered",
                violation_error_message="Tanggal akhir tidak boleh sebelum tanggal mulai.",
            ),
            models.CheckConstraint(
                condition=Q(acting="") | Q(valid_until__isnull=False),
                name="role_assignment_acting_is_bounded",
                violation_error_message="Penugasan Plt./Plh. wajib memiliki tanggal akhir.",
            ),
        ]

    def __str__(self) -> str:
        scope = self.opd or self.instansi or "semua instansi"
        acting = f" ({self.get_acting_display()})" if self.acting else ""
        return f"{self.user} - {self.get_role_display()}{acting} - {scope}"

    def clean(self) -> None:
        if self.role in OPD_ROLES and (self.opd is None or self.instansi is not None):
            raise ValidationError({"opd": "Penyusun dan pemeriksa wajib terikat pada satu OPD."})
        if self.role == Role.BAGIAN_ORGANISASI and (self.instansi is None or self.opd is not None):
            raise ValidationError({"instansi": "Bagian Organisasi wajib terikat pada satu instansi."})
        if self.role in (Role.MINISTRY, Role.ADMINISTRATOR) and (self.opd or self.instansi):
            raise ValidationError("Peran ini tidak terikat pada OPD atau instansi.")
        if self.role == Role.INTEGRATION and self.opd is not None:
            raise ValidationError({"opd": "Akun integrasi terikat pada satu instansi atau seluruh instansi."})
        if self.acting and not self.valid_until:
            raise ValidationError({"valid_until": "Penugasan Plt./Plh. wajib memiliki tanggal akhir."})
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": "Tanggal akhir tidak boleh sebelum tanggal mulai."})

    @property
    def scope_instansi_id(self) -> int | None:
        if self.opd is not None:
            return self.opd.instansi_id
        return self.instansi_id
