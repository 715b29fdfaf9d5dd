"""The pages cost the same number of queries with one document as with several (no N+1)."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.documents import document_in
from tests.factories import PositionFactory
from workflow.machine import State

PAGES = ("/", "/jabatan/", "/notifikasi/")
_names = itertools.count()


def _submitted_documents(world, n: int) -> list:
    documents = []
    for _ in range(n):
        position = PositionFactory.create(opd=world.opd, name=f"Pelaksana {next(_names)}", kind="pelaksana")
        documents.append(document_in(world, State.OPD_REVIEW, position))
    return documents


def _costs(client, paths: list[str]) -> list[int]:
    costs = []
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        costs.append(len(queries.captured_queries))
    return costs


@pytest.mark.parametrize("who", ["drafter", "reviewer", "organisasi"])
def test_the_pages_do_not_query_once_per_document(world, as_user, who) -> None:
    first = _submitted_documents(world, 1)[0]
    client = as_user(getattr(world, who))
    paths = [*PAGES, f"/dokumen/{first.pk}/"]
    _costs(client, paths)  # the session's first requests fill what later ones read from the cache
    with_one = _costs(client, paths)

    _submitted_documents(world, 4)

    assert _costs(client, paths) == with_one


def _positions_with_documents(world, n: int) -> None:
    from submissions.models import Position, Submission

    positions = Position.objects.bulk_create(
        Position(opd=world.opd, name=f"Pelaksana {next(_names)}", kind="pelaksana") for _ in range(n)
    )
    Submission.objects.bulk_create(
        Submission(
            position=p, created_by=world.drafter, state=State.MINISTRY_CONSULTATION, reached_ministry=True
        )
        for p in positions
    )


@pytest.mark.parametrize("who", ["organisasi", "ministry"])
def test_the_positions_page_costs_the_same_for_1_and_100_positions(world, as_user, who) -> None:
    _positions_with_documents(world, 1)
    client = as_user(getattr(world, who))
    _costs(client, ["/jabatan/"])
    with_one = _costs(client, ["/jabatan/"])

    _positions_with_documents(world, 99)

    assert _costs(client, ["/jabatan/"]) == with_one
