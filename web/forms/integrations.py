"""The form of a new service account on the set-up pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ServiceAccountForm(forms.Form):
    name = forms.CharField(label=_("Nama sistem"), max_length=150, help_text=_("Mis. SIMPEG Kota Madiun."))
    reason = forms.CharField(label=_("Keperluan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    nationwide = forms.BooleanField(
        label=_("Seluruh instansi (hanya administrator)"), required=False, initial=False
    )
