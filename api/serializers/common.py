"""Shared serializer pieces: strict input (unknown fields refused) and small references."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.validators import ProhibitNullCharactersValidator
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError

from submissions.text import clean_text

UNKNOWN_FIELD = "Kolom ini tidak dikenal."
READ_ONLY_FIELD = "Kolom ini hanya dapat dibaca dan tidak dapat diubah melalui API."


class StrictSerializer(serializers.Serializer):
    """Input serializer that refuses fields it does not declare.

    `read_only_names` are fields clients see in responses but may not write (state, owner, unit):
    sending them is refused with `read_only_field`, so nobody believes a state change was made.
    """

    read_only_names: tuple[str, ...] = ()

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            refused = {
                str(key): [_refusal(str(key), self.read_only_names)]
                for key in data
                if key not in self.fields or self.fields[key].read_only
            }
            if refused:
                raise ValidationError(refused)
        return super().to_internal_value(data)


def _refusal(key: str, read_only: tuple[str, ...]) -> ErrorDetail:
    if key in read_only:
        return ErrorDetail(READ_ONLY_FIELD, code="read_only_field")
    return ErrorDetail(UNKNOWN_FIELD, code="unknown_field")


class StrictCharField(serializers.CharField):
    """Text only (DRF would turn a number into text silently), cleaned of control characters
    (submissions.text.clean_text). A NUL byte is refused rather than dropped: nobody types one."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        ProhibitNullCharactersValidator()(data)
        return str(super().to_internal_value(clean_text(data)))


class TextField(StrictCharField):
    """A trimmed text input with a length limit."""

    def __init__(self, *, max_length: int, **kwargs: Any):
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("required", False)
        super().__init__(max_length=max_length, **kwargs)


class StrictIntegerField(serializers.IntegerField):
    """A JSON number without a fraction, as the schema says `integer`: DRF's own takes "5", 5.0
    and true as 5 and 1. Input bodies use it; query parameters (always text) keep IntegerField."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return int(super().to_internal_value(data))


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
