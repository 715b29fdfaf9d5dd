"""The busiest append-only tables carry no index that holds mostly nothing: the transition log's
package and decree indexes cover only the rows that have one, and the notifications' idempotency
key has its unique index alone, without PostgreSQL's extra index for LIKE."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="index definitions are PostgreSQL's"),
]


def _indexes(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        return dict(cursor.fetchall())


def test_the_logs_package_and_decree_indexes_leave_out_the_rows_without_one() -> None:
    definitions = [
        d for d in _indexes("workflow_transitionlog").values() if "package_id" in d or "decree_id" in d
    ]

    assert len(definitions) == 2
    assert all("WHERE" in d and "IS NOT NULL" in d for d in definitions)


def test_the_idempotency_key_has_one_unique_index_and_no_index_for_like() -> None:
    definitions = [d for d in _indexes("notifications_notification").values() if "idempotency_key" in d]

    assert len(definitions) == 1
    assert "UNIQUE" in definitions[0]
    assert "pattern_ops" not in definitions[0]
