"""Path converters: an id longer than the database can hold is simply not found (never a 500)."""

from __future__ import annotations

MAX_ID = 2**53 - 1  # also safe for JavaScript clients


class IdConverter:
    regex = "[0-9]{1,16}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError("id out of range")
        return number

    def to_url(self, value: int) -> str:
        return str(value)
