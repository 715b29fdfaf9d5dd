"""An email backend whose failures a test scripts: raises the queued errors, then delivers to locmem."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend


class ScriptedBackend(BaseEmailBackend):
    errors: ClassVar[list[BaseException]] = []

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        if ScriptedBackend.errors:
            raise ScriptedBackend.errors.pop(0)
        mail.outbox.extend(email_messages)
        return len(email_messages)
