"""Small helpers the thin views share."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


def validated(serializer_class: type[serializers.Serializer], data: Any, **kwargs: Any) -> dict[str, Any]:
    """Validate input or raise (the exception handler answers 400 with every problem)."""
    if not isinstance(data, dict):
        # A JSON array or scalar where an object is expected: DRF would say "invalid" without a field.
        raise serializers.ValidationError(
            {"non_field_errors": [serializers.ErrorDetail("Kirim sebuah objek JSON.", code="invalid")]}
        )
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def bilingual(indonesian: str, english: str) -> str:
    return f"{indonesian}\n\n{english}"
