"""Issue 15: a stored, weighted search vector per document, kept by PostgreSQL itself.

`q=` built the ranked vector of every matching document at query time (the position's name, the
summary, every competency and requirement row aggregated per document), 2.6-3.8 s at 100,000
documents for a common word. The column `search_vector` holds that same vector, with a GIN index,
and triggers keep it current: a document's own insert or a change of its summary or position, a
competency or requirement row inserted, changed or deleted, a position renamed. Triggers rather
than the services because every writer changes these tables (the content service, revisions that
copy rows, the peta jabatan import renaming positions, seed_scale's COPY, the admin); a trigger
misses none of them.

The row and position triggers are per statement with transition tables, and refresh the affected
documents in one set-based UPDATE (one join, no lookup per row), so a COPY of a million rows costs
one pass, even while demo/scale/bulk.py has dropped the secondary indexes.

The column is not a model field: Django never writes it, so a `save()` of a document loaded before
its rows changed cannot put back a stale vector. workflow.search reads it by name. The four
expression indexes of 0009 that only fed the old candidate query are dropped (the positions'
trigram indexes stay). PostgreSQL only: SQLite keeps workflow.search's word-by-word fallback.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.db import migrations

# The same vector, weights and order as the one workflow.search built before (a change here is a
# change of ranking): name A, summary B, competencies B ("code name level N", joined by a space),
# requirements C, each through the `simple` configuration.
VECTOR = """
CREATE FUNCTION submissions_document_vector(name text, summary text, competencies text, requirements text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple'::regconfig, COALESCE(name, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, COALESCE(summary, '')), 'B')
        || setweight(to_tsvector('simple'::regconfig, COALESCE(competencies, '')), 'B')
        || setweight(to_tsvector('simple'::regconfig, COALESCE(requirements, '')), 'C')
$$;

CREATE FUNCTION submissions_refresh_vectors(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    WITH wanted AS (SELECT DISTINCT id FROM unnest(ids) AS u(id)),
    competencies AS (
        SELECT c.submission_id AS id,
               string_agg(COALESCE(c.code, '') || ' ' || COALESCE(c.name, '') || ' level ' || c.level::text,
                          ' ' ORDER BY c.id) AS joined
          FROM submissions_competencyrow AS c JOIN wanted AS w ON w.id = c.submission_id
         GROUP BY c.submission_id),
    requirements AS (
        SELECT r.submission_id AS id, string_agg(COALESCE(r.text, ''), ' ' ORDER BY r.id) AS joined
          FROM submissions_requirementrow AS r JOIN wanted AS w ON w.id = r.submission_id
         GROUP BY r.submission_id)
    UPDATE submissions_submission AS s
       SET search_vector = submissions_document_vector(p.name, s.summary, c.joined, r.joined)
      FROM wanted AS w
      JOIN submissions_position AS p ON true
      LEFT JOIN competencies AS c ON c.id = w.id
      LEFT JOIN requirements AS r ON r.id = w.id
     WHERE s.id = w.id AND p.id = s.position_id
$$;

-- A document's own row: at insert it has no content rows yet (they point at it), so the name
-- and the summary are the whole vector; a later change of summary or position reads its rows.
CREATE FUNCTION submissions_submission_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.search_vector := submissions_document_vector(
            (SELECT p.name FROM submissions_position AS p WHERE p.id = NEW.position_id),
            NEW.summary, NULL, NULL);
    ELSE
        NEW.search_vector := submissions_document_vector(
            (SELECT p.name FROM submissions_position AS p WHERE p.id = NEW.position_id),
            NEW.summary,
            (SELECT string_agg(
                        COALESCE(c.code, '') || ' ' || COALESCE(c.name, '') || ' level ' || c.level::text,
                        ' ' ORDER BY c.id)
               FROM submissions_competencyrow AS c WHERE c.submission_id = NEW.id),
            (SELECT string_agg(COALESCE(r.text, ''), ' ' ORDER BY r.id)
               FROM submissions_requirementrow AS r WHERE r.submission_id = NEW.id));
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION submissions_rows_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM submissions_refresh_vectors(ARRAY(SELECT DISTINCT submission_id FROM new_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION submissions_rows_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM submissions_refresh_vectors(ARRAY(SELECT DISTINCT submission_id FROM old_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION submissions_rows_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM submissions_refresh_vectors(ARRAY(
        SELECT submission_id FROM new_rows UNION SELECT submission_id FROM old_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION submissions_positions_named() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM submissions_refresh_vectors(ARRAY(
            SELECT s.id FROM submissions_submission AS s JOIN new_rows AS n ON n.id = s.position_id));
    ELSE
        PERFORM submissions_refresh_vectors(ARRAY(
            SELECT s.id FROM submissions_submission AS s
              JOIN new_rows AS n ON n.id = s.position_id
              JOIN old_rows AS o ON o.id = n.id
             WHERE o.name IS DISTINCT FROM n.name));
    END IF;
    RETURN NULL;
END $$;
"""

TRIGGERS = """
CREATE TRIGGER submission_vector_insert BEFORE INSERT ON submissions_submission
    FOR EACH ROW EXECUTE FUNCTION submissions_submission_vector();
CREATE TRIGGER submission_vector_update BEFORE UPDATE OF summary, position_id ON submissions_submission
    FOR EACH ROW WHEN (OLD.summary IS DISTINCT FROM NEW.summary
                       OR OLD.position_id IS DISTINCT FROM NEW.position_id)
    EXECUTE FUNCTION submissions_submission_vector();
"""

# PostgreSQL allows a transition table only on a trigger of one event: three per row table.
BOTH = "OLD TABLE AS old_rows NEW TABLE AS new_rows"
ROW_TABLES = ("submissions_competencyrow", "submissions_requirementrow")
ROW_TRIGGERS = [
    ("insert", "AFTER INSERT", "REFERENCING NEW TABLE AS new_rows", "submissions_rows_inserted"),
    (
        "update",
        "AFTER UPDATE",
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "submissions_rows_updated",
    ),
    ("delete", "AFTER DELETE", "REFERENCING OLD TABLE AS old_rows", "submissions_rows_deleted"),
]
POSITION_TRIGGERS = [
    ("insert", "AFTER INSERT", "REFERENCING NEW TABLE AS new_rows"),
    ("update", "AFTER UPDATE", f"REFERENCING {BOTH}"),
]

FUNCTIONS = [
    "submissions_positions_named()",
    "submissions_rows_updated()",
    "submissions_rows_deleted()",
    "submissions_rows_inserted()",
    "submissions_submission_vector()",
    "submissions_refresh_vectors(bigint[])",
    "submissions_document_vector(text, text, text, text)",
]
OLD_INDEXES = ("position_name_fts", "submission_summary_fts", "competencyrow_fts", "requirementrow_fts")


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute("ALTER TABLE submissions_submission ADD COLUMN search_vector tsvector")
    execute(VECTOR)
    execute(TRIGGERS)
    for table in ROW_TABLES:
        for event, timing, referencing, function in ROW_TRIGGERS:
            execute(
                f"CREATE TRIGGER {table}_vector_{event} {timing} ON {table} {referencing} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
    for event, timing, referencing in POSITION_TRIGGERS:
        execute(
            f"CREATE TRIGGER submissions_position_vector_{event} {timing} ON submissions_position "
            f"{referencing} FOR EACH STATEMENT EXECUTE FUNCTION submissions_positions_named()"
        )
    # The backfill: every document, in one set-based pass.
    execute("SELECT submissions_refresh_vectors(ARRAY(SELECT id FROM submissions_submission))")
    execute("CREATE INDEX submission_search_vector_gin ON submissions_submission USING gin (search_vector)")
    execute("ANALYZE submissions_submission")  # the planner's statistics of the new column
    for name in OLD_INDEXES:
        execute(f"DROP INDEX IF EXISTS {name}")


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    for table in ROW_TABLES:
        for event, *_rest in ROW_TRIGGERS:
            execute(f"DROP TRIGGER IF EXISTS {table}_vector_{event} ON {table}")
    for event, *_rest in POSITION_TRIGGERS:
        execute(f"DROP TRIGGER IF EXISTS submissions_position_vector_{event} ON submissions_position")
    for name in ("submission_vector_insert", "submission_vector_update"):
        execute(f"DROP TRIGGER IF EXISTS {name} ON submissions_submission")
    execute("ALTER TABLE submissions_submission DROP COLUMN IF EXISTS search_vector")
    for function in FUNCTIONS:
        execute(f"DROP FUNCTION IF EXISTS {function}")
    # 0009's expression indexes come back as they were (its trigram indexes are still there).
    import_module("submissions.migrations.0009_search_indexes").create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("submissions", "0010_export_decree_and_package_books")]

    operations = [migrations.RunPython(create, drop)]
