"""Exactly-once bookkeeping after a fault: a burst of transitions, then the ledger is checked.

The burst submits many drafts through the API (as clients do, retrying an answer that was not a
success or a conflict); afterwards every document has exactly one `submit` log row, every log row
has its notification rows and no others exist, and each notification reached the SMTP server
exactly once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from django.db import OperationalError, connection
from rest_framework.test import APIClient

from notifications.models import Notification, Status
from notifications.tasks import sweep_outbox
from submissions.models import Submission
from tests.api.conftest import client_for
from tests.builders import World
from tests.documents import complete_draft
from tests.factories import PositionFactory
from tests.integration.services import Mailbox, wait_for
from workflow.machine import State
from workflow.models import TransitionLog

# Each submit tells the OPD's two reviewers.
RECIPIENTS_PER_SUBMIT = 2


def drafts(world: World, count: int) -> list[Submission]:
    return [complete_draft(world, position_id=PositionFactory.create(opd=world.opd).pk) for _ in range(count)]


def _drafter_client(world: World) -> APIClient:
    # The test reads the drafter's token on the same connection the terminator may have just killed
    # while it was idle; a real client holds its token and never meets that, so reconnect and retry.
    for _ in range(10):
        try:
            return client_for(world.drafter)
        except OperationalError:
            connection.close()
    return client_for(world.drafter)


def submit(world: World, draft: Submission) -> int:
    """One API submit as the drafter; the status code (a dropped connection is reopened after)."""
    response = _drafter_client(world).post(
        f"/api/v1/submissions/{draft.pk}/transitions/", {"name": "submit"}, format="json"
    )
    if response.status_code >= 500:
        assert response.json()["errors"], response.content  # the JSON error shape, even then
        connection.close()  # a server process would open a new connection for the next request
    return int(response.status_code)


def submit_all(
    world: World, documents: Iterable[Submission], during: Callable[[int], Any] | None = None
) -> list[int]:
    """Submit each document once; `during(i)` runs before the i-th request (to inject a fault)."""
    statuses = []
    for index, draft in enumerate(documents):
        if during is not None:
            during(index)
        statuses.append(submit(world, draft))
    return statuses


def retry_until_settled(world: World, documents: list[Submission], attempts: int = 5) -> None:
    """What a client does with a 5xx: ask again; 409 means the first attempt had committed."""
    for draft in documents:
        for _ in range(attempts):
            if submit(world, draft) in (200, 409):
                break
        else:
            raise AssertionError(f"dokumen {draft.pk} tidak pernah diajukan")


def deliver_everything(timeout: float = 60) -> None:
    """Run the sweeper (the beat's job) until every transition notification is sent."""

    def all_sent() -> bool:
        rows = Notification.objects.filter(event_key__startswith="transition:")
        if rows.exclude(status=Status.SENT).exists():
            sweep_outbox.delay()
            time.sleep(1)
            return False
        return rows.exists()

    wait_for(all_sent, timeout=timeout, what="semua notifikasi transisi terkirim")


def assert_exactly_once(documents: list[Submission], mailbox: Mailbox) -> None:
    for draft in documents:
        draft.refresh_from_db()
        assert draft.state == State.OPD_REVIEW
        log = list(
            TransitionLog.objects.filter(submission=draft).order_by("pk").values_list("transition", flat=True)
        )
        assert log == ["create", "submit"], f"dokumen {draft.pk}: {log}"
    submits = TransitionLog.objects.filter(submission__in=documents, transition="submit")
    log_ids = set(submits.values_list("pk", flat=True))
    rows = Notification.objects.filter(event_key__startswith="transition:")
    # Rolled-back requests left nothing: every notification belongs to a committed log row.
    assert {int(key.split(":")[1]) for key in rows.values_list("event_key", flat=True)} == log_ids
    assert rows.count() == RECIPIENTS_PER_SUBMIT * len(documents)
    expected = {str(pk): 1 for pk in rows.values_list("pk", flat=True)}
    assert mailbox.copies_per_notification() == expected
