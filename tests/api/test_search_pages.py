"""`?q=` on the documents and positions lists: keyset pages without a count that continue exactly
where the page before ended, a forged cursor refused with 400, the same queries for 1 and 30 rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from submissions.models import Position, PositionKind, Submission
from tests.api.conftest import assert_error, client_for
from tests.builders import World
from workflow import search
from workflow.machine import State

DOCUMENTS, POSITIONS = "/api/v1/submissions/", "/api/v1/positions/"


def _documents(world: World, n: int, name: str = "Arsiparis") -> list[int]:
    """`n` drafts of world.opd whose positions share one name (sub-units tell them apart)."""
    first = Position.objects.count()
    positions = Position.objects.bulk_create(
        Position(opd=world.opd, name=name, sub_unit=f"Seksi {first + i:03}", kind=PositionKind.PELAKSANA)
        for i in range(n)
    )
    created = Submission.objects.bulk_create(
        Submission(position=p, state=State.DRAFT, created_by=world.drafter) for p in positions
    )
    return [s.pk for s in created]


def _every_page(client, url: str) -> list[list[int]]:
    pages = []
    while url:
        body = client.get(url).json()
        assert "count" not in body
        assert body["previous"] is None or POSITIONS in url
        pages.append([row["id"] for row in body["results"]])
        url = body["next"]
    return pages


def test_the_documents_search_pages_continue_exactly_across_the_ranked_window(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _documents(world, 7)
    monkeypatch.setattr(search, "RANK_WINDOW", 3)

    pages = _every_page(client_for(world.organisasi), f"{DOCUMENTS}?q=arsiparis&page_size=2")

    assert [len(page) for page in pages] == [2, 2, 2, 1]
    assert [pk for page in pages for pk in page] == sorted(ids, reverse=True)


def test_a_forged_search_cursor_is_400(world: World) -> None:
    _documents(world, 2)

    response = client_for(world.organisasi).get(DOCUMENTS, {"q": "arsiparis", "cursor": "bukan"})

    assert_error(response, 400, "invalid_cursor")


def test_the_positions_search_pages_the_matches_newest_first(world: World) -> None:
    _documents(world, 5, name="Pranata Komputer")
    _documents(world, 3, name="Analis Pranata")  # newest, though it sorts first by name
    _documents(world, 2, name="Arsiparis")  # no match

    pages = _every_page(client_for(world.organisasi), f"{POSITIONS}?q=pranata&page_size=3")

    assert [len(page) for page in pages] == [3, 3, 2]
    expected = Position.objects.filter(name__icontains="pranata").order_by("-id")
    assert [pk for page in pages for pk in page] == list(expected.values_list("pk", flat=True))


def _cost(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("url", [f"{DOCUMENTS}?q=arsiparis", f"{POSITIONS}?q=arsiparis"])
def test_a_search_costs_the_same_queries_for_one_row_and_for_thirty(world: World, url: str) -> None:
    _documents(world, 1)
    client = client_for(world.organisasi)
    client.get(url)
    with_one = _cost(client, url)

    _documents(world, 29)

    assert _cost(client, url) == with_one
