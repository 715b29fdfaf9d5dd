"""Issue 15: indexes for `q=` and for the positions' keyset order.

pg_trgm GIN indexes serve the positions' `icontains` (Django compares UPPER(column) LIKE
UPPER('%word%'), so the indexes are on UPPER(column)); full-text GIN indexes on the same
`to_tsvector('simple', ...)` expressions workflow.search uses let it find candidate documents
through an index before ranking them. PostgreSQL only: other databases keep their plain scans.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

GIN = [
    ("position_name_trgm", "submissions_position", "UPPER(name::text)", "gin_trgm_ops"),
    ("position_sub_unit_trgm", "submissions_position", "UPPER(sub_unit::text)", "gin_trgm_ops"),
    ("position_code_trgm", "submissions_position", "UPPER(code::text)", "gin_trgm_ops"),
    ("position_name_fts", "submissions_position", "to_tsvector('simple'::regconfig, COALESCE(name, ''))", ""),
    (
        "submission_summary_fts",
        "submissions_submission",
        "to_tsvector('simple'::regconfig, COALESCE(summary, ''))",
        "",
    ),
    (
        "competencyrow_fts",
        "submissions_competencyrow",
        "to_tsvector('simple'::regconfig, COALESCE(code, '') || ' ' || COALESCE(name, ''))",
        "",
    ),
    (
        "requirementrow_fts",
        "submissions_requirementrow",
        "to_tsvector('simple'::regconfig, COALESCE(text, ''))",
        "",
    ),
]


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, expression, opclass in GIN:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expression}) {opclass})"
        )


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, *_rest in GIN:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("submissions", "0008_submission_scope_columns")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create, drop),
        migrations.AddIndex(
            model_name="position",
            index=models.Index(fields=["name", "sub_unit", "id"], name="position_name_keyset"),
        ),
    ]
