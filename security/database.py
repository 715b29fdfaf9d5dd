"""The application's database role owns nothing: a migration role owns the tables.

With DATABASE_MIGRATION_URL set, `migrate` and `grant_app_privileges` connect as the owner (see
config/settings.py) and every other process as DATABASE_URL's role. That role may read and write
rows, but on the append-only tables (the transition log, the content snapshots, the level texts,
the content sets and their rows) only read and insert: no UPDATE, DELETE or TRUNCATE, and, not
being the owner, no ALTER TABLE ... DISABLE TRIGGER. On SQLite, or with one role for everything,
there is nothing to grant.
"""

from __future__ import annotations

from django.apps import apps
from django.db.backends.base.base import BaseDatabaseWrapper
from psycopg import sql

APPEND_ONLY_MODELS = (
    ("workflow", "TransitionLog"),
    ("workflow", "Snapshot"),
    # The dictionary texts documents were approved with (INSERT ... ON CONFLICT DO NOTHING needs only INSERT).
    ("submissions", "LevelText"),
    # The rows documents share (submissions.models.content_sets): a saved edit stores a new set.
    ("submissions", "CompetencySet"),
    ("submissions", "CompetencyRow"),
    ("submissions", "RequirementSet"),
    ("submissions", "RequirementRow"),
)


def append_only_tables() -> list[str]:
    return [apps.get_model(app, model)._meta.db_table for app, model in APPEND_ONLY_MODELS]


def grant_app_privileges(connection: BaseDatabaseWrapper, role: str) -> list[str]:
    """Give `role` what the application needs; returns the statements run (idempotent)."""
    who = sql.Identifier(role)
    statements = [
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(who),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(who),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(who),
        sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(
            sql.SQL(", ").join(sql.Identifier(table) for table in append_only_tables()), who
        ),
    ]
    with connection.cursor() as cursor:
        texts = [statement.as_string(cursor.connection) for statement in statements]
        for text in texts:
            cursor.execute(text)
    return texts
