"""A large PostgreSQL load with the tables' secondary indexes and foreign keys built once, at the end.

Measured on a 20,000-document run, about half of the server's time went into keeping a dozen
B-tree indexes per table up to date row by row and into the deferred foreign-key triggers, which
check every row once more at each commit (one index probe per key and row). Building an index
over rows that are already there is one sort, and adding a foreign key back checks the whole table
in one join; both are far cheaper than the same work spread over millions of inserts.

So, for a large load, the caller's single transaction drops every index and constraint of the filled
tables except the primary keys (other tables' foreign keys point at those), loads, then creates
them again from the definitions PostgreSQL gave before the drop. Uniqueness and foreign keys are
therefore still checked, over the whole table: a violation fails the re-creation and rolls the
whole load back, indexes included, as if nothing had happened. The tables are locked exclusively
for the length of the load, which is why this is for seeding a benchmark database, not a live one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from django.db.backends.utils import CursorWrapper

__all__ = ["Definitions", "deferred_indexes"]

# Memory for each index build (a sort of up to 13 million rows); the default 64 MB spills to disk.
MAINTENANCE_WORK_MEM = "256MB"


@dataclass(frozen=True)
class Definitions:
    """What was dropped, in the order it must come back: indexes first, then constraints on them."""

    indexes: list[tuple[str, str]]  # (index name, CREATE INDEX statement)
    constraints: list[tuple[str, str, str]]  # (table, constraint name, definition)


@contextmanager
def deferred_indexes(tables: Sequence[str]) -> Iterator[Definitions]:
    """Within an open transaction: drop the tables' secondary indexes and constraints, restore on exit."""
    assert connection.vendor == "postgresql"
    assert connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
        # Nothing is lost if the machine fails before the commit is on disk: the load is redone.
        cursor.execute("SET LOCAL synchronous_commit = off")
        # Rows written earlier in the same transaction (a test's, say) still owe their deferred
        # foreign-key checks, and PostgreSQL alters no table with checks pending: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        # The drops below lock the tables anyway; said once here because the writers rely on it
        # (nobody else inserts, so ids are reserved a block at a time).
        cursor.execute(f"LOCK TABLE {', '.join(_quote(t) for t in tables)} IN ACCESS EXCLUSIVE MODE")
        definitions = _definitions(cursor, tables)
        for table, name, _ in reversed(definitions.constraints):  # foreign keys before what they need
            cursor.execute(f"ALTER TABLE {_quote(table)} DROP CONSTRAINT {_quote(name)}")
        for name, _ in definitions.indexes:
            cursor.execute(f"DROP INDEX {_quote(name)}")
    yield definitions
    with connection.cursor() as cursor:
        for _, statement in definitions.indexes:
            cursor.execute(statement)
        for table, name, definition in definitions.constraints:
            cursor.execute(f"ALTER TABLE {_quote(table)} ADD CONSTRAINT {_quote(name)} {definition}")


def _definitions(cursor: CursorWrapper, tables: Sequence[str]) -> Definitions:
    # Unique, foreign-key and exclusion constraints are dropped; check constraints cost little per
    # row and stay. An index that backs a constraint goes with its constraint.
    cursor.execute(
        """
        SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
        FROM pg_constraint c
        WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('u', 'f', 'x')
        ORDER BY c.contype DESC, c.conrelid::regclass::text, c.conname
        """,
        [list(tables)],
    )
    constraints = [(str(t), str(n), str(d)) for t, n, d in cursor.fetchall()]
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(x.indexrelid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = ANY(%s::regclass[]) AND NOT x.indisprimary
          AND NOT EXISTS (
            SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid
          )
        ORDER BY x.indrelid::regclass::text, i.relname
        """,
        [list(tables)],
    )
    indexes = [(str(n), str(s)) for n, s in cursor.fetchall()]
    return Definitions(indexes=indexes, constraints=constraints)


def _quote(name: str) -> str:
    return str(connection.ops.quote_name(name))
