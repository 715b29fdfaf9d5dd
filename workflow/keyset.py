"""Keyset pagination over any ordering, for the pages and the API: no COUNT(*), no OFFSET.

A page is the `size` rows after (or before) the row a cursor names, found with a condition on the
ordering's columns, so page 1,000 costs what page 1 costs whenever an index serves the order. The
cursor is opaque to the reader (the signed key values of the row it continues from); one we did
not write is refused with `InvalidCursor`. The last key must be unique (the primary key), so no row
is shown twice or skipped; NULLs sort last, on every database alike.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core import signing
from django.db.models import CharField, F, Func, Model, Q, QuerySet
from django.db.models.expressions import OrderBy

T = TypeVar("T", bound=Model)
NEXT, PREVIOUS = "n", "p"
MAX_CURSOR_LENGTH = 2000
SALT = "workflow.keyset"


class InvalidCursor(ValueError):
    """A cursor this module did not write (or one for another ordering)."""


@dataclass(frozen=True)
class Key:
    """One column of the ordering: a field or annotation name, its direction, whether it may be NULL.

    A NOT NULL key orders plainly, so a B-tree index serves it both ways; a nullable one puts NULLs
    last going forward (first walking back), the same on PostgreSQL and SQLite.
    """

    name: str
    descending: bool = False
    nullable: bool = False

    def order(self, reverse: bool = False) -> OrderBy:
        expression = F(self.name)
        descending = self.descending != reverse
        if not self.nullable:
            return expression.desc() if descending else expression.asc()
        nulls = {"nulls_first": True} if reverse else {"nulls_last": True}
        return expression.desc(**nulls) if descending else expression.asc(**nulls)


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: list[T]
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.previous_cursor)


class Unindexed(Func):
    """A text column as an expression no index serves (`name || ''`), sorting as the column does.

    Ordering by it makes the planner sort the rows a condition found (from their own index)
    instead of walking the column's index in order and testing every row on the way.
    """

    template = "(%(expressions)s || '')"
    output_field = CharField()


def ordered(queryset: QuerySet[T], keys: Sequence[Key]) -> QuerySet[T]:
    return queryset.order_by(*(key.order() for key in keys))


def page(queryset: QuerySet[T], keys: Sequence[Key], cursor: str | None, size: int) -> Page[T]:
    """The page `cursor` points at (the first page without one), `size` rows, one extra read."""
    direction, values = decode(cursor, len(keys)) if cursor else (NEXT, None)
    backwards = direction == PREVIOUS
    selected = queryset
    if values is not None:
        selected = selected.filter(_beyond(keys, values, backwards))
    selected = selected.order_by(*(key.order(reverse=backwards) for key in keys))
    rows = list(selected[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    if not rows:
        return Page(rows, None, None)
    # Walking forward, a previous page exists when we came from a cursor; walking back, a next one.
    has_next = more if not backwards else True
    has_previous = values is not None if not backwards else more
    return Page(
        rows,
        encode(NEXT, _values(rows[-1], keys)) if has_next else None,
        encode(PREVIOUS, _values(rows[0], keys)) if has_previous else None,
    )


def _values(row: Any, keys: Sequence[Key]) -> list[Any]:
    return [_value(row, key.name) for key in keys]


def _value(row: Any, name: str) -> Any:
    """`opd__name` read through the related objects the queryset selected."""
    for part in name.split("__"):
        row = getattr(row, part)
    return row


def _beyond(keys: Sequence[Key], values: Sequence[Any], backwards: bool) -> Q:
    """Rows strictly after `values` in the order of `keys` (before them when walking back)."""
    condition = Q(pk__in=[])  # after the last (unique) key nothing ties
    pairs = list(zip(keys, values, strict=True))
    for key, value in reversed(pairs):
        later = key.descending == backwards  # the column grows in the walking direction
        name = key.name
        if value is None:
            # NULLs are last going forward: after a NULL come only NULLs; going back, every value.
            tied = Q(**{f"{name}__isnull": True}) & condition
            condition = (Q(**{f"{name}__isnull": False}) | tied) if backwards else tied
            continue
        beyond = Q(**{f"{name}__{'gt' if later else 'lt'}": value})
        if key.nullable and not backwards:
            beyond |= Q(**{f"{name}__isnull": True})
        condition = beyond | (Q(**{name: value}) & condition)
    first, value = pairs[0]
    if not first.nullable and value is not None:
        # The same bound once more, alone: an index on the first key then starts at the cursor
        # instead of filtering every row before it (the OR above is not a range to the planner).
        later = first.descending == backwards
        condition &= Q(**{f"{first.name}__{'gte' if later else 'lte'}": value})
    return condition


def encode(direction: str, values: Sequence[Any]) -> str:
    return signing.dumps([direction, [_plain(value) for value in values]], salt=SALT)


def decode(cursor: str, length: int) -> tuple[str, list[Any]]:
    """The direction and key values of a cursor; signed, so a forged value never reaches a query."""
    if len(cursor) > MAX_CURSOR_LENGTH or not cursor.isascii():
        raise InvalidCursor(cursor)
    try:
        direction, plain = signing.loads(cursor, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidCursor(cursor) from error
    if direction not in (NEXT, PREVIOUS) or not isinstance(plain, list) or len(plain) != length:
        raise InvalidCursor(cursor)
    return direction, [_typed(value) for value in plain]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return {"t": value.isoformat()}
    return value


def _typed(value: Any) -> Any:
    if isinstance(value, dict):
        try:
            return datetime.datetime.fromisoformat(str(value["t"]))
        except (KeyError, ValueError) as error:
            raise InvalidCursor(str(value)) from error
    if value is None or (isinstance(value, str | int) and not isinstance(value, bool)):
        return value
    if isinstance(value, float) and math.isfinite(value):  # a search rank (workflow.search)
        return value
    raise InvalidCursor(str(value))
