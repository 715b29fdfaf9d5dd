"""Fixtures for the notifications tests: a document with a known audience, and outbox rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from notifications.models import Notification
from notifications.services import Recipient, record_notifications
from submissions.models import Submission
from tests.builders import World
from tests.documents import complete_draft
from workflow.announcements import document_context


@pytest.fixture
def draft(world: World) -> Submission:
    return complete_draft(world)


@pytest.fixture
def record(draft: Submission) -> Callable[..., list[Notification]]:
    """Write notifications of a made-up event about `draft` (kind "submit" unless told)."""

    def write(
        *users: Any, kind: str = "submit", event_key: str = "test:1", **context: Any
    ) -> list[Notification]:
        return record_notifications(
            kind=kind,
            event_key=event_key,
            recipients=[Recipient(user=user, context={"next_step": "Reviu dokumen ini."}) for user in users],
            submission=draft,
            context={**document_context(draft), "actor_name": "Penyusun Uji", **context},
        )

    return write
