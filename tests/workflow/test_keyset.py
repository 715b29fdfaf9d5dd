"""Keyset pages over any ordering: every row once, in order, forward and back, NULLs included."""

from __future__ import annotations

import pytest

from submissions.models import Position, PositionKind
from tests.builders import World
from tests.documents import complete_draft
from web.selectors import SORTS, PositionFilters, positions_with_status
from workflow import keyset


def _walk_forward(queryset, keys, size):
    pages, cursor = [], None
    while True:
        page = keyset.page(queryset, keys, cursor, size)
        pages.append(page)
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


@pytest.mark.parametrize("sort", list(SORTS))
def test_walking_the_pages_shows_every_position_once_in_the_lists_order(world: World, sort: str) -> None:
    Position.objects.bulk_create(
        Position(opd=opd, name=f"Pelaksana {i % 4}", kind=PositionKind.PELAKSANA, sub_unit=f"Seksi {i}")
        for i, opd in enumerate([world.opd, world.other_opd] * 6)
    )
    complete_draft(world)  # one position with a document (state and deadline), the rest without
    queryset = positions_with_status(world.organisasi, PositionFilters(sort=sort))
    keys = SORTS[sort][1]

    pages = _walk_forward(queryset, keys, size=5)
    walked = [p.pk for page in pages for p in page.rows]
    back: list[int] = []
    cursor = pages[-1].previous_cursor
    while cursor:
        page = keyset.page(queryset, keys, cursor, 5)
        back = [p.pk for p in page.rows] + back
        cursor = page.previous_cursor

    assert walked == [p.pk for p in queryset]
    assert back + [p.pk for p in pages[-1].rows] == walked
    assert len(walked) == len(set(walked)) == 13


def test_a_forged_or_foreign_cursor_is_refused(world: World) -> None:
    keys = SORTS["nama"][1]
    good = keyset.encode(keyset.NEXT, ["Pelaksana", "", 1])

    with pytest.raises(keyset.InvalidCursor):
        keyset.decode(good[:-2] + "xx", len(keys))
    with pytest.raises(keyset.InvalidCursor):
        keyset.decode(good, len(keys) + 1)
    assert keyset.decode(good, len(keys)) == (keyset.NEXT, ["Pelaksana", "", 1])
