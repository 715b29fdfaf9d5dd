"""Racing the same transition through the API on PostgreSQL: one 200, the others 409, one log row."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from tests.api.conftest import client_for
from tests.builders import World
from tests.documents import document_in
from tests.services import need
from workflow.models import TransitionLog

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
RACERS = 6


@pytest.fixture
def postgres(transactional_db: None) -> None:
    need(
        connection.vendor == "postgresql",
        "butuh PostgreSQL: jalankan dengan DATABASE_URL=postgres://postgres@127.0.0.1:5432/alur_skj",
    )


def race(requests: list[Any]) -> list[Any]:
    barrier = threading.Barrier(len(requests))
    responses: list[Any] = [None] * len(requests)

    def run(index: int) -> None:
        try:
            barrier.wait()
            responses[index] = requests[index]()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_reviewers_racing_to_forward_get_one_success_and_409s(world: World, postgres: None) -> None:
    in_review = document_in(world, "opd_review")
    url = f"/api/v1/submissions/{in_review.pk}/transitions/"
    clients = [client_for(world.reviewer if i % 2 else world.second_reviewer) for i in range(RACERS)]

    responses = race([lambda c=c: c.post(url, {"name": "forward"}, format="json") for c in clients])

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] + [409] * (RACERS - 1), [r.content for r in responses]
    assert {r.json()["errors"][0]["code"] for r in responses if r.status_code == 409} <= {
        "wrong_state",
        "conflict",
    }
    assert TransitionLog.objects.filter(submission=in_review, transition="forward").count() == 1


def test_two_editors_with_the_same_etag_one_wins_and_one_gets_412(world: World, postgres: None) -> None:
    draft = document_in(world, "draft")
    url = f"/api/v1/submissions/{draft.pk}/"
    etag = client_for(world.drafter).get(url).headers["ETag"]
    editors = [client_for(world.drafter), client_for(world.second_drafter)]

    responses = race(
        [
            lambda c=c, i=i: c.patch(url, {"summary": f"Versi {i}"}, format="json", HTTP_IF_MATCH=etag)
            for i, c in enumerate(editors)
        ]
    )

    assert sorted(r.status_code for r in responses) == [200, 412]
