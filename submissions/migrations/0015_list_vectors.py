"""Issue 15: the words of a competency list and of a requirement list are stored once per list.

Since 0014 a document's rows are stored once per distinct list, but every document's stored vector
still held the words of its lists: at 1,000,000 documents 510 of its 819 bytes were the words of
its competency list, the same in every document with that list (and 137 those of its
requirements). Each set now has a vector of its own (`search_vector`, with a GIN index), and the
document's vector keeps only its own words: the position's name and the summary. workflow.search
matches a document by its vector joined with its two lists' (`own || competencies ||
requirements`: exactly the vector 0011 stored, positions and weights included, so ranking is
unchanged), and reaches candidates through the document's GIN index or the sets' ids (new indexes
on `competency_set_id` and `requirement_set_id`).

A set's vector is written by a statement trigger when its rows are inserted (its rows come after
the set itself, and never change afterwards). So the append-only trigger of the two set tables
refuses an UPDATE of their id or digest only; the rows' tables stay fully append-only. The
trigger's function runs as its owner (SECURITY DEFINER, with the search path it was created
with): the application's database role may only read and insert sets (grant_app_privileges).

At 1,000,000 documents this rewrites every document's vector once (one UPDATE); run `VACUUM
FULL submissions_submission` (or pg_repack) afterwards to get the space back. PostgreSQL only.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.db import migrations

OLD_0014 = "submissions.migrations.0014_content_sets"

COMPETENCIES = "COALESCE(t.code, '') || ' ' || COALESCE(t.name, '') || ' level ' || c.level::text"

# (set table, row table, the joined text of a set's rows, its join, its weight as in 0011's vector)
LISTS = (
    (
        "submissions_competencyset",
        "submissions_competencyrow",
        f"""string_agg({COMPETENCIES}, ' ' ORDER BY c."order", c.id)""",
        "submissions_competencyrow AS c JOIN submissions_leveltext AS t ON t.id = c.text_id",
        "B",
    ),
    (
        "submissions_requirementset",
        "submissions_requirementrow",
        """string_agg(COALESCE(c.text, ''), ' ' ORDER BY c."order", c.id)""",
        "submissions_requirementrow AS c",
        "C",
    ),
)


def _set_vectors(joined: str, rows: str, weight: str, which: str) -> str:
    """The (set_id, vector) of the sets `which` selects, from their rows."""
    return f"""
        SELECT c.set_id, setweight(to_tsvector('simple'::regconfig, {joined}), '{weight}') AS vector
          FROM {rows}
         WHERE {which}
         GROUP BY c.set_id"""


def _list_statements() -> list[str]:
    statements = []
    for set_table, row_table, joined, rows, weight in LISTS:
        function = f"{set_table}_vectors"
        statements += [
            f"ALTER TABLE {set_table} ADD COLUMN search_vector tsvector",
            # The vector is the only column written after the set: id and digest stay refused.
            f"DROP TRIGGER {set_table}_append_only ON {set_table}",
            f"CREATE TRIGGER {set_table}_append_only BEFORE UPDATE OF id, digest ON {set_table} "
            "FOR EACH ROW EXECUTE FUNCTION submissions_content_set_append_only()",
            f"""
CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE {set_table} AS s SET search_vector = v.vector
      FROM ({_set_vectors(joined, rows, weight, "c.set_id IN (SELECT set_id FROM new_rows)")}) AS v
     WHERE s.id = v.set_id;
    RETURN NULL;
END $$
""",
            f"CREATE TRIGGER {row_table}_set_vector AFTER INSERT ON {row_table} "
            f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
            f"""
UPDATE {set_table} AS s SET search_vector = v.vector
  FROM ({_set_vectors(joined, rows, weight, "true")}) AS v
 WHERE s.id = v.set_id
""",
            f"CREATE INDEX {set_table.removeprefix('submissions_')}_search_vector_gin "
            f"ON {set_table} USING gin (search_vector)",
        ]
    return statements


OWN_WORDS = [
    """
CREATE OR REPLACE FUNCTION submissions_refresh_vectors(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE submissions_submission AS s
       SET search_vector = submissions_document_vector(p.name, s.summary, NULL, NULL)
      FROM submissions_position AS p
     WHERE s.id IN (SELECT DISTINCT id FROM unnest(ids) AS u(id)) AND p.id = s.position_id
$$
""",
    """
CREATE OR REPLACE FUNCTION submissions_submission_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := submissions_document_vector(
        (SELECT p.name FROM submissions_position AS p WHERE p.id = NEW.position_id), NEW.summary, NULL, NULL);
    RETURN NEW;
END $$
""",
    # Pointing the document at other lists no longer changes its own vector.
    "DROP TRIGGER submission_vector_update ON submissions_submission",
    """
CREATE TRIGGER submission_vector_update BEFORE UPDATE OF summary, position_id ON submissions_submission
    FOR EACH ROW WHEN (OLD.summary IS DISTINCT FROM NEW.summary OR OLD.position_id IS DISTINCT FROM NEW.position_id)
    EXECUTE FUNCTION submissions_submission_vector()
""",
    """
UPDATE submissions_submission AS s
   SET search_vector = submissions_document_vector(p.name, s.summary, NULL, NULL)
  FROM submissions_position AS p
 WHERE p.id = s.position_id
""",
    # Candidates by their lists: a list's words find its sets, the sets' ids find the documents.
    "CREATE INDEX submission_competency_set ON submissions_submission (competency_set_id)",
    "CREATE INDEX submission_requirement_set ON submissions_submission (requirement_set_id)",
]


def _back_statements() -> list[str]:
    statements = [
        "DROP INDEX IF EXISTS submission_competency_set",
        "DROP INDEX IF EXISTS submission_requirement_set",
        *import_module(OLD_0014).VECTOR_FROM_SETS,
        "SELECT submissions_refresh_vectors(ARRAY(SELECT id FROM submissions_submission))",
    ]
    for set_table, row_table, *_rest in LISTS:
        statements += [
            f"DROP TRIGGER {set_table}_append_only ON {set_table}",
            f"CREATE TRIGGER {set_table}_append_only BEFORE UPDATE ON {set_table} "
            "FOR EACH ROW EXECUTE FUNCTION submissions_content_set_append_only()",
            f"DROP TRIGGER IF EXISTS {row_table}_set_vector ON {row_table}",
            f"DROP FUNCTION IF EXISTS {set_table}_vectors()",
            f"ALTER TABLE {set_table} DROP COLUMN IF EXISTS search_vector",
        ]
    return statements


def _on_postgresql(statements: Any) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements():
                schema_editor.execute(statement, params=None)

    return run


def _forward() -> list[str]:
    return [*_list_statements(), *OWN_WORDS]


class Migration(migrations.Migration):
    dependencies = [("submissions", "0014_content_sets")]

    operations = [
        migrations.RunPython(_on_postgresql(_forward), _on_postgresql(_back_statements), elidable=False),
    ]
