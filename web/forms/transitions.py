"""The confirmation form of one action: reason and comment for send-backs, letter for ministry answers.

Which inputs an action requires, their labels, limits and sentences come from `workflow.inputs`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from web.forms.fields import EMPTY_CHOICE, CleanCharField
from workflow.inputs import INPUT_RULES
from workflow.machine import Input, Step
from workflow.selectors import reason_codes


def _label(name: Input) -> Any:
    return _(INPUT_RULES[name].label)


class TransitionForm(forms.Form):
    reason_code = forms.ChoiceField(label=_label(Input.REASON_CODE), required=False)
    comment = CleanCharField(
        label=_label(Input.COMMENT),
        required=False,
        max_length=INPUT_RULES[Input.COMMENT].max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    letter_number = CleanCharField(
        label=_label(Input.LETTER_NUMBER),
        required=False,
        max_length=INPUT_RULES[Input.LETTER_NUMBER].max_length,
    )
    letter_date = forms.DateField(
        label=_label(Input.LETTER_DATE),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        error_messages={"invalid": _("Tulis tanggal seperti 2026-03-31.")},
    )

    def __init__(self, *args: Any, spec: Step, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec
        reason_field: Any = self.fields["reason_code"]
        reason_field.choices = [("", EMPTY_CHOICE)] + [(r.code, r.label) for r in reason_codes()]
        for name in list(self.fields):
            if name in spec.requires:
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = _(INPUT_RULES[name].missing)
            elif name != Input.COMMENT:
                del self.fields[name]
