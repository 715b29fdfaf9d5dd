"""The search queries are written so that PostgreSQL can answer them from the GIN indexes.

With sequential scans discouraged, the plan names the index exactly when the query's expression
is the indexed one: a change to either side (a different COALESCE, a cast, UPPER) shows here.
The documents' own search reads its stored vector's index (tests/workflow/test_search_vector.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from submissions.models import Position
from tests.builders import World

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN indexes are PostgreSQL's")


def _plan(sql: str, params: list[Any]) -> str:
    with connection.cursor() as cursor:
        # Only bitmap scans left: those need a condition an index can answer, so the plan shows
        # which index serves the search, whatever the statistics earlier tests left behind (a full
        # scan of another index, e.g. the B-tree that serves the order, is no answer to ILIKE).
        for path in ("seqscan", "indexscan", "indexonlyscan"):
            cursor.execute(f"SET LOCAL enable_{path} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_name_search_on_positions_uses_the_trigram_index(world: World) -> None:
    sql, params = Position.objects.filter(name__icontains="Arsiparis").values("pk").query.sql_with_params()

    assert "position_name_trgm" in _plan(sql, list(params))
