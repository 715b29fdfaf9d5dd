"""The search's keyset pages: each page starts right after the last row of the one before, with no
row shown twice or left out (equal ranks too), a forged cursor is refused, and a page costs the
same few queries for one match or many."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from submissions.models import Position, PositionKind, Submission
from tests.builders import World
from workflow import keyset, search
from workflow.machine import State
from workflow.search import matching, ranked_page


def _documents(world: World, n: int, *, name: str = "Pelaksana", summary: str = "Kelola arsip") -> list[int]:
    """`n` documents of world.opd, oldest first (rows written directly: fast; the trigger still
    writes each one's search vector)."""
    first = Position.objects.count()
    positions = Position.objects.bulk_create(
        Position(opd=world.opd, name=f"{name} {first + i}", kind=PositionKind.PELAKSANA) for i in range(n)
    )
    created = Submission.objects.bulk_create(
        Submission(position=p, state=State.DRAFT, summary=summary, created_by=world.drafter)
        for p in positions
    )
    return [s.pk for s in created]


def _read_all(query: str, size: int) -> list[list[int]]:
    pages, cursor = [], None
    while True:
        page = ranked_page(matching(Submission.objects.all(), query), query, cursor, size)
        pages.append([s.pk for s in page.rows])
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


def test_pages_of_equal_ranks_continue_exactly_across_the_window_and_after_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _documents(world, 7)  # the same text: every rank is equal
    monkeypatch.setattr(search, "RANK_WINDOW", 3)

    pages = _read_all("arsip", size=2)

    assert [len(p) for p in pages] == [2, 2, 2, 1]
    assert [pk for p in pages for pk in p] == sorted(ids, reverse=True)


def test_within_the_window_the_best_match_comes_first(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    in_summary = _documents(world, 3, summary="Arsiparis pelaksana")
    in_name = _documents(world, 1, name="Arsiparis", summary="Mengelola")
    newer_in_summary = _documents(world, 2, summary="Arsiparis pelaksana")
    monkeypatch.setattr(search, "RANK_WINDOW", 4)

    found = [pk for p in _read_all("Arsiparis", size=2) for pk in p]

    window = [in_name[0], *sorted([*newer_in_summary, in_summary[2]], reverse=True)]
    assert found == [*window, in_summary[1], in_summary[0]]


def test_a_document_added_while_reading_shows_no_row_twice(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _documents(world, 6)
    monkeypatch.setattr(search, "RANK_WINDOW", 4)
    matches = matching(Submission.objects.all(), "arsip")
    first = ranked_page(matches, "arsip", None, 3)

    _documents(world, 2)
    rest = ranked_page(matches, "arsip", first.next_cursor, 10)

    shown = [s.pk for s in first.rows] + [s.pk for s in rest.rows]
    assert sorted(shown, reverse=True) == sorted(ids, reverse=True) == shown


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        keyset.encode(keyset.NEXT, [1, 2]),  # a positions page's cursor
        keyset.encode(keyset.NEXT, ["x", None, None, 5]),
        keyset.encode(keyset.NEXT, [search.IN_WINDOW, 1, "best", 5]),
    ],
    # Named, not shown: a signed cursor holds the second it was made, and pytest-xdist's workers
    # must collect the same test ids.
    ids=["garbage", "a-positions-cursor", "an-unknown-phase", "a-rank-that-is-not-a-number"],
)
def test_a_cursor_the_search_did_not_write_is_refused(world: World, cursor: str) -> None:
    _documents(world, 2)

    with pytest.raises(keyset.InvalidCursor):
        ranked_page(matching(Submission.objects.all(), "arsip"), "arsip", cursor, 10)


def _queries(query: str, cursor: str | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        ranked_page(matching(Submission.objects.all(), query), query, cursor, 25)
    return len(queries.captured_queries)


def test_a_page_costs_the_same_queries_for_one_match_and_for_many(world: World) -> None:
    _documents(world, 1)
    with_one = _queries("arsip")

    _documents(world, 60)

    # The query's parts and the lists having them (workflow.search_terms); then, with fewer
    # matches than the window: the index's ids, their ranks, the page's rows.
    assert with_one == _queries("arsip") == 2 + 3


def test_a_page_after_the_window_costs_one_query_more(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    _documents(world, 40)
    monkeypatch.setattr(search, "RANK_WINDOW", 10)
    first = ranked_page(matching(Submission.objects.all(), "arsip"), "arsip", None, 25)

    # Each page first reads the query's parts and the lists having them (workflow.search_terms).
    assert _queries("arsip", first.next_cursor) == 2 + 2  # beyond the window: the older ids, the rows
    # More matches than the window: the probe of the index, the window, the older ids, the rows.
    assert _queries("arsip") == 2 + 4
