"""The search queries are written so that PostgreSQL can answer them from the GIN indexes.

With sequential scans discouraged, the plan names the index exactly when the query's expression
is the indexed one: a change to either side (a different COALESCE, a cast, UPPER) shows here.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from submissions.models import Position
from tests.builders import World
from workflow.search import _candidates

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


def test_the_documents_search_finds_its_candidates_through_the_full_text_indexes(world: World) -> None:
    candidates = _candidates("Arsiparis S-1")
    assert candidates is not None

    plan = _plan(candidates.sql, list(candidates.params))

    for index in ("position_name_fts", "submission_summary_fts", "competencyrow_fts", "requirementrow_fts"):
        assert index in plan


def test_a_query_of_levels_or_negations_only_is_not_narrowed() -> None:
    assert _candidates("level 4") is None
    assert _candidates("-Arsiparis") is None
    assert _candidates("formasi 008198") is not None
