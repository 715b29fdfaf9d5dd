"""The feed under concurrent commits, on PostgreSQL with real threads (each its own connection).

An autoincrement id is handed out at INSERT, so a later id can commit first and a reader whose
cursor passed it never sees the earlier one. The feed's position is taken at commit instead.
"""

from __future__ import annotations

import bisect
import threading
import time
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection

from submissions.models import PositionKind
from tests.documents import complete_draft, fire
from tests.events import client_as
from tests.factories import PositionFactory
from workflow.events.feed import decode_cursor
from workflow.events.models import Event

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

WRITERS = 4
TRANSITIONS = 500


@dataclass(frozen=True)
class Committed:
    event_id: int
    started: float
    returned: float


def test_a_cursor_client_sees_each_of_500_concurrent_transitions_once_in_commit_order(world, postgres):
    documents = [
        complete_draft(world, PositionFactory.create(opd=world.opd, kind=PositionKind.PENGAWAS).pk)
        for _ in range(WRITERS)
    ]
    committed: list[Committed] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(WRITERS + 1)

    def write(document_id: int) -> None:
        try:
            barrier.wait()
            state = "draft"
            for _ in range(TRANSITIONS // WRITERS):
                started = time.monotonic()
                name = "submit" if state == "draft" else "withdraw"
                state = fire_by_id(document_id, name, world.drafter).state
                returned = time.monotonic()
                latest = Event.objects.filter(submission_id=document_id).order_by("-id").first()
                assert latest is not None
                committed.append(Committed(latest.pk, started, returned))
        except BaseException as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    seen: list[dict[str, Any]] = []

    def read() -> None:
        client = client_as(world.organisasi)
        cursor = ""
        try:
            barrier.wait()
            while True:
                still_writing = any(t.is_alive() for t in writers)
                body = client.get("/api/v1/events/", {"after": cursor, "limit": "7"}).json()
                seen.extend(body["results"])
                cursor = body["next"]
                if not body["results"] and not still_writing:
                    return  # a last empty read after every writer had returned: drained
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    writers = [threading.Thread(target=write, args=(d.pk,)) for d in documents]
    reader = threading.Thread(target=read)
    for thread in [*writers, reader]:
        thread.start()
    for thread in [*writers, reader]:
        thread.join()
    assert errors == []
    assert len(committed) == TRANSITIONS

    # Exactly once: every event of the database, none twice (creates of the drafts included).
    ids = [event["id"] for event in seen]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(Event.objects.values_list("pk", flat=True))
    assert len(ids) == TRANSITIONS + WRITERS

    # In commit order: positions only grow, and a transition that returned before another began
    # has the lower position.
    position = {event["id"]: decode_cursor(event["cursor"]) for event in seen}
    order = [position[i] for i in ids]
    assert order == sorted(order)
    by_return = sorted(committed, key=lambda c: c.returned)
    returns = [c.returned for c in by_return]
    highest_before: list[int] = []
    for c in by_return:
        highest_before.append(max(highest_before[-1] if highest_before else 0, position[c.event_id]))
    for later in committed:
        earlier = bisect.bisect_left(returns, later.started)
        if earlier:
            assert highest_before[earlier - 1] < position[later.event_id]

    # Each document's own history reads in its order: submit, withdraw, submit ...
    for document in documents:
        names = [e["transition"] for e in seen if e["submission"] == document.pk]
        assert names == ["create"] + [("submit", "withdraw")[i % 2] for i in range(TRANSITIONS // WRITERS)]

    # A client starting again from the beginning reads the very same feed.
    again = []
    client, cursor = client_as(world.organisasi), ""
    while page := client.get("/api/v1/events/", {"after": cursor, "limit": "1000"}).json()["results"]:
        again += page
        cursor = page[-1]["cursor"]
    assert [e["id"] for e in again] == ids


def fire_by_id(document_id: int, name: str, actor: Any) -> Any:
    from submissions.models import Submission

    return fire(Submission(pk=document_id), name, actor)
