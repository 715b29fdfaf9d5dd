"""Notification preferences: one choice per kind (email at once, daily digest, in-app only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from notifications.services import delivery_choices, preference_choices


class PreferencesForm(forms.Form):
    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in preference_choices():
            self.fields[kind] = forms.ChoiceField(
                label=_(label),
                choices=[(value, _(text)) for value, text in delivery_choices()],
                initial=current.get(kind),
                widget=forms.RadioSelect,
            )
