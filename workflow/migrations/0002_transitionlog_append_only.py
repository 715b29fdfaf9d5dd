"""The transition log is append-only in the database too (PostgreSQL; SQLite relies on the ORM).

A trigger refuses UPDATE and DELETE of any row, whatever client issues them. TRUNCATE stays
possible on purpose: it needs the table owner's rights, and the test runner empties tables with it.
"""

from django.db import migrations

FUNCTION = "workflow_transitionlog_append_only"
TRIGGER = "workflow_transitionlog_append_only"

# One statement per execute: the driver sends parameterless statements as they are.
CREATE = [
    f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Log transisi hanya dapat ditambah, tidak dapat diubah atau dihapus (% ditolak).', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'The transition log (workflow_transitionlog) is append-only.';
END;
$$ LANGUAGE plpgsql
""",
    f"""
CREATE TRIGGER {TRIGGER}
    BEFORE UPDATE OR DELETE ON workflow_transitionlog
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()
""",
]

DROP = [
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON workflow_transitionlog",
    f"DROP FUNCTION IF EXISTS {FUNCTION}()",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False),
    ]
