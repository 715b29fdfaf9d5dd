"""Form fields whose text is cleaned like the API's (submissions.text.clean_text)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from submissions.text import clean_text


class CleanCharField(forms.CharField):
    def to_python(self, value: Any) -> str:
        return str(super().to_python(clean_text(value) if isinstance(value, str) else value))


def clean_text_formfield(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """ModelForm `formfield_callback`: the model's free-text fields become CleanCharFields."""
    if isinstance(field, models.CharField | models.TextField) and not field.choices:
        return field.formfield(form_class=CleanCharField, **kwargs)
    return field.formfield(**kwargs)
