"""The documents' stored search vectors, written once at the end of a bulk load.

The triggers of submissions migration 0011 refresh the vectors of the documents each statement
touched. Within a bulk load (demo/scale/bulk.py) every COPY batch would then refresh its documents
while the tables have no secondary indexes: measured at 100,000 documents, the load took 124 s
instead of 46 s. So for the load the tables' own triggers are off, and one set-based pass writes
the vector of every document that has none, before the indexes (the GIN one too) are built.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

__all__ = ["vectors_at_the_end"]

# The content rows are not loaded: documents point at sets stored before the load.
TABLES = ("submissions_position", "submissions_submission")


@contextmanager
def vectors_at_the_end() -> Iterator[None]:
    """Within the bulk load's transaction: triggers off while loading, one refresh on exit."""
    assert connection.in_atomic_block
    with connection.cursor() as cursor:
        for table in TABLES:
            # USER: the triggers the migrations wrote, not the ones behind foreign keys.
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT submissions_refresh_vectors(ARRAY("
            "SELECT id FROM submissions_submission WHERE search_vector IS NULL))"
        )
        for table in TABLES:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
