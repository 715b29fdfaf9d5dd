"""The confirmation form of one action: reason and comment for send-backs, letter for ministry answers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from workflow.rules import TransitionSpec
from workflow.selectors import reason_codes

REQUIRED_MESSAGES = {
    "reason_code": _("Pilih alasan pengembalian."),
    "comment": _("Tuliskan catatan untuk penerima."),
    "letter_number": _("Isi nomor surat KemenPAN-RB."),
    "letter_date": _("Isi tanggal surat KemenPAN-RB."),
}


class TransitionForm(forms.Form):
    reason_code = forms.ChoiceField(label=_("Alasan pengembalian"), required=False)
    comment = forms.CharField(
        label=_("Catatan"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    letter_number = forms.CharField(label=_("Nomor surat"), required=False, max_length=120)
    letter_date = forms.DateField(
        label=_("Tanggal surat"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        error_messages={"invalid": _("Tulis tanggal seperti 2026-03-31.")},
    )

    def __init__(self, *args: Any, spec: TransitionSpec, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec
        reason_field: Any = self.fields["reason_code"]
        reason_field.choices = [("", _("- pilih alasan -"))] + [(r.code, r.label) for r in reason_codes()]
        for name in list(self.fields):
            if name in spec.requires:
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = REQUIRED_MESSAGES[name]
            elif name != "comment":
                del self.fields[name]
