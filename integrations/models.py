"""What Alur SKJ adds to knox's tokens (a name, the last use, the password it was issued under), and
the read-only accounts of other systems with who created them and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from knox.models import AuthToken

from submissions.models import Instansi


class TokenLabel(models.Model):
    """One knox token's name and use; its id is the token's id in the API and on the pages.

    `password_stamp` is a keyed digest of the owner's password hash when the token was issued: a
    password changed by any path (the invitation page, the admin, a shell) no longer matches, so
    the token stops working without any hook on the places that change passwords.
    """

    token = models.OneToOneField(AuthToken, on_delete=models.CASCADE, related_name="label")
    name = models.CharField(_("nama"), max_length=100)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    password_stamp = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = pgettext_lazy("plural", "token API")

    def __str__(self) -> str:
        return self.name


class ServiceAccount(models.Model):
    """A read-only account of another system (SIMPEG, a dashboard): one instansi, or all (None)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="service_account"
    )
    name = models.CharField(_("nama sistem"), max_length=150)
    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("instansi")
    )
    reason = models.TextField(_("keperluan"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dibuat oleh")
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    deactivated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dinonaktifkan oleh"),
    )
    deactivated_at = models.DateTimeField(_("dinonaktifkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("akun integrasi")
        verbose_name_plural = pgettext_lazy("plural", "akun integrasi")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.deactivated_at is None
